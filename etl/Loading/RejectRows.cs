using PdWarehouse.Etl.Feeds;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Loading;

/// <summary>What etl.Reject keeps of one quarantined row.</summary>
internal sealed record RejectRecord(string? SourceRecordId, string? Field, string ReasonCode, string Message, string? Value, bool FieldIsIdentifying);

/// <summary>
/// Turns a quarantined row into what etl.Reject keeps: the record id, the field at fault, the reason, the message and the
/// offending value, never the line itself. A value of an identifying field (<see cref="PersonFields.Identifying"/>)
/// is replaced by <see cref="Withheld"/> and its message by one that names only the field and the reason, because the
/// reject table outlives the batch and the whole point of the load is that no identifier does (docs/operations.md,
/// "Identifiers at rest", says why masked rather than hashed).
/// </summary>
internal sealed class RejectRows(FeedDefinition feed, int maxValue)
{
    /// <summary>What an identifying field's value becomes in etl.Reject.RawText.</summary>
    public const string Withheld = "[withheld]";

    /// <summary>etl.Reject.SourceRecordId's width: a longer id is kept as the offending value of its field only.</summary>
    private const int MaxRecordId = 50;

    private readonly int[] _recordId = feed.KeyIndexes();
    private readonly int[] _identifying = feed.Columns.Select((c, i) => (c, i)).Where(x => PersonFields.IsIdentifying(x.c.Name)).Select(x => x.i).ToArray();

    /// <param name="errors">Every fault of the row; the first is the one the reject is filed under.</param>
    public RejectRecord For(FeedRow row, IReadOnlyList<FieldError> errors)
    {
        var first = errors[0];
        var fields = Split(row.RawText);
        if (fields is not null && fields.Count != feed.Columns.Count) fields = null;
        var recordId = fields is not null && FeedDefinition.RecordId(fields, _recordId) is { Length: > 0 and <= MaxRecordId } id ? id : null;
        var message = errors.Count == 1 && first.Field is null
            ? Scrub(first.Message, fields)
            : string.Join("; ", errors.Select(e => Describe(e, fields)));

        string? value = null;
        var isIdentifying = PersonFields.IsIdentifying(first.Field);
        if (first.Field is not null && fields is not null && feed.IndexOf(first.Field) is >= 0 and var index && fields[index].Length > 0)
            value = isIdentifying ? Withheld : Truncate(fields[index], maxValue);
        return new RejectRecord(recordId, first.Field, first.ReasonCode, message, value, isIdentifying);
    }

    private string Describe(FieldError e, List<string>? fields) =>
        e.Field is null ? Scrub(e.Message, fields)
        : PersonFields.IsIdentifying(e.Field) ? $"{e.Field}: {e.ReasonCode}, value withheld ({e.Field} identifies a person)"
        : $"{e.Field}: {Scrub(e.Message, fields)}";

    /// <summary>
    /// Takes the row's identifying values out of a message about another field or the whole row. The reader's messages
    /// quote only the value at fault, but a message is free text and this is the last point before it is stored.
    /// </summary>
    private string Scrub(string message, List<string>? fields)
    {
        if (fields is null) return message;
        foreach (var i in _identifying)
            if (fields[i].Length > 0) message = message.Replace(fields[i], Withheld, StringComparison.Ordinal);
        return message;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    /// <summary>
    /// The fields of one CSV line (RFC 4180: a field is quoted whole or not at all, "" is a quote inside quotes), or null
    /// when the line is not that: a line the reader could not split is filed without record id or value.
    /// </summary>
    internal static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) return null;                      // never closed
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',') return null;         // text after the closing quote
            }
            else
            {
                var end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                if (line.AsSpan(i, end - i).Contains('"')) return null;     // a quote inside an unquoted field
                field.Append(line, i, end - i);
                i = end;
            }
            fields.Add(field.ToString());
            if (i >= line.Length) return fields;
            i++;   // the comma
        }
    }
}
