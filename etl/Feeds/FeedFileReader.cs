using System.Globalization;
using System.IO.Hashing;
using System.Text;
using PdWarehouse.Warehouse;
using Sylvan.Data.Csv;

namespace PdWarehouse.Etl.Feeds;

/// <summary>
/// Streams the rows of one verified delivery file. Lines are split on raw bytes first (see <see cref="LineSource"/>), so
/// a bad line — invalid UTF-8, broken quoting, a wrong field count, a huge field — is reported on its own physical line
/// and reading carries on; the fields of good lines are parsed by Sylvan. Memory is one line plus one 128-bit hash per
/// line (for exact-duplicate detection).
/// </summary>
public sealed class FeedFileReader : IDisposable
{
    static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    readonly Delivery delivery;
    readonly ManifestFile file;
    readonly FeedDefinition feed;
    readonly LineSource source;
    readonly HashSet<string>?[] codeSets;
    readonly HashSet<long>?[] integerCodes;
    readonly int eventDateIndex;
    readonly string header;
    bool started;

    public FeedFileReader(Delivery delivery, ManifestFile file)
    {
        this.delivery = delivery;
        this.file = file;
        feed = delivery.Feed;
        if (!delivery.Manifest.Files.Contains(file)) throw new ArgumentException($"{file.Name} is not a file of delivery {delivery.DisplayName}", nameof(file));
        source = new LineSource(delivery.OpenRead(file));
        codeSets = feed.Columns.Select(c => c.AllowedValues is null || c.Type == FeedType.Integer ? null : new HashSet<string>(c.AllowedValues, StringComparer.Ordinal)).ToArray();
        integerCodes = feed.Columns.Select(c => c.AllowedValues is null || c.Type != FeedType.Integer ? null : c.AllowedValues.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToHashSet()).ToArray();
        eventDateIndex = feed.EventDateColumn is null ? -1 : feed.IndexOf(feed.EventDateColumn);
        header = string.Join(',', feed.Columns.Select(c => c.Name));
    }

    public FeedDefinition Feed => feed;

    /// <summary>Every data line in file order, valid or not. Can be enumerated once.</summary>
    public IEnumerable<FeedRow> ReadRows()
    {
        if (started) throw new InvalidOperationException("ReadRows can be enumerated once per reader");
        started = true;
        if (!source.Next(out var headerLine, out _, out _)) yield break;
        if (headerLine.StartsWith("\uFEFF"u8)) headerLine = headerLine[3..];
        if (Utf8.GetString(headerLine) != header)
            throw new DeliveryRefusedException(delivery.DisplayName, file.Name, RefusalReason.HeaderMismatch, $"header does not match feed {feed.Name}");

        var pending = new Queue<Pending>();
        var feeder = new Feeder(this, pending);
        CsvDataReader? csv = null;
        var columnCount = feed.Columns.Count;
        while (true)
        {
            var outcome = TryRead(ref csv, feeder);
            if (outcome == ReadOutcome.Broken)
            {
                // The record Sylvan choked on is the oldest line fed and not yet answered; later fed lines are replayed.
                while (pending.Peek().Reject is { } before) yield return Dequeue(pending, before);
                var broken = pending.Dequeue();
                feeder.Replay(pending.Where(p => p.Reject is null).Select(p => p.Text));
                yield return Reject(broken.Line, broken.Text, null, ReasonCodes.MalformedRow, "broken quoting: a quoted field must be closed and followed by a delimiter or the end of the line");
                continue;
            }
            if (outcome == ReadOutcome.End)
            {
                while (pending.Count > 0) yield return Dequeue(pending, pending.Peek().Reject!);
                yield break;
            }
            while (pending.Peek().Reject is { } before) yield return Dequeue(pending, before);
            var fed = pending.Dequeue();
            if (csv!.RowFieldCount != columnCount)
            {
                yield return Reject(fed.Line, fed.Text, null, ReasonCodes.MalformedRow, $"{csv.RowFieldCount} fields, expected {columnCount}");
                continue;
            }
            yield return Validate(csv, fed.Line, fed.Text);
        }
    }

    enum ReadOutcome { Row, End, Broken }

    ReadOutcome TryRead(ref CsvDataReader? csv, Feeder feeder)
    {
        try
        {
            csv ??= CsvDataReader.Create(feeder, new CsvDataReaderOptions
            {
                HasHeaders = true,
                BufferSize = 1 << 16,
                MaxBufferSize = 4 * LineSource.MaxLineBytes,
                Culture = CultureInfo.InvariantCulture,
                // Sylvan skips lines that start with its comment character ('#' by default): a record id "#36" vanished
                // from the rows, the lines fed fell out of step with the rows read, and the load failed (the generated
                // hostile corpus found it; NUL, tried next, failed the same way). A feed has no comments, so the character is
                // a lone low surrogate, which no decoded line can hold: invalid UTF-8 decodes to U+FFFD.
                Comment = '\uDFFF',
            });
            return csv.Read() ? ReadOutcome.Row : ReadOutcome.End;
        }
        catch (CsvFormatException)
        {
            csv?.Dispose();
            csv = null;
            return ReadOutcome.Broken;
        }
    }

    static FeedRow Dequeue(Queue<Pending> pending, FeedRow row)
    {
        pending.Dequeue();
        return row;
    }

    FeedRow Validate(CsvDataReader csv, long line, string text)
    {
        var values = new object?[feed.Columns.Count];
        List<FieldError>? errors = null;
        for (var i = 0; i < values.Length; i++)
        {
            var column = feed.Columns[i];
            var raw = csv.GetFieldSpan(i);
            if (raw.Length == 0)
            {
                if (column.Required) (errors ??= []).Add(new FieldError(column.Name, ReasonCodes.MissingRequired, $"{column.Name} is required"));
                continue;
            }
            if (raw.Length > column.MaxLength)
            {
                (errors ??= []).Add(new FieldError(column.Name, ReasonCodes.TooLong, $"{column.Name} has {raw.Length} characters, at most {column.MaxLength} allowed"));
                continue;
            }
            switch (column.Type)
            {
                case FeedType.Integer:
                    // The catalog's range and code list decide, so that the staging column's narrower type never sees a
                    // value it would wrap (issue 24: -3 stored as 253). Codes are compared as numbers: "02" is code 2.
                    if (!TryParsePlainInteger(raw, out var n))
                        (errors ??= []).Add(new FieldError(column.Name, ReasonCodes.InvalidNumber,
                            $"{column.Name} '{Echo.Value(raw.ToString())}' is not a whole number in plain decimal digits"));
                    else if (integerCodes[i] is { } allowed && !allowed.Contains(n))
                        (errors ??= []).Add(new FieldError(column.Name, ReasonCodes.InvalidCode, $"{column.Name} {n} is not one of {string.Join(", ", column.AllowedValues!)}"));
                    else if (n < column.Minimum || n > column.Maximum)
                        (errors ??= []).Add(new FieldError(column.Name, ReasonCodes.OutOfRange, $"{column.Name} {n} is outside {column.Minimum}..{column.Maximum}"));
                    else values[i] = checked((int)n);
                    break;
                case FeedType.Date:
                    if (!TryParseIsoDate(raw, out var d))
                        (errors ??= []).Add(new FieldError(column.Name, ReasonCodes.InvalidDate, $"{column.Name} '{Echo.Value(raw.ToString())}' is not a valid date (yyyy-MM-dd)"));
                    else if (column.ConformsToCalendar && (d < ReferenceData.EarliestDate || d > ReferenceData.LatestDate))
                        (errors ??= []).Add(new FieldError(column.Name, ReasonCodes.OutOfRange,
                            $"{column.Name} {d:yyyy-MM-dd} is outside the warehouse calendar {ReferenceData.EarliestDate:yyyy-MM-dd}..{ReferenceData.LatestDate:yyyy-MM-dd}"));
                    else if (i == eventDateIndex && (d < delivery.Manifest.PeriodStart || d > delivery.Manifest.PeriodEnd))
                        (errors ??= []).Add(new FieldError(column.Name, ReasonCodes.DateOutOfPeriod,
                            $"{column.Name} {d:yyyy-MM-dd} is outside the delivery period {delivery.Manifest.PeriodStart:yyyy-MM-dd}..{delivery.Manifest.PeriodEnd:yyyy-MM-dd}"));
                    else values[i] = d;
                    break;
                default:
                    var s = raw.ToString();
                    if (codeSets[i] is { } codes)
                    {
                        if (codes.TryGetValue(s, out var canonical)) values[i] = canonical;
                        else (errors ??= []).Add(new FieldError(column.Name, ReasonCodes.InvalidCode, $"{column.Name} '{Echo.Value(s)}' is not one of {string.Join(", ", column.AllowedValues!)}"));
                    }
                    else values[i] = s;
                    break;
            }
        }
        if (errors is null)
            foreach (var rule in feed.RowRules)
                if (rule.Broken(values))
                    (errors ??= []).Add(new FieldError(rule.Field, ReasonCodes.Inconsistent, $"{rule.Field} breaks a rule of the feed: {rule.Description}"));
        return errors is null ? new FeedRow(line, values, [], text) : new FeedRow(line, null, errors, text);
    }

    /// <summary>
    /// docs/feeds.md §4: "integers are plain decimal digits" — an optional '-' and ASCII digits, nothing else (no '+', no
    /// spaces, no separators, no other scripts' digits), at most 18 digits so that the value always fits a long.
    /// </summary>
    public static bool TryParsePlainInteger(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        var negative = s.Length > 0 && s[0] == '-';
        var digits = negative ? s[1..] : s;
        if (digits.Length is 0 or > 18) return false;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9') return false;
            value = value * 10 + (c - '0');
        }
        if (negative) value = -value;
        return true;
    }

    /// <summary>
    /// Exactly yyyy-MM-dd with a real calendar date. Hand-written because DateOnly.TryParseExact was over half of the
    /// reader's time; it accepts precisely what TryParseExact(s, "yyyy-MM-dd", InvariantCulture) accepts.
    /// </summary>
    public static bool TryParseIsoDate(ReadOnlySpan<char> s, out DateOnly date)
    {
        date = default;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        if (!Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)) return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;

        static bool Digits(ReadOnlySpan<char> part, out int value)
        {
            value = 0;
            foreach (var c in part)
            {
                if (c is < '0' or > '9') return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }
    }

    static FeedRow Reject(long line, string text, string? field, string reason, string message) =>
        new(line, null, [new FieldError(field, reason, message)], text);

    /// <summary>
    /// Pulls the next line Sylvan may parse, queueing every line rejected on the way (in line order) so that rows come
    /// out in file order. Returns null at the end of the file.
    /// </summary>
    string? NextParsableLine(Queue<Pending> pending, HashSet<UInt128> seen)
    {
        while (source.Next(out var bytes, out var fullLength, out var truncated))
        {
            var number = source.LineNumber;
            if (truncated)
            {
                var prefix = Utf8.GetString(bytes) + "…";
                pending.Enqueue(new Pending(number, prefix, Reject(number, prefix, null, ReasonCodes.TooLong,
                    $"line has {fullLength} bytes, more than the {LineSource.MaxLineBytes} allowed")));
                continue;
            }
            var text = Utf8.GetString(bytes);
            if (!seen.Add(XxHash128.HashToUInt128(bytes)))
            {
                pending.Enqueue(new Pending(number, text, Reject(number, text, null, ReasonCodes.DuplicateRecord, "exact duplicate of an earlier line of this file")));
                continue;
            }
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                pending.Enqueue(new Pending(number, text, Reject(number, text, null, ReasonCodes.InvalidEncoding, "line is not valid UTF-8")));
                continue;
            }
            string? problem = null;
            if (bytes.Length == 0) problem = "empty line";
            else if (bytes.Contains((byte)'\r')) problem = "carriage return inside the line (fields must not contain line breaks)";
            // A NUL cannot be stored as sent (the staging copy would turn it into U+FFFD): the line is refused, not altered.
            else if (bytes.Contains((byte)0)) problem = "NUL character inside the line";
            else if (!QuotesWellFormed(bytes)) problem = "broken quoting: a quote inside an unquoted field, a quoted field not closed, or text after its closing quote";
            if (problem is not null)
            {
                pending.Enqueue(new Pending(number, text, Reject(number, text, null, ReasonCodes.MalformedRow, problem)));
                continue;
            }
            pending.Enqueue(new Pending(number, text, null));
            return text;
        }
        return null;
    }

    /// <summary>
    /// RFC 4180 quoting, strictly: a field either holds no quote, or starts with one, doubles every quote inside and
    /// ends with one followed by a comma or the end of the line. Sylvan takes a quote inside an unquoted field
    /// (<c>AB"CD"EF</c>) as text, which docs/feeds.md calls a malformed row (issue 24), so the line is judged here first.
    /// </summary>
    internal static bool QuotesWellFormed(ReadOnlySpan<byte> line)
    {
        if (line.IndexOf((byte)'"') < 0) return true;
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == (byte)'"')
            {
                i++;
                while (true)
                {
                    var q = line[i..].IndexOf((byte)'"');
                    if (q < 0) return false;
                    i += q + 1;
                    if (i < line.Length && line[i] == (byte)'"') { i++; continue; }
                    break;
                }
                if (i == line.Length) return true;
                if (line[i] != (byte)',') return false;
                i++;
                continue;
            }
            var comma = line[i..].IndexOf((byte)',');
            var field = comma < 0 ? line[i..] : line.Slice(i, comma);
            if (field.Contains((byte)'"')) return false;
            if (comma < 0) return true;
            i += comma + 1;
        }
    }

    sealed record Pending(long Line, string Text, FeedRow? Reject);

    /// <summary>Hands Sylvan one line per read: the header first, then replayed lines, then the next parsable lines.</summary>
    sealed class Feeder(FeedFileReader owner, Queue<Pending> pending) : TextReader
    {
        readonly HashSet<UInt128> seen = [];
        readonly Queue<string> replay = new();
        string? current;
        int offset;
        bool headerDone;

        public void Replay(IEnumerable<string> lines)
        {
            replay.Clear();
            foreach (var l in lines) replay.Enqueue(l);
            current = null;
            headerDone = false;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            if (current is null)
            {
                if (!headerDone)
                {
                    current = owner.header;
                    headerDone = true;
                }
                else if (replay.Count > 0) current = replay.Dequeue();
                else current = owner.NextParsableLine(pending, seen);
                offset = 0;
                if (current is null) return 0;
            }
            var remaining = current.Length - offset;
            if (remaining >= buffer.Length)
            {
                current.AsSpan(offset, buffer.Length).CopyTo(buffer);
                offset += buffer.Length;
                return buffer.Length;
            }
            current.AsSpan(offset).CopyTo(buffer);
            buffer[remaining] = '\n';
            current = null;
            return remaining + 1;
        }

        public override int Peek() => -1;
    }

    public void Dispose() => source.Dispose();
}
