using System.Diagnostics;

namespace PdWarehouse.Reports.Tables;

/// <summary>
/// Yearbook disclosure control. Primary suppression withholds every count of people from 1 to
/// <c>minimumCell - 1</c>. Complementary suppression then makes sure no withheld cell can be
/// recovered by subtraction: in every additive relation (a row or column and its total) a withheld
/// cell must have company, so when exactly one cell of a relation is withheld the smallest other
/// non-zero published cell (a part, or failing that the total) is withheld too, until nothing changes.
/// Zeros are never withheld: they are shown as "-" and tell a reader nothing about the other cells.
/// <para>Company in every line is not protection: lines read together, and every withheld cell being at least 1 (a
/// zero would print "-"), can still force a cell. So the table is then audited (<see cref="DisclosureAudit"/>): every
/// withheld cell's feasible range, from everything printed, must span the protection interval
/// (<see cref="ProtectionWidth"/>), and while one does not, a further cell of its relations is withheld.</para>
/// </summary>
public static class Disclosure
{
    /// <summary>
    /// The protection interval: a reader must not be able to narrow any withheld cell to a range spanning fewer than
    /// <c>minimumCell</c> (hi − lo ≥ minimumCell). A withheld count is at least 1, so a cell below the threshold then
    /// has a range reaching past the threshold: the printed table cannot tell it from a count that would have been
    /// published, and no cell is known more closely than the threshold itself (docs/reports.md).
    /// </summary>
    public static long ProtectionWidth(int minimumCell) => minimumCell;

    public static void Apply(ReportTable table, int minimumCell)
    {
        if (!table.DisclosureControlled || minimumCell <= 1) return;
        var started = Stopwatch.GetTimestamp();
        foreach (var row in table.Rows)
            for (var c = 0; c < row.Values.Length; c++)
                if (row.Values[c] is long v && v > 0 && v < minimumCell)
                    row.Withheld[c] = true;

        var relations = table.Relations();
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in relations)
            {
                var cells = relation.Parts.Append(relation.Total).ToList();
                if (cells.Count(table.IsWithheld) != 1) continue;
                var companion = relation.Parts
                    .Where(c => !table.IsWithheld(c) && table.Value(c) is > 0)
                    .OrderBy(c => table.Value(c)).ThenBy(c => c.Row).ThenBy(c => c.Column)
                    .Select(c => (CellRef?)c).FirstOrDefault();
                if (companion is null && !table.IsWithheld(relation.Total) && table.Value(relation.Total) is > 0)
                    companion = relation.Total;
                if (companion is CellRef cell)
                {
                    table.Rows[cell.Row].Withheld[cell.Column] = true;
                    changed = true;
                }
            }
        } while (changed);

        var (withheld, added, narrowest) = Protect(table, ProtectionWidth(minimumCell));

        table.Audit = new TableAudit(table.Id, table.Number, minimumCell, withheld, added, narrowest, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Audits the table and withholds more until every withheld cell's range spans <paramref name="width"/>; returns how
    /// many cells are withheld, how many the audit added, and the narrowest range, exactly.
    /// <para>Most cells need no program of their own: every solution found (the true figures, and each program's optimum)
    /// is a filling of the withheld cells consistent with the printed table, so a cell seen at two values
    /// <paramref name="width"/> apart spans the interval. Each component is first surveyed (<see
    /// cref="DisclosureAudit.ComponentProgram.Survey"/>), and only the cells still seen too close get their own minimum
    /// and maximum.</para>
    /// <para>Withholding only takes knowledge away, so a range never narrows when another cell is withheld: a cell that
    /// passed keeps passing, and what was seen stays possible (the new cell at its true value). Each round gives each
    /// component with failing cells one further cell, chosen for its first failing cell (detail cells first), since that
    /// may be all the others needed: several chosen at once climb to the grand total (each failing cell of a region
    /// taking another region).</para>
    /// </summary>
    private static (int Withheld, int Added, (CellRef, FeasibleRange)? Narrowest) Protect(ReportTable table, long width)
    {
        var audit = new DisclosureAudit(table);
        var totals = audit.Relations.Select(r => r.Total).ToHashSet();
        var seen = new Dictionary<CellRef, (double Low, double High)>();
        void Observe(CellRef cell, double value) =>
            seen[cell] = seen.TryGetValue(cell, out var s) ? (Math.Min(s.Low, value), Math.Max(s.High, value)) : (value, value);
        // Integers a reader cannot rule out: the values seen, rounded inwards against floating-point noise.
        double Spread(CellRef cell) => Math.Floor(seen[cell].High + 1e-6) - Math.Ceiling(seen[cell].Low - 1e-6);
        foreach (var cell in audit.WithheldCells()) Observe(cell, table.Value(cell)!.Value);

        var passed = new HashSet<CellRef>();
        var exact = new Dictionary<CellRef, FeasibleRange>();
        var added = 0;
        while (true)
        {
            var failing = new List<(CellRef Cell, List<CellRef> Component)>();
            foreach (var component in audit.Components().Where(c => !c.All(passed.Contains)))
            {
                using var program = audit.Program(component);
                // Surveys while they prove cells by the handful, then a program per cell still seen too close.
                var open = component.Where(c => !passed.Contains(c) && Spread(c) < width).ToList();
                for (var draw = 0; open.Count > 0; draw++)
                {
                    program.Survey(open, draw, Observe);
                    var still = open.Where(c => Spread(c) < width).ToList();
                    var proven = open.Count - still.Count;
                    open = still;
                    if (proven * 8 < open.Count + 8) break;
                }
                // Detail cells first: the first cell found failing is the one served this round, and a complement chosen
                // for a total is a total, which hides most. The cells after it wait for the next round.
                var unproven = open.ToHashSet();
                passed.UnionWith(component.Where(c => !passed.Contains(c) && !unproven.Contains(c)));
                foreach (var cell in open.OrderBy(totals.Contains).ThenBy(c => c.Row).ThenBy(c => c.Column))
                {
                    if (Spread(cell) < width && program.Range(cell, Observe, () => Spread(cell) >= width) is { } range)
                    {
                        exact[cell] = range;
                        if (!range.Spans(width)) { failing.Add((cell, component)); break; }
                    }
                    passed.Add(cell);
                }
            }
            if (failing.Count == 0) break;

            foreach (var (cell, component) in failing)
            {
                // Withholding every printed cell of its relations would always do, so this is a fault, not a table.
                var next = Complement(table, audit, totals, component, cell, width - (exact[cell].Width ?? width))
                    ?? throw new DisclosureControlException(
                        $"{table.Id}: the withheld cell in row '{table.Rows[cell.Row].Label}', column '{table.Columns[cell.Column].Header}' can be narrowed to {exact[cell]}, " +
                        $"less than the protection interval of {width}, and no printed cell is left in its relations to withhold with it.");
                table.Rows[next.Row].Withheld[next.Column] = true;
                Observe(next, table.Value(next)!.Value);
                added++;
            }
            // The components the new cells joined have new programs: exact ranges found so far may be stale.
            exact.Clear();
        }

        // The narrowest exactly: a cell's range spans at least what was seen of it, so cells are solved from the least
        // seen up, until the narrowest range found is no wider than what was seen of every cell left.
        (CellRef Cell, FeasibleRange Range)? narrowest = null;
        var programs = new Dictionary<CellRef, DisclosureAudit.ComponentProgram>();
        try
        {
            var components = audit.Components();
            var home = components.SelectMany(c => c.Select(cell => (cell, c))).ToDictionary(x => x.cell, x => x.c);
            // In order of what was seen before this search: solving one cell shows others more, but not those before it.
            var order = home.Keys.Select(c => (Cell: c, Seen: Spread(c))).OrderBy(x => x.Seen).ThenBy(x => x.Cell.Row).ThenBy(x => x.Cell.Column).ToList();
            foreach (var (cell, before) in order)
            {
                // Cells seen without an upper bound have none; among equals the first in row, then column order wins.
                bool Wider(double spread) => narrowest is { } n && (n.Range.Width is long best ? spread > best : double.IsPositiveInfinity(spread));
                if (Wider(before)) break;
                if (Wider(Spread(cell))) continue;
                if (!exact.TryGetValue(cell, out var range))
                {
                    var component = home[cell];
                    if (!programs.TryGetValue(component[0], out var program)) programs[component[0]] = program = audit.Program(component);
                    exact[cell] = range = program.Range(cell, Observe);
                }
                if (narrowest is not { } m || (range.Width ?? long.MaxValue) < (m.Range.Width ?? long.MaxValue)
                    || (range.Width ?? long.MaxValue) == (m.Range.Width ?? long.MaxValue) && (cell.Row, cell.Column).CompareTo((m.Cell.Row, m.Cell.Column)) < 0)
                    narrowest = (cell, range);
            }
            return (home.Count, added, narrowest);
        }
        finally
        {
            foreach (var program in programs.Values) program.Dispose();
        }
    }

    /// <summary>
    /// The printed cell to withhold for a cell whose range is <paramref name="deficit"/> short. Where to look, nearest
    /// first: the relations of the cell itself, then those of the withheld cells it shares a relation with, then those of
    /// its whole component. What to take: a detail cell from any of them before a subtotal or row total, and those before
    /// a cell of the total row or of a subtotal row that repeats it (a withheld total hides most, and charts and key
    /// findings quote the totals). Among the cells found, the smallest whose own slack (value − 1) covers the deficit,
    /// or failing that the largest, which gives the most; ties go to the first in row, then column order, so the same
    /// table always gets the same suppression.
    /// </summary>
    private static CellRef? Complement(ReportTable table, DisclosureAudit audit, HashSet<CellRef> totals, IReadOnlyList<CellRef> component, CellRef cell, long deficit)
    {
        List<AdditiveRelation> Of(Func<CellRef, bool> member) => [.. audit.Relations.Where(r => member(r.Total) || r.Parts.Any(member))];
        List<CellRef> Printed(IEnumerable<AdditiveRelation> relations) => [.. relations
            .SelectMany(r => r.Parts.Append(r.Total)).Distinct()
            .Where(c => !table.IsWithheld(c) && table.Value(c) is > 0)];
        // A table of one group prints its subtotal row again as the total row: withholding one withholds both.
        var oneGroup = table.Rows.Count(r => r.Kind == RowKind.Subtotal) == 1;
        int Rank(CellRef c) => table.Rows[c.Row].Kind is RowKind.Total || oneGroup && table.Rows[c.Row].Kind is RowKind.Subtotal ? 2 : totals.Contains(c) ? 1 : 0;
        var own = Of(c => c == cell);
        var neighbours = own.SelectMany(r => r.Parts.Append(r.Total)).Where(table.IsWithheld).ToHashSet();
        var members = component.ToHashSet();
        var near = Printed(Of(neighbours.Contains));
        var first = Printed(own);
        var whole = Printed(Of(members.Contains));
        for (var rank = 0; rank <= 2; rank++)
            foreach (var found in new[] { first, near, whole })
            {
                var pool = found.Where(c => Rank(c) == rank).OrderBy(c => table.Value(c)).ThenBy(c => c.Row).ThenBy(c => c.Column).ToList();
                if (pool.Count == 0) continue;
                foreach (var c in pool)
                    if (table.Value(c) - 1 >= deficit) return c;
                return pool.OrderByDescending(c => table.Value(c)).ThenBy(c => c.Row).ThenBy(c => c.Column).First();
            }
        return null;
    }
}
