using System.Buffers.Binary;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace PdWarehouse.Etl.Generation;

/// <summary>What the truth learns about a person from one loaded row.</summary>
internal enum PersonEventKind : byte { Seen, Arrest, Decision, Status, EroArrest, Removal }

/// <summary>
/// One loaded row's person-level fact; Component, Action, Basis, RecordId and the decision's Office, Country (citizenship),
/// Policy and Priority are set for PD decision records only.
/// </summary>
/// <param name="Batch">A Status event's delivery in load order (<see cref="Generator.LoadOrder"/>), <paramref name="Line"/> its line in the
/// delivery's file, <paramref name="Status"/> the row's criminal status (0 none or UNKNOWN, 1 CRIMINAL, 2 NON-CRIMINAL) and <paramref name="Threat"/>
/// its threat level (0 none): what the loader's person versions are made of.</param>
internal readonly record struct PersonEvent(PersonEventKind Kind, uint Person, int Day, string? Component, string? Action, string? Basis, string? RecordId,
    string? Office = null, string? Country = null, string? Policy = null, string? Priority = null,
    int Batch = 0, int Line = 0, byte Status = 0, byte Threat = 0, byte Level = 0);

/// <summary>
/// The person-level facts behind truth.json's person counts and decision chains, kept in a temporary file instead of
/// memory so the generator's memory does not grow with <c>--scale</c>. Events are appended to the bucket of their
/// person index (2^20 indices per bucket); every person-level rule (distinct persons, "later arrested", the same-decision
/// chains) looks at one person at a time, so each bucket can be read back and reduced on its own.
/// <para>
/// Each bucket fills an 8 KB buffer; a full buffer is appended to the file as a chunk whose header points back at the
/// bucket's previous chunk, so the only per-bucket state in memory is that buffer and the offset of its last chunk.
/// Memory: 8 KB × ⌈person space / 2^20⌉ (26 buckets at scale 1, 130 at the maximum scale 5: about 1 MB).
/// </para>
/// </summary>
internal sealed class TruthSpill : IDisposable
{
    public const int BucketBits = 20;
    const int ChunkSize = 8192;
    const int HeaderSize = 12; // previous chunk's offset (−1 for none), payload length
    // A decision: kind, person, day, component, action, basis, office (2 bytes), country (2), policy, priority, id length, id.
    const int DecisionFixedSize = 1 + 4 + 4 + 3 + 2 + 2 + 1 + 1 + 1;
    const int MaxEventSize = DecisionFixedSize + byte.MaxValue;
    // A status: kind, person, day, batch (2 bytes), line (4), status, threat.
    const int StatusSize = 1 + 4 + 4 + 2 + 4 + 1 + 1;

    // Codes travel as one byte each; the table's string instances come back on read.
    static readonly string[] Codes = new[] { "ICE-ERO", "ICE-OPLA", "CBP-USBP" }
        .Concat(Calibration.EroActions).Concat(Calibration.OplaActions).Concat(Calibration.Bases).Distinct(StringComparer.Ordinal).ToArray();
    static readonly Dictionary<string, byte> CodeIndex = Codes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => (byte)x.i, StringComparer.Ordinal);

    readonly string path;
    readonly SafeFileHandle file;
    readonly byte[]?[] buffers;
    readonly int[] fill;
    readonly long[] lastChunk;
    readonly Lock gate = new();
    // A decision's office, citizenship, policy and priority as codes numbered in order of first appearance (a few
    // hundred offices and countries, a handful of policies and priorities); only the spill's lock touches them.
    readonly AttributeCodes offices = new(ushort.MaxValue), countries = new(ushort.MaxValue), policies = new(byte.MaxValue), priorities = new(byte.MaxValue);
    long end;
    bool sealedForReading;

    public TruthSpill(long personSpace)
    {
        if (personSpace > uint.MaxValue) throw new ArgumentOutOfRangeException(nameof(personSpace), "person indices must fit 32 bits");
        var buckets = (int)Math.Max(1, (personSpace + (1L << BucketBits) - 1) >> BucketBits);
        buffers = new byte[buckets][];
        fill = Enumerable.Repeat(HeaderSize, buckets).ToArray();
        lastChunk = Enumerable.Repeat(-1L, buckets).ToArray();
        // The temporary folder, not the output folder: the output must hold exactly the deliveries and truth.json.
        path = Path.Combine(Path.GetTempPath(), $"pdw-generate-truth-{Guid.NewGuid():N}.bin");
        file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    public int BucketCount => buffers.Length;
    public static byte CodeOf(string code) =>
        CodeIndex.TryGetValue(code, out var i) ? i : throw new InvalidOperationException($"'{code}' is not a PD component, action or basis code");

    /// <summary>Appends staged events; called by <see cref="Writer"/>s of several delivery threads.</summary>
    void Append(ReadOnlySpan<Staged> events)
    {
        lock (gate)
        {
            if (sealedForReading) throw new InvalidOperationException("the truth spill is already being read");
            foreach (ref readonly var e in events)
            {
                var b = (int)(e.Person >> BucketBits);
                var buffer = buffers[b] ??= new byte[ChunkSize];
                if (fill[b] + MaxEventSize > ChunkSize) WriteChunk(b);
                fill[b] += Encode(buffer.AsSpan(fill[b]), e);
            }
        }
    }

    int Encode(Span<byte> span, in Staged e)
    {
        span[0] = (byte)e.Kind;
        BinaryPrimitives.WriteUInt32LittleEndian(span[1..], e.Person);
        if (e.Kind == PersonEventKind.Seen) return 5;
        BinaryPrimitives.WriteInt32LittleEndian(span[5..], e.Day);
        if (e.Kind == PersonEventKind.Arrest) return 9;
        if (e.Kind == PersonEventKind.EroArrest)
        {
            span[9] = e.Level;
            return 10;
        }
        if (e.Kind == PersonEventKind.Removal)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[9..], offices.CodeOf(e.Office!));
            return 11;
        }
        if (e.Kind == PersonEventKind.Status)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(span[9..], checked((ushort)e.Batch));
            BinaryPrimitives.WriteInt32LittleEndian(span[11..], e.Line);
            span[15] = e.Status;
            span[16] = e.Threat;
            return StatusSize;
        }
        span[9] = e.Component;
        span[10] = e.Action;
        span[11] = e.Basis;
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], offices.CodeOf(e.Office!));
        BinaryPrimitives.WriteUInt16LittleEndian(span[14..], countries.CodeOf(e.Country!));
        span[16] = (byte)policies.CodeOf(e.Policy!);
        span[17] = (byte)priorities.CodeOf(e.Priority!);
        var length = Encoding.ASCII.GetBytes(e.RecordId!, span[DecisionFixedSize..]);
        span[DecisionFixedSize - 1] = checked((byte)length);
        return DecisionFixedSize + length;
    }

    void WriteChunk(int b)
    {
        var buffer = buffers[b]!;
        BinaryPrimitives.WriteInt64LittleEndian(buffer, lastChunk[b]);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(8), fill[b] - HeaderSize);
        RandomAccess.Write(file, buffer.AsSpan(0, fill[b]), end);
        lastChunk[b] = end;
        end += fill[b];
        fill[b] = HeaderSize;
    }

    /// <summary>Writes every partly filled buffer and frees the buffers: no events may be appended after this.</summary>
    public void Seal()
    {
        lock (gate)
        {
            if (sealedForReading) return;
            for (var b = 0; b < buffers.Length; b++)
            {
                if (fill[b] > HeaderSize) WriteChunk(b);
                buffers[b] = null;
            }
            sealedForReading = true;
        }
    }

    /// <summary>Every event of one bucket, in no particular order (the reductions do not depend on it).</summary>
    public void Read(int bucket, Action<PersonEvent> visit)
    {
        if (!sealedForReading) throw new InvalidOperationException("Seal the truth spill before reading it");
        var chunk = new byte[ChunkSize];
        for (var offset = lastChunk[bucket]; offset >= 0;)
        {
            var read = RandomAccess.Read(file, chunk, offset);
            var length = BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(8));
            if (read < HeaderSize + length) throw new IOException($"truth spill {path}: chunk at {offset} is truncated");
            var span = chunk.AsSpan(HeaderSize, length);
            while (!span.IsEmpty)
            {
                var kind = (PersonEventKind)span[0];
                var person = BinaryPrimitives.ReadUInt32LittleEndian(span[1..]);
                switch (kind)
                {
                    case PersonEventKind.Seen:
                        visit(new PersonEvent(kind, person, 0, null, null, null, null));
                        span = span[5..];
                        break;
                    case PersonEventKind.Arrest:
                        visit(new PersonEvent(kind, person, BinaryPrimitives.ReadInt32LittleEndian(span[5..]), null, null, null, null));
                        span = span[9..];
                        break;
                    case PersonEventKind.EroArrest:
                        visit(new PersonEvent(kind, person, BinaryPrimitives.ReadInt32LittleEndian(span[5..]), null, null, null, null, Level: span[9]));
                        span = span[10..];
                        break;
                    case PersonEventKind.Removal:
                        visit(new PersonEvent(kind, person, BinaryPrimitives.ReadInt32LittleEndian(span[5..]), null, null, null, null,
                            Office: offices[BinaryPrimitives.ReadUInt16LittleEndian(span[9..])]));
                        span = span[11..];
                        break;
                    case PersonEventKind.Status:
                        visit(new PersonEvent(kind, person, BinaryPrimitives.ReadInt32LittleEndian(span[5..]), null, null, null, null,
                            Batch: BinaryPrimitives.ReadUInt16LittleEndian(span[9..]), Line: BinaryPrimitives.ReadInt32LittleEndian(span[11..]),
                            Status: span[15], Threat: span[16]));
                        span = span[StatusSize..];
                        break;
                    default:
                        var idLength = span[DecisionFixedSize - 1];
                        visit(new PersonEvent(kind, person, BinaryPrimitives.ReadInt32LittleEndian(span[5..]), Codes[span[9]], Codes[span[10]], Codes[span[11]],
                            Encoding.ASCII.GetString(span.Slice(DecisionFixedSize, idLength)),
                            offices[BinaryPrimitives.ReadUInt16LittleEndian(span[12..])], countries[BinaryPrimitives.ReadUInt16LittleEndian(span[14..])],
                            policies[span[16]], priorities[span[17]]));
                        span = span[(DecisionFixedSize + idLength)..];
                        break;
                }
            }
            offset = BinaryPrimitives.ReadInt64LittleEndian(chunk);
        }
    }

    public void Dispose() => file.Dispose();

    readonly record struct Staged(PersonEventKind Kind, uint Person, int Day, byte Component, byte Action, byte Basis, string? RecordId,
        string? Office = null, string? Country = null, string? Policy = null, string? Priority = null,
        int Batch = 0, int Line = 0, byte Status = 0, byte Threat = 0, byte Level = 0);

    /// <summary>
    /// Strings of one attribute numbered in order of first appearance, at most <c>limit</c> + 1 of them. The string
    /// instances come back on read, so the reduction's keys hold one copy of each.
    /// </summary>
    sealed class AttributeCodes(int limit)
    {
        readonly Dictionary<string, ushort> index = new(StringComparer.Ordinal);
        readonly List<string> strings = [];

        public ushort CodeOf(string value)
        {
            if (index.TryGetValue(value, out var code)) return code;
            if (strings.Count > limit) throw new InvalidOperationException($"more than {limit + 1} distinct values of a PD decision attribute ('{value}')");
            code = (ushort)strings.Count;
            strings.Add(value);
            index.Add(value, code);
            return code;
        }

        public string this[int code] => strings[code];
    }

    /// <summary>
    /// One delivery's events, staged and handed to the spill a few thousand at a time so the delivery threads rarely
    /// meet at its lock. Not thread-safe: one writer per delivery.
    /// </summary>
    public sealed class Writer(TruthSpill spill)
    {
        readonly Staged[] staged = new Staged[4096];
        int count;

        public void Seen(long person) => Stage(new Staged(PersonEventKind.Seen, checked((uint)person), 0, 0, 0, 0, null));

        public void Arrest(long person, DateOnly date) => Stage(new Staged(PersonEventKind.Arrest, checked((uint)person), date.DayNumber, 0, 0, 0, null));

        /// <summary>An ICE ERO arrest and the priority level recorded at it (1-3, 4 for NONE, 0 unknown).</summary>
        public void EroArrest(long person, DateOnly date, byte level) =>
            Stage(new Staged(PersonEventKind.EroArrest, checked((uint)person), date.DayNumber, 0, 0, 0, null, Level: level));

        /// <summary>An ICE ERO removal and its office.</summary>
        public void Removal(long person, DateOnly date, string office) =>
            Stage(new Staged(PersonEventKind.Removal, checked((uint)person), date.DayNumber, 0, 0, 0, null, Office: office));

        /// <summary>A loaded row's person with the criminal status and threat level it states (0: none), its delivery in load order and its line.</summary>
        public void Status(long person, DateOnly date, int batch, long line, byte status, byte threat) =>
            Stage(new Staged(PersonEventKind.Status, checked((uint)person), date.DayNumber, 0, 0, 0, null, Batch: batch, Line: checked((int)line), Status: status, Threat: threat));

        public void Decision(long person, string component, string action, string basis, DateOnly date, string recordId,
            string office, string country, string policy, string priority) =>
            Stage(new Staged(PersonEventKind.Decision, checked((uint)person), date.DayNumber, CodeOf(component), CodeOf(action), CodeOf(basis), recordId,
                office, country, policy, priority));

        void Stage(in Staged e)
        {
            staged[count++] = e;
            if (count == staged.Length) Flush();
        }

        public void Flush()
        {
            spill.Append(staged.AsSpan(0, count));
            count = 0;
        }
    }
}
