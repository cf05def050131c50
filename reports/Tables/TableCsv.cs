using System.Globalization;
using System.Text;

namespace PdWarehouse.Reports.Tables;

/// <summary>
/// Writes a table as CSV with the same suppression as the PDF: withheld cells are "D", zeros are 0
/// (a bare "-" would be read as a formula by some spreadsheets), not applicable is empty.
/// Text cells that a spreadsheet would execute as a formula (= + - @, tab, CR) get a leading apostrophe.
/// </summary>
public static class TableCsv
{
    public static string Write(ReportTable table)
    {
        var sb = new StringBuilder();
        var header = new List<string> { table.StubHeader, "Group", "Row type" };
        header.AddRange(table.Columns.Select(c => c.Header));
        AppendLine(sb, [.. header.Select(NeutraliseFormula)]);
        foreach (var row in table.Rows)
        {
            var cells = new List<string> { NeutraliseFormula(row.Label), NeutraliseFormula(row.Group ?? ""), row.Kind.ToString() };
            for (var c = 0; c < table.Columns.Count; c++)
                cells.Add(row.Withheld[c] ? YearbookFormat.Withheld
                    : table.Columns[c].Content switch
                    {
                        // A figure is a number as printed ("0.702", "-0.05"), which no spreadsheet reads as a formula.
                        CellContent.Figure => row.Texts[c] ?? "",
                        CellContent.Text => NeutraliseFormula(row.Texts[c] ?? ""),
                        _ => row.Values[c] is long v ? v.ToString(CultureInfo.InvariantCulture) : YearbookFormat.NotAvailable,
                    });
            AppendLine(sb, cells);
        }
        return sb.ToString();
    }

    /// <summary>The table's CSV file name: its id, which the HTML links and both reports share for the same table.</summary>
    public static string FileName(ReportTable table) => table.Id + ".csv";

    public static void Save(ReportTable table, string path) =>
        File.WriteAllText(path, Write(table), new UTF8Encoding(false));

    public static string NeutraliseFormula(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <param name="cells">Cells already neutralised where they are text (<see cref="NeutraliseFormula"/>).</param>
    private static void AppendLine(StringBuilder sb, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var text = cells[i];
            if (text.IndexOfAny([',', '"', '\n', '\r']) >= 0)
                sb.Append('"').Append(text.Replace("\"", "\"\"")).Append('"');
            else
                sb.Append(text);
        }
        sb.Append("\r\n");
    }
}
