namespace PdWarehouse.Reports.Tables;

/// <summary>
/// Yearbook disclosure control. Primary suppression withholds every count of people from 1 to
/// <c>minimumCell - 1</c>. Complementary suppression then makes sure no withheld cell can be
/// recovered by subtraction: in every additive relation (a row or column and its total) a withheld
/// cell must have company, so when exactly one cell of a relation is withheld the smallest other
/// non-zero published cell (a part, or failing that the total) is withheld too, until nothing changes.
/// Zeros are never withheld: they are shown as "-" and tell a reader nothing about the other cells.
/// </summary>
public static class Disclosure
{
    public static void Apply(ReportTable table, int minimumCell)
    {
        if (!table.DisclosureControlled || minimumCell <= 1) return;
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
    }
}
