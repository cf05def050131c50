using PdWarehouse.Reports.Tables;

namespace PdWarehouse.Reports.Tests;

/// <summary>
/// The lines of a table a reader can add up, found from the table's shape alone (its row kinds, groups and columns), not
/// from <see cref="ReportTable.Relations"/>: the suppression tests check the code's suppression against them.
/// </summary>
public static class PrintedLines
{
    public static IEnumerable<(CellRef Total, IEnumerable<CellRef> Parts, string What)> Of(ReportTable t)
    {
        var totalRow = t.Rows.FindIndex(r => r.Kind == RowKind.Total);
        for (var c = 0; c < t.Columns.Count; c++)
        {
            if (!t.Columns[c].SumsDown) continue;
            var column = c;
            string? group = null;
            var subtotal = -1;
            for (var r = 0; r <= t.Rows.Count; r++)
            {
                // Close the running group at the next subtotal row or at the end.
                if (r == t.Rows.Count || t.Rows[r].Kind == RowKind.Subtotal)
                {
                    if (subtotal >= 0)
                    {
                        // Printed nested, a group's rows are those under its subtotal. Printed with the subtotals first
                        // (the Yearbook's region block, then every country), a reader still knows each country's region,
                        // and the CSV's group column says it: the group's rows are the detail rows of that group.
                        var members = t.GroupsFirst
                            ? Enumerable.Range(0, t.Rows.Count).Where(i => t.Rows[i].Kind == RowKind.Detail && t.Rows[i].Group == group).Select(i => new CellRef(i, column))
                            : Enumerable.Range(subtotal + 1, r - subtotal - 1).Select(i => new CellRef(i, column));
                        yield return (new CellRef(subtotal, column), members, $"column '{t.Columns[column].Header}' group '{group}'");
                    }
                    if (r < t.Rows.Count) { subtotal = r; group = t.Rows[r].Group; }
                }
            }
            if (totalRow >= 0)
            {
                var kind = t.HasGroups ? RowKind.Subtotal : RowKind.Detail;
                var parts = Enumerable.Range(0, t.Rows.Count).Where(i => t.Rows[i].Kind == kind).Select(i => new CellRef(i, column));
                yield return (new CellRef(totalRow, column), parts, $"column '{t.Columns[column].Header}'");
            }
        }
        if (t.TotalColumn is int total)
            for (var r = 0; r < t.Rows.Count; r++)
            {
                var row = r;
                yield return (new CellRef(row, total), Enumerable.Range(0, t.Columns.Count).Where(c => c != total && t.Columns[c].SumsAcross).Select(c => new CellRef(row, c)), $"row '{t.Rows[row].Label}'");
            }
    }
}
