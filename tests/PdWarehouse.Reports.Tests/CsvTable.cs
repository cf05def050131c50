namespace PdWarehouse.Reports.Tests;

/// <summary>The report CSVs read as a user's spreadsheet would (RFC 4180).</summary>
public static class CsvTable
{
    public static List<List<string>> Parse(string text)
    {
        // Sylvan, the loader's CSV library: every line as data (headers included), fields as a spreadsheet reads them.
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(new StringReader(text), new Sylvan.Data.Csv.CsvDataReaderOptions { HasHeaders = false, Delimiter = ',' });
        var rows = new List<List<string>>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString).ToList());
        return rows;
    }

    /// <summary>Normalises a hand-written expected CSV (raw string literal) to the writer's CRLF lines.</summary>
    public static string Lines(string text) => string.Join("\r\n", text.Replace("\r\n", "\n").Split('\n')) + "\r\n";
}
