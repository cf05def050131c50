using PdWarehouse.Reports.Tables;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// What a reader can deduce about each withheld cell of a small table, found by trying every integer filling of the
/// withheld cells (1 to <c>cap</c>; a zero would have printed "-") against every line of <see cref="PrintedLines"/>,
/// with published cells at their printed value. No linear program and none of the report code's relations: the
/// disclosure audit is checked against this, not against itself. A maximum of <c>cap</c> means "at least cap".
/// </summary>
public static class FeasibleRangesByEnumeration
{
    public static Dictionary<CellRef, (long Low, long High)> Of(ReportTable table, long cap)
    {
        var unknown = new List<CellRef>();
        for (var r = 0; r < table.Rows.Count; r++)
            for (var c = 0; c < table.Columns.Count; c++)
                if (table.Rows[r].Withheld[c]) unknown.Add(new CellRef(r, c));
        var slot = unknown.Select((cell, i) => (cell, i)).ToDictionary(x => x.cell, x => x.i);
        // Each line as (slot or -1, printed value) terms: parts with +1, the total with -1, summing to zero.
        var lines = PrintedLines.Of(table).Select(l => l.Parts.Select(p => (Cell: p, Sign: 1L)).Append((Cell: l.Total, Sign: -1L))
            .Select(t => (Slot: slot.TryGetValue(t.Cell, out var i) ? i : -1, t.Sign, Printed: slot.ContainsKey(t.Cell) ? 0 : table.Value(t.Cell) ?? 0)).ToArray()).ToList();
        var low = Enumerable.Repeat(long.MaxValue, unknown.Count).ToArray();
        var high = Enumerable.Repeat(long.MinValue, unknown.Count).ToArray();
        var solutions = 0L;

        // Fills every line left with a single unknown; false when a line cannot hold.
        bool Propagate(long?[] values)
        {
            bool changed;
            do
            {
                changed = false;
                foreach (var line in lines)
                {
                    long sum = 0, open = 0;
                    var last = -1;
                    foreach (var (s, sign, printed) in line)
                    {
                        if (s < 0) sum += sign * printed;
                        else if (values[s] is long v) sum += sign * v;
                        else { open++; last = s; }
                    }
                    if (open == 0) { if (sum != 0) return false; continue; }
                    // A withheld part is at least 1: the parts still open must fit under what the total leaves.
                    if (line.Where(t => t.Slot >= 0 && values[t.Slot] is null).All(t => t.Sign > 0) && sum + open > 0) return false;
                    if (open > 1) continue;
                    var sign1 = line.First(t => t.Slot == last).Sign;
                    var forced = -sum * sign1;
                    if (forced < 1 || forced > cap) return false;
                    values[last] = forced;
                    changed = true;
                }
            } while (changed);
            return true;
        }

        void Search(long?[] values)
        {
            if (!Propagate(values)) return;
            var next = Array.FindIndex(values, v => v is null);
            if (next < 0)
            {
                solutions++;
                for (var i = 0; i < values.Length; i++)
                {
                    low[i] = Math.Min(low[i], values[i]!.Value);
                    high[i] = Math.Max(high[i], values[i]!.Value);
                }
                return;
            }
            for (long v = 1; v <= cap; v++)
            {
                var copy = (long?[])values.Clone();
                copy[next] = v;
                Search(copy);
            }
        }

        Search(new long?[unknown.Count]);
        if (solutions == 0) throw new InvalidOperationException($"{table.Id}: no filling of the withheld cells satisfies the printed table");
        return unknown.Select((cell, i) => (cell, i)).ToDictionary(x => x.cell, x => (low[x.i], high[x.i]));
    }
}
