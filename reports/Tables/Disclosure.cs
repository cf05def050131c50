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

        var (ranges, added) = Protect(table, ProtectionWidth(minimumCell));
        table.Audit = new TableAudit(table.Id, table.Number, minimumCell, ranges.Count, added, ranges, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Audits the table and withholds more until every withheld cell's range spans <paramref name="width"/>. Withholding
    /// only takes knowledge away, so a range never narrows when another cell is withheld: a component whose cells all
    /// passed keeps passing, and only the components a new cell joined are audited again. Each round gives each failing
    /// component one more cell; the round ends there, since that cell may be all its other failing cells needed.
    /// </summary>
    private static (Dictionary<CellRef, FeasibleRange> Ranges, int Added) Protect(ReportTable table, long width)
    {
        var audit = new DisclosureAudit(table);
        var totals = audit.Relations.Select(r => r.Total).ToHashSet();
        var ranges = new Dictionary<CellRef, FeasibleRange>();
        var stale = audit.WithheldCells().ToHashSet();
        var added = 0;
        while (true)
        {
            var components = audit.Components();
            foreach (var component in components.Where(c => c.Any(stale.Contains)))
                foreach (var (cell, range) in audit.Ranges(component))
                    ranges[cell] = range;
            stale.Clear();
            var round = new List<CellRef>();
            foreach (var component in components)
            {
                // A detail cell first, where a further cell can be found among details: withholding a total hides most,
                // and complements chosen for a total are totals themselves, which climb to the grand total.
                var failing = component.Where(c => !ranges[c].Spans(width))
                    .OrderBy(totals.Contains).ThenBy(c => ranges[c].Width).ThenBy(c => c.Row).ThenBy(c => c.Column).ToList();
                if (failing.Count == 0) continue;
                var cell = failing[0];
                var complement = Complement(table, audit, totals, component, cell, width - (ranges[cell].Width ?? width))
                    ?? throw new DisclosureControlException(
                        $"{table.Id}: the withheld cell in row '{table.Rows[cell.Row].Label}', column '{table.Columns[cell.Column].Header}' can be narrowed to {ranges[cell]}, " +
                        $"less than the protection interval of {width}, and no printed cell is left in its relations to withhold with it.");
                table.Rows[complement.Row].Withheld[complement.Column] = true;
                round.Add(complement);
                added++;
            }
            if (round.Count == 0) return (ranges, added);
            // The components the new cells joined are the only ones whose programs changed.
            var joined = round.ToHashSet();
            foreach (var component in audit.Components().Where(c => c.Any(joined.Contains)))
                stale.UnionWith(component);
        }
    }

    /// <summary>
    /// The printed cell to withhold for a cell whose range is <paramref name="deficit"/> short. Where to look, nearest
    /// first: the relations of the cell itself, then those of the withheld cells it shares a relation with, then those of
    /// its whole component; a detail cell from the first two before a total from them (a withheld total hides most, and
    /// charts and key findings quote totals). Among the cells found, the smallest whose own slack (value − 1) covers the
    /// deficit, or failing that the largest, which gives the most; ties go to the first in row, then column order, so
    /// the same table always gets the same suppression.
    /// </summary>
    private static CellRef? Complement(ReportTable table, DisclosureAudit audit, HashSet<CellRef> totals, IReadOnlyList<CellRef> component, CellRef cell, long deficit)
    {
        IEnumerable<AdditiveRelation> Of(Func<CellRef, bool> member) => audit.Relations.Where(r => r.Parts.Append(r.Total).Any(member));
        List<CellRef> Printed(IEnumerable<AdditiveRelation> relations) => [.. relations
            .SelectMany(r => r.Parts.Append(r.Total)).Distinct()
            .Where(c => !table.IsWithheld(c) && table.Value(c) is > 0)];
        var own = Of(c => c == cell).ToList();
        var neighbours = own.SelectMany(r => r.Parts.Append(r.Total)).Where(table.IsWithheld).ToHashSet();
        var near = Printed(Of(neighbours.Contains));
        var first = Printed(own);
        var members = component.ToHashSet();
        var pools = new[]
        {
            first.Where(c => !totals.Contains(c)).ToList(),
            near.Where(c => !totals.Contains(c)).ToList(),
            first, near, Printed(Of(members.Contains)),
        };
        if (pools.FirstOrDefault(p => p.Count > 0) is not { } pool) return null;
        var ordered = pool.OrderBy(c => table.Value(c)).ThenBy(c => c.Row).ThenBy(c => c.Column).ToList();
        foreach (var c in ordered)
            if (table.Value(c) - 1 >= deficit) return c;
        return ordered.OrderByDescending(c => table.Value(c)).ThenBy(c => c.Row).ThenBy(c => c.Column).First();
    }
}
