namespace PdWarehouse.Reports.Tables;

public enum RowKind { Total, Subtotal, Detail }

/// <summary>
/// A column of a statistical table. <see cref="SumsDown"/>: the column's detail rows add up to their
/// subtotal and total rows (false for distinct-person counts, where a person can be in several rows).
/// <see cref="SumsAcross"/>: the column is one of the parts the table's total column adds up.
/// </summary>
public sealed record TableColumn(string Key, string Header, bool SumsDown = true, bool SumsAcross = true, CellContent Content = CellContent.Count);

/// <summary>
/// What a column's cells hold. <see cref="Count"/>: a count in <see cref="TableRow.Values"/>, under disclosure control.
/// <see cref="Figure"/>: a figure computed from the row's counts (a share, a rate, an interval), as text in <see
/// cref="TableRow.Texts"/>: it would let a reader work a withheld count back out, so it is withheld whenever any count of
/// its row is. <see cref="Text"/>: words that tell nothing of a count (a month, a target, a status), never withheld.
/// Only counts add up, so only they take part in a table's relations.
/// </summary>
public enum CellContent { Count, Figure, Text }

public sealed class TableRow(string label, RowKind kind, string? group, int columnCount)
{
    public string Label { get; } = label;
    public RowKind Kind { get; } = kind;
    /// <summary>The subtotal group a detail row belongs to (e.g. its region), null in ungrouped tables.</summary>
    public string? Group { get; } = group;
    public long?[] Values { get; } = new long?[columnCount];
    public bool[] Withheld { get; } = new bool[columnCount];
    /// <summary>The cells of <see cref="CellContent.Figure"/> and <see cref="CellContent.Text"/> columns, as printed; null in count columns.</summary>
    public string?[] Texts { get; } = new string?[columnCount];
}

/// <summary>A cell addressed by row and column index.</summary>
public readonly record struct CellRef(int Row, int Column);

/// <summary>A published total and the cells that add up to it: the relation a reader could use to recover a withheld cell.</summary>
public sealed record AdditiveRelation(CellRef Total, IReadOnlyList<CellRef> Parts);

/// <summary>
/// A table in the Yearbook's shape: a total row first, then either detail rows or groups (a subtotal row
/// followed by its detail rows), with an optional total column. Values are counts; null means not applicable.
/// </summary>
public sealed class ReportTable
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    public required string Title { get; init; }
    public required string StubHeader { get; init; }
    public required IReadOnlyList<TableColumn> Columns { get; init; }
    /// <summary>Index of the column that is the sum of the <see cref="TableColumn.SumsAcross"/> columns, if any.</summary>
    public int? TotalColumn { get; init; }
    public List<TableRow> Rows { get; } = [];
    public List<string> Notes { get; } = [];
    public required string Source { get; init; }
    /// <summary>Counts of people are subject to disclosure control; operational counts (rows loaded, rejects) are not.</summary>
    public bool DisclosureControlled { get; init; } = true;
    /// <summary>What the disclosure audit proved of the table's suppression; null when nothing was subject to it.</summary>
    public TableAudit? Audit { get; set; }

    public bool HasGroups => Rows.Any(r => r.Kind == RowKind.Subtotal);

    /// <summary>A cell without a value is not available (its feed was not loaded for its fiscal year), printed NA.</summary>
    public bool HasNotAvailable => Rows.Any(r => r.Values.Where((_, c) => Columns[c].Content == CellContent.Count).Any(v => v is null));

    /// <summary>Subtotals printed as a block after the total, detail rows after them in one list (<see cref="Data.TableSpec.GroupsFirst"/>).</summary>
    public bool GroupsFirst { get; init; }

    /// <summary>Detail rows print indented under their subtotal, unless the subtotals are printed as a block of their own.</summary>
    public bool IndentsDetails => HasGroups && !GroupsFirst;

    /// <summary>Every additive relation between published cells, down columns and across rows.</summary>
    public IReadOnlyList<AdditiveRelation> Relations()
    {
        var relations = new List<AdditiveRelation>();
        var totalRow = Rows.FindIndex(r => r.Kind == RowKind.Total);
        for (var c = 0; c < Columns.Count; c++)
        {
            if (!Columns[c].SumsDown || Columns[c].Content != CellContent.Count) continue;
            if (HasGroups)
            {
                var subtotals = new List<CellRef>();
                for (var r = 0; r < Rows.Count; r++)
                {
                    if (Rows[r].Kind != RowKind.Subtotal) continue;
                    subtotals.Add(new CellRef(r, c));
                    var group = Rows[r].Group;
                    var parts = Enumerable.Range(0, Rows.Count)
                        .Where(i => Rows[i].Kind == RowKind.Detail && Rows[i].Group == group)
                        .Select(i => new CellRef(i, c)).ToList();
                    relations.Add(new AdditiveRelation(new CellRef(r, c), parts));
                }
                if (totalRow >= 0) relations.Add(new AdditiveRelation(new CellRef(totalRow, c), subtotals));
            }
            else if (totalRow >= 0)
            {
                var parts = Enumerable.Range(0, Rows.Count).Where(i => Rows[i].Kind == RowKind.Detail).Select(i => new CellRef(i, c)).ToList();
                relations.Add(new AdditiveRelation(new CellRef(totalRow, c), parts));
            }
        }
        if (TotalColumn is int t)
        {
            var parts = Enumerable.Range(0, Columns.Count).Where(c => c != t && Columns[c].SumsAcross).ToList();
            for (var r = 0; r < Rows.Count; r++)
                relations.Add(new AdditiveRelation(new CellRef(r, t), parts.Select(c => new CellRef(r, c)).ToList()));
        }
        return relations;
    }

    public long? Value(CellRef cell) => Rows[cell.Row].Values[cell.Column];
    public bool IsWithheld(CellRef cell) => Rows[cell.Row].Withheld[cell.Column];

    /// <summary>The value a reader sees: null when withheld or not applicable.</summary>
    public long? Published(CellRef cell) => IsWithheld(cell) ? null : Value(cell);

    public int ColumnIndex(string headerOrKey)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Header == headerOrKey || Columns[i].Key == headerOrKey) return i;
        throw new KeyNotFoundException($"{Id} has no column '{headerOrKey}'");
    }
}
