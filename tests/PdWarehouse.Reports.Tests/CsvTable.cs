namespace PdWarehouse.Reports.Tests;

/// <summary>A minimal RFC 4180 reader for the report CSVs, so tests read what a user's spreadsheet would.</summary>
public static class CsvTable
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                rows.Add(row); row = [];
            }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
        return rows;
    }

    /// <summary>Normalises a hand-written expected CSV (raw string literal) to the writer's CRLF lines.</summary>
    public static string Lines(string text) => string.Join("\r\n", text.Replace("\r\n", "\n").Split('\n')) + "\r\n";
}
