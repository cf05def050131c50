using System.Text.Json;

namespace PdWarehouse.Etl.Generation;

/// <summary>
/// Accumulates truth.json while the rows are written: only rows a correct loader loads are counted (rejected dirty
/// rows go to the reject counts instead). Aggregates keyed by codes (enforcement, DACA, rejects) stay in memory: their
/// size depends on the code lists, not the rows. Everything per person (distinct persons, PD recipients and the later
/// arrested among them, the "same decision" chains and the decisions by office, citizenship, policy, priority and
/// quarter they give, PD persons by year and component, PD records per person) goes through a <see cref="TruthSpill"/>
/// on disk and is reduced one person range at a time when the truth is written, so memory does not grow with the scale.
/// </summary>
public sealed class TruthBuilder : IDisposable
{
    readonly long personSpace;
    TruthSpill? spill;
    readonly Dictionary<(int Fy, string Category, string Dimension, string Member), long> enforcement = [];
    readonly Dictionary<(string Referral, int Fy, string Measure), long> daca = [];
    readonly Dictionary<(string Referral, int ReceiptFy, string Status), long> dacaRequests = [];
    readonly Dictionary<(string Feed, int Fy, string Reason), long> rejects = [];
    readonly Dictionary<(string Feed, string Kind), long> findings = [];
    readonly Dictionary<(string Feed, string Kind, string Outcome), long> dirty = [];
    readonly Dictionary<(string Month, string Program, string Office, string Level), long> arrestPriority = [];
    readonly List<(string Delivery, string Measure, long Value)> controlTotals = [];
    readonly List<(string Delivery, string File, long Read, long Rejected)> files = [];
    readonly Lock gate = new();
    Reduced? reduced;

    /// <param name="dataEnd">The last day the generated deliveries cover: a PD decision's 12-month follow-up is known only when it ends by then.</param>
    public TruthBuilder(long personSpace, DateOnly dataEnd = default)
    {
        this.personSpace = personSpace;
        this.dataEnd = dataEnd;
    }

    readonly DateOnly dataEnd;

    // Opened with the first delivery, so a generator that never runs holds no temporary file.
    TruthSpill Spill
    {
        get
        {
            lock (gate) return spill ??= new TruthSpill(personSpace);
        }
    }

    public readonly record struct PdRecord(long Person, string Component, string Action, string Basis, DateOnly Date, string RecordId,
        string Office, string Country, string Policy, string Priority);

    sealed record Reduced(
        long DistinctPersons, long PdRecipients, long PdRecipientsLaterArrested,
        IReadOnlyList<(string Component, string Action, string Basis, int Fy, long Records, long Decisions)> Decisions,
        IReadOnlyList<(string Component, int Fy, string Dimension, string Member, string Action, long Records, long Decisions)> DecisionsByDimension,
        IReadOnlyList<(int Fy, string Component, long Persons, long Records)> PdPersons,
        IReadOnlyList<(int Fy, long Records, long Persons)> PdRecordsPerPerson,
        IReadOnlyList<(string Component, string Office, string Month, string BasisRecorded, long Decisions)> DecisionsByMonth,
        IReadOnlyList<(string Component, string Office, string Month, FollowUpCounts Counts)> FollowUpByMonth,
        IReadOnlyList<(string Month, string Office, string Level, long Removals)> RemovalsByMonth);

    /// <summary>PD decisions (chain starts) of one cell, those whose 12 months end inside the data, and of those the convicted and the arrested within 12 months.</summary>
    public sealed record FollowUpCounts(long Decisions, long Covered, long Convicted, long Arrested);

    /// <summary>A new delivery's tally, whose person-level events go to this truth's spill.</summary>
    public Tally NewTally() => new(new TruthSpill.Writer(Spill));

    /// <summary>Adds one delivery's code-keyed counts (its person-level events are already spilled).</summary>
    public void Merge(Tally tally)
    {
        tally.Events.Flush();
        lock (gate)
        {
            foreach (var (k, v) in tally.Enforcement) Add(enforcement, k, v);
            foreach (var (k, v) in tally.Daca) Add(daca, k, v);
            foreach (var (k, v) in tally.DacaRequests) Add(dacaRequests, k, v);
            foreach (var (k, v) in tally.Rejects) Add(rejects, k, v);
            foreach (var (k, v) in tally.Dirty) Add(dirty, k, v);
            foreach (var (k, v) in tally.ArrestPriority) Add(arrestPriority, k, v);
            foreach (var ((feed, kind, outcome), v) in tally.Dirty)
                if (outcome == "loaded" && kind is "unknown-office-code" or "unknown-country-code") Add(findings, (feed, kind == "unknown-office-code" ? "UNKNOWN-OFFICE" : "UNLISTED-COUNTRY"), v);
            controlTotals.AddRange(tally.ControlTotals);
            files.AddRange(tally.Files);
        }
    }

    static void Add<TKey>(Dictionary<TKey, long> d, TKey key, long value) where TKey : notnull =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(d, key, out _) += value;

    /// <summary>Decision chains by the rule of docs/feeds.md: same person, action and basis, within 180 days of the chain's first record.</summary>
    public IReadOnlyList<(string Component, string Action, string Basis, int Fy, long Records, long Decisions)> Decisions() => Reduce().Decisions;

    /// <summary>
    /// Decisions by component, year and action, cut by one more attribute of the record at a time (office,
    /// citizenship, policy, priority, fiscal quarter): the PD tables' other dimensions. Records are counted
    /// too, since a report row exists (with zero decisions) when only repeats fall in it. A repeat counts as a record
    /// of its own attributes but not as a decision, which belongs to the chain's first record.
    /// </summary>
    public IReadOnlyList<(string Component, int Fy, string Dimension, string Member, string Action, long Records, long Decisions)> DecisionsByDimension() =>
        Reduce().DecisionsByDimension;

    /// <summary>Distinct persons with a PD record by fiscal year and component ("ALL": any component, each person once), and their records.</summary>
    public IReadOnlyList<(int Fy, string Component, long Persons, long Records)> PdPersons() => Reduce().PdPersons;

    /// <summary>Persons by how many PD records they have in a year, across components.</summary>
    public IReadOnlyList<(int Fy, long Records, long Persons)> PdRecordsPerPerson() => Reduce().PdRecordsPerPerson;

    /// <summary>PD decisions (chains, by their first record) by component, office, calendar month and whether a basis was recorded: the monitoring indicators' truth.</summary>
    public IReadOnlyList<(string Component, string Office, string Month, string BasisRecorded, long Decisions)> DecisionsByMonth() => Reduce().DecisionsByMonth;

    /// <summary>
    /// PD decisions by component, office and calendar month with their 12-month follow-up as the warehouse records it
    /// (docs/monitoring.md, pd-recipients): the truth of `convicted-within-12-months` and `arrested-within-12-months`.
    /// </summary>
    public IReadOnlyList<(string Component, string Office, string Month, FollowUpCounts Counts)> FollowUpByMonth() => Reduce().FollowUpByMonth;

    /// <summary>
    /// ICE ERO removals by month, office and the priority level of the person's most recent ICE ERO arrest on or before
    /// the removal (NOT-RECORDED when there is none, or it recorded no priority): the truth of `ice-removals-top-priority`.
    /// </summary>
    public IReadOnlyList<(string Month, string Office, string Level, long Removals)> RemovalsByMonth() => Reduce().RemovalsByMonth;

    public long DistinctPersons => Reduce().DistinctPersons;
    public long PdRecipients => Reduce().PdRecipients;
    public long PdRecipientsLaterArrested => Reduce().PdRecipientsLaterArrested;

    static readonly Comparison<PdRecord> ChainOrder = (a, b) =>
    {
        var c = a.Person.CompareTo(b.Person);
        if (c == 0) c = string.CompareOrdinal(a.Action, b.Action);
        if (c == 0) c = string.CompareOrdinal(a.Basis, b.Basis);
        if (c == 0) c = a.Date.CompareTo(b.Date);
        if (c == 0) c = string.CompareOrdinal(a.RecordId, b.RecordId);
        return c;
    };

    /// <summary>
    /// Reads the spill back one bucket (person index range) at a time; called once, after the last delivery is merged.
    /// A PD recipient is "later arrested" when one of their loaded arrests is dated after their first PD record (PD
    /// records lie within their fiscal year, so it does not matter which years were merged when).
    /// </summary>
    Reduced Reduce()
    {
        lock (gate)
        {
            if (reduced is not null) return reduced;
            var spill = Spill;
            spill.Seal();
            var state = new ReduceState { DataEnd = dataEnd };
            for (var bucket = 0; bucket < spill.BucketCount; bucket++) ReduceBucket(spill, bucket, state);
            var decisions = state.Records.Keys
                .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ThenBy(k => k.Item3, StringComparer.Ordinal).ThenBy(k => k.Item4)
                .Select(k => (k.Item1, k.Item2, k.Item3, k.Item4, state.Records[k], state.Decisions.GetValueOrDefault(k)))
                .ToList();
            var byDimension = state.DimensionRecords
                .OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2).ThenBy(c => c.Key.Item3, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Item4, StringComparer.Ordinal).ThenBy(c => c.Key.Item5, StringComparer.Ordinal)
                .Select(c => (c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Key.Item4, c.Key.Item5, c.Value, state.DimensionDecisions.GetValueOrDefault(c.Key)))
                .ToList();
            var pdPersons = state.PdPersonCounts.Keys.OrderBy(k => k.Fy).ThenBy(k => k.Component, StringComparer.Ordinal)
                .Select(k => (k.Fy, k.Component, state.PdPersonCounts[k], state.PdPersonRecords[k]))
                .ToList();
            var perPerson = state.RecordsPerPerson.OrderBy(g => g.Key.Fy).ThenBy(g => g.Key.Records)
                .Select(g => (g.Key.Fy, g.Key.Records, g.Value))
                .ToList();
            var byMonth = state.MonthDecisions.OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Item3, StringComparer.Ordinal).ThenBy(c => c.Key.Item4, StringComparer.Ordinal)
                .Select(c => (c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Key.Item4, c.Value))
                .ToList();
            var followUp = state.FollowUp.OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Item3, StringComparer.Ordinal)
                .Select(c => (c.Key.Item1, c.Key.Item2, c.Key.Item3, new FollowUpCounts(c.Value[0], c.Value[1], c.Value[2], c.Value[3])))
                .ToList();
            var removals = state.RemovalLevels.OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2, StringComparer.Ordinal)
                .ThenBy(c => c.Key.Item3, StringComparer.Ordinal).Select(c => (c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value)).ToList();
            reduced = new Reduced(state.Distinct, state.PdRecipients, state.LaterArrested, decisions, byDimension, pdPersons, perPerson, byMonth, followUp, removals);
            spill.Dispose();
            return reduced;
        }
    }

    // PD persons cluster (an OPLA year's new persons are about a third PD recipients), so a bucket's PD records are
    // taken a group of person blocks at a time, at most this many records per group, whatever the scale.
    const int MaxRecordsPerGroup = 16_384;
    const int BlockBits = 10;

    static readonly string[] Quarters = ["1", "2", "3", "4"];

    /// <summary>
    /// What the reduction keeps between groups: counts keyed by codes and years (their size depends on the code lists,
    /// not the rows), and buffers reused by every bucket and group.
    /// </summary>
    sealed class ReduceState
    {
        public readonly Dictionary<(string, string, string, int), long> Records = [];
        public readonly Dictionary<(string, string, string, int), long> Decisions = [];
        public readonly Dictionary<(string, int, string, string, string), long> DimensionRecords = [];
        public readonly Dictionary<(string, int, string, string, string), long> DimensionDecisions = [];
        public readonly Dictionary<(int Fy, string Component), long> PdPersonCounts = [];
        public readonly Dictionary<(int Fy, string Component), long> PdPersonRecords = [];
        public readonly Dictionary<(int Fy, long Records), long> RecordsPerPerson = [];
        public readonly Dictionary<(string, string, string, string), long> MonthDecisions = [];
        public readonly ulong[] Bits = new ulong[(1 << TruthSpill.BucketBits) / 64];
        public readonly int[] BlockRecords = new int[1 << (TruthSpill.BucketBits - BlockBits)];
        public readonly List<PdRecord> Pd = [];
        public readonly List<long> Recipients = [];
        public readonly List<int> FirstDay = [];
        public readonly List<bool> Later = [];
        // The current person's years and components with a PD record, and records per year.
        public readonly List<(int Fy, string Component)> PersonKeys = [];
        public readonly List<(int Fy, long Records)> PersonYears = [];
        public long Distinct, PdRecipients, LaterArrested;
        public DateOnly DataEnd;
        // Chain starts of the group (person, component, office, day), and the statuses and arrests of its recipients.
        public readonly List<(long Person, string Component, string Office, int Day)> Starts = [];
        public readonly List<PersonEvent> Statuses = [];
        public readonly Dictionary<(string, string, string), long[]> FollowUp = [];
        public readonly Dictionary<(string, string, string), long> RemovalLevels = [];
        public readonly List<PersonEvent> Removals = [];
    }

    /// <summary>
    /// Pass 1 marks the bucket's persons and counts its PD records per block of 2^10 persons; then, per group of blocks,
    /// one pass collects the group's PD records (chains, first PD date per person) and one looks at its arrests.
    /// </summary>
    static void ReduceBucket(TruthSpill spill, int bucket, ReduceState state)
    {
        const uint offsetMask = (1u << TruthSpill.BucketBits) - 1;
        var bits = state.Bits;
        var blockRecords = state.BlockRecords;
        Array.Clear(bits);
        Array.Clear(blockRecords);
        var any = false;
        spill.Read(bucket, e =>
        {
            var offset = e.Person & offsetMask;
            bits[offset >> 6] |= 1UL << (int)(offset & 63);
            if (e.Kind != PersonEventKind.Decision) return;
            blockRecords[offset >> BlockBits]++;
            any = true;
        });
        foreach (var w in bits) state.Distinct += System.Numerics.BitOperations.PopCount(w);
        RemovalPriorities(spill, bucket, state);
        if (!any) return;

        for (var first = 0; first < blockRecords.Length;)
        {
            var last = first;
            var count = blockRecords[first];
            while (last + 1 < blockRecords.Length && count + blockRecords[last + 1] <= MaxRecordsPerGroup) count += blockRecords[++last];
            if (count > 0) ReduceGroup(spill, bucket, (uint)first << BlockBits, (uint)(last + 1) << BlockBits, state);
            first = last + 1;
        }
    }

    /// <summary>
    /// The PD records and arrests of persons whose offset in the bucket lies in [lo, hi). A group holds every record of
    /// its persons, so the chains, the distinct persons and the records per person it counts are final.
    /// </summary>
    static void ReduceGroup(TruthSpill spill, int bucket, uint lo, uint hi, ReduceState state)
    {
        const uint offsetMask = (1u << TruthSpill.BucketBits) - 1;
        var pd = state.Pd;
        pd.Clear();
        spill.Read(bucket, e =>
        {
            var offset = e.Person & offsetMask;
            if (e.Kind == PersonEventKind.Decision && offset >= lo && offset < hi)
                pd.Add(new PdRecord(e.Person, e.Component!, e.Action!, e.Basis!, DateOnly.FromDayNumber(e.Day), e.RecordId!,
                    e.Office!, e.Country!, e.Policy!, e.Priority!));
        });

        var ordered = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pd);
        ordered.Sort(ChainOrder);
        var recipients = state.Recipients;
        var firstDay = state.FirstDay;
        recipients.Clear();
        firstDay.Clear();
        PdRecord? chainStart = null;
        var starts = state.Starts;
        starts.Clear();
        foreach (var r in ordered)
        {
            var fy = Calibration.FiscalYearOf(r.Date);
            Add(state.Records, (r.Component, r.Action, r.Basis, fy), 1);
            if (recipients.Count == 0 || recipients[^1] != r.Person)
            {
                if (recipients.Count > 0) EndPerson(state);
                recipients.Add(r.Person);
                firstDay.Add(r.Date.DayNumber);
            }
            else if (r.Date.DayNumber < firstDay[^1]) firstDay[^1] = r.Date.DayNumber;
            CountPersonRecord(state, fy, r.Component);
            var sameChain = chainStart is { } s && s.Person == r.Person && s.Action == r.Action && s.Basis == r.Basis && r.Date.DayNumber - s.Date.DayNumber <= 180;
            if (!sameChain)
            {
                chainStart = r;
                Add(state.Decisions, (r.Component, r.Action, r.Basis, fy), 1);
            }
            if (!sameChain)
            {
                Add(state.MonthDecisions, (r.Component, r.Office, Month(r.Date), r.Basis is "NOT-RECORDED" ? "no" : "yes"), 1);
                starts.Add((r.Person, r.Component, r.Office, r.Date.DayNumber));
            }
            var quarter = Quarters[(r.Date.Month + 2) % 12 / 3];
            ReadOnlySpan<(string Dimension, string Member)> cuts = [("office", r.Office), ("country", r.Country), ("policy", r.Policy), ("priority", r.Priority), ("quarter", quarter)];
            foreach (var (dimension, member) in cuts)
            {
                Add(state.DimensionRecords, (r.Component, fy, dimension, member, r.Action), 1);
                if (!sameChain) Add(state.DimensionDecisions, (r.Component, fy, dimension, member, r.Action), 1);
            }
        }
        if (recipients.Count > 0) EndPerson(state);
        state.PdRecipients += recipients.Count;

        var later = state.Later;
        later.Clear();
        later.AddRange(Enumerable.Repeat(false, recipients.Count));
        var statuses = state.Statuses;
        statuses.Clear();
        spill.Read(bucket, e =>
        {
            var offset = e.Person & offsetMask;
            if (e.Kind is not (PersonEventKind.Arrest or PersonEventKind.Status) || offset < lo || offset >= hi) return;
            var i = recipients.BinarySearch(e.Person);
            if (i < 0) return;
            statuses.Add(e);
            if (e.Kind == PersonEventKind.Arrest && e.Day > firstDay[i]) later[i] = true;
        });
        state.LaterArrested += later.Count(l => l);
        FollowUp(state);
    }

    /// <summary>
    /// The 12-month follow-up of the group's decisions, as the warehouse will record it. The loader keeps a person's
    /// criminal status as SCD2 versions (PersonResolutionSql): a person's first delivery opens a version valid from the
    /// beginning with the status of that delivery's latest row stating one (UNKNOWN if none); each later delivery whose
    /// latest such row is dated after the current version began, and states another status or threat level, opens a
    /// version from that row's day. Deliveries are replayed in `pdw load`'s order. A decision is then "convicted within 12
    /// months" when the version valid on its day is not CRIMINAL and a CRIMINAL version begins 1 to 365 days after it,
    /// "arrested" when an apprehension falls in those days, and covered when those days end by the data's last day.
    /// </summary>
    static void FollowUp(ReduceState state)
    {
        var events = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(state.Statuses);
        events.Sort((a, b) =>
        {
            var c = a.Person.CompareTo(b.Person);
            if (c == 0) c = a.Kind.CompareTo(b.Kind);
            if (c == 0) c = a.Batch.CompareTo(b.Batch);
            if (c == 0) c = a.Day.CompareTo(b.Day);
            if (c == 0) c = a.Line.CompareTo(b.Line);
            return c;
        });
        var starts = state.Starts;
        starts.Sort((a, b) => a.Person.CompareTo(b.Person));
        var lastCovered = state.DataEnd.DayNumber - 365;
        var versions = new List<(int From, byte Status, byte Threat)>();
        var arrests = new List<int>();
        var e = 0;
        var s = 0;
        while (s < starts.Count)
        {
            var person = starts[s].Person;
            while (e < events.Length && events[e].Person < person) e++;
            versions.Clear();
            arrests.Clear();
            for (; e < events.Length && events[e].Person == person; e++)
            {
                var ev = events[e];
                if (ev.Kind == PersonEventKind.Arrest) { arrests.Add(ev.Day); continue; }
                // Status events of one delivery are consecutive and sorted by day and line: the last stating a status wins.
                var batchEnd = e;
                var stated = -1;
                while (batchEnd < events.Length && events[batchEnd].Person == person && events[batchEnd].Kind == PersonEventKind.Status && events[batchEnd].Batch == ev.Batch)
                {
                    if (events[batchEnd].Status != 0) stated = batchEnd;
                    batchEnd++;
                }
                if (versions.Count == 0)
                    versions.Add((int.MinValue, stated < 0 ? (byte)0 : events[stated].Status, stated < 0 ? (byte)0 : events[stated].Threat));
                else if (stated >= 0 && events[stated].Day > versions[^1].From
                         && (events[stated].Status != versions[^1].Status || events[stated].Threat != versions[^1].Threat))
                    versions.Add((events[stated].Day, events[stated].Status, events[stated].Threat));
                e = batchEnd - 1;
            }
            for (; s < starts.Count && starts[s].Person == person; s++)
            {
                var (_, component, office, day) = starts[s];
                var month = Month(DateOnly.FromDayNumber(day));
                if (!state.FollowUp.TryGetValue((component, office, month), out var counts)) state.FollowUp[(component, office, month)] = counts = new long[4];
                counts[0]++;
                if (day > lastCovered) continue;
                counts[1]++;
                var criminalAtDecision = false;
                var criminalLater = false;
                foreach (var v in versions)
                {
                    if (v.From <= day) criminalAtDecision = v.Status == 1;
                    else if (v.Status == 1 && v.From <= day + 365) criminalLater = true;
                }
                if (!criminalAtDecision && criminalLater) counts[2]++;
                if (arrests.Exists(a => a > day && a <= day + 365)) counts[3]++;
            }
        }
    }

    static readonly string[] LevelNames = ["NOT-RECORDED", "1", "2", "3", "NONE"];

    /// <summary>
    /// Each ICE ERO removal of the bucket's persons takes the priority level of the person's most recent ICE ERO arrest
    /// on or before the removal day, as the measurement derives it (an arrest and a removal on the same day: the arrest
    /// counts). A bucket's removals and ERO arrests are a few per person, so they are read and sorted a bucket at a time.
    /// </summary>
    static void RemovalPriorities(TruthSpill spill, int bucket, ReduceState state)
    {
        var events = state.Removals;
        events.Clear();
        spill.Read(bucket, e => { if (e.Kind is PersonEventKind.EroArrest or PersonEventKind.Removal) events.Add(e); });
        // Per person by day; on one day the arrests (EroArrest sorts before Removal) come first.
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events);
        span.Sort((a, b) =>
        {
            var c = a.Person.CompareTo(b.Person);
            if (c == 0) c = a.Day.CompareTo(b.Day);
            if (c == 0) c = a.Kind.CompareTo(b.Kind);
            return c;
        });
        var person = uint.MaxValue;
        var level = 0;
        foreach (var e in span)
        {
            if (e.Person != person) (person, level) = (e.Person, 0);
            if (e.Kind == PersonEventKind.EroArrest) level = e.Level;
            else Add(state.RemovalLevels, (Month(DateOnly.FromDayNumber(e.Day)), e.Office!, LevelNames[level]), 1);
        }
    }

    internal static string Month(DateOnly d) => $"{d.Year:D4}-{d.Month:D2}";

    /// <summary>One PD record of the current person (the group's records come sorted by person).</summary>
    static void CountPersonRecord(ReduceState state, int fy, string component)
    {
        Add(state.PdPersonRecords, (fy, component), 1);
        Add(state.PdPersonRecords, (fy, "ALL"), 1);
        if (!state.PersonKeys.Contains((fy, component))) state.PersonKeys.Add((fy, component));
        var years = state.PersonYears;
        var i = years.FindIndex(y => y.Fy == fy);
        if (i < 0) years.Add((fy, 1));
        else years[i] = (fy, years[i].Records + 1);
    }

    /// <summary>The current person counts once per year and component, once per year under "ALL", and once in the records-per-person histogram of each year.</summary>
    static void EndPerson(ReduceState state)
    {
        foreach (var key in state.PersonKeys) Add(state.PdPersonCounts, key, 1);
        foreach (var (fy, records) in state.PersonYears)
        {
            Add(state.PdPersonCounts, (fy, "ALL"), 1);
            Add(state.RecordsPerPerson, (fy, records), 1);
        }
        state.PersonKeys.Clear();
        state.PersonYears.Clear();
    }

    /// <summary>Deletes the spill file; the reduced figures stay readable if the truth was written.</summary>
    public void Dispose()
    {
        lock (gate) spill?.Dispose();
    }

    public IReadOnlyDictionary<(int Fy, string Category, string Dimension, string Member), long> EnforcementCounts => enforcement;
    public IReadOnlyDictionary<(string Referral, int Fy, string Measure), long> DacaCounts => daca;
    public IReadOnlyDictionary<(string Feed, int Fy, string Reason), long> RejectCounts => rejects;
    public IReadOnlyDictionary<(string Feed, string Kind), long> FindingCounts => findings;
    public IReadOnlyDictionary<(string Feed, string Kind, string Outcome), long> DirtyCounts => dirty;

    public void Write(string path, GenerateOptions options)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("formatVersion", "1.0");
        w.WriteStartObject("parameters");
        w.WriteStartArray("fiscalYears");
        foreach (var fy in options.FiscalYears) w.WriteNumberValue(fy);
        w.WriteEndArray();
        w.WriteNumber("scale", options.Scale);
        w.WriteNumber("seed", options.Seed);
        w.WriteNumber("dirtyRate", options.DirtyRate);
        w.WriteNumber("rearrestShare", options.RearrestShare);
        w.WriteEndObject();

        w.WriteStartObject("persons");
        w.WriteNumber("distinct", DistinctPersons);
        w.WriteNumber("pdRecipients", PdRecipients);
        w.WriteNumber("pdRecipientsLaterArrested", PdRecipientsLaterArrested);
        w.WriteEndObject();

        w.WriteStartArray("decisions");
        foreach (var (component, action, basis, fy, records, decisions) in Decisions())
        {
            w.WriteStartObject();
            w.WriteString("component", component);
            w.WriteString("actionCode", action);
            w.WriteString("basisCode", basis);
            w.WriteNumber("fiscalYear", fy);
            w.WriteNumber("records", records);
            w.WriteNumber("decisions", decisions);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("decisionsByDimension");
        foreach (var (component, fy, dimension, member, action, records, decisions) in DecisionsByDimension())
        {
            w.WriteStartObject();
            w.WriteString("component", component);
            w.WriteNumber("fiscalYear", fy);
            w.WriteString("dimension", dimension);
            w.WriteString("member", member);
            w.WriteString("actionCode", action);
            w.WriteNumber("records", records);
            w.WriteNumber("decisions", decisions);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("pdPersons");
        foreach (var (fy, component, people, records) in PdPersons())
        {
            w.WriteStartObject();
            w.WriteNumber("fiscalYear", fy);
            w.WriteString("component", component);
            w.WriteNumber("persons", people);
            w.WriteNumber("records", records);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        // Persons by how many PD records they have in a year, across components (the data-quality appendix's records per person).
        w.WriteStartArray("pdRecordsPerPerson");
        foreach (var (fy, records, people) in PdRecordsPerPerson())
        {
            w.WriteStartObject();
            w.WriteNumber("fiscalYear", fy);
            w.WriteNumber("records", records);
            w.WriteNumber("persons", people);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("daca");
        foreach (var (referral, fy) in daca.Keys.Select(k => (k.Referral, k.Fy)).Distinct().OrderBy(k => k.Referral, StringComparer.Ordinal).ThenBy(k => k.Fy))
        {
            w.WriteStartObject();
            w.WriteString("referralSource", referral);
            w.WriteNumber("fiscalYear", fy);
            foreach (var m in new[] { "accepted", "approved", "denied" }) w.WriteNumber(m, daca.GetValueOrDefault((referral, fy, m)));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("enforcementActions");
        foreach (var (k, v) in enforcement.OrderBy(e => e.Key.Fy).ThenBy(e => e.Key.Category, StringComparer.Ordinal)
                     .ThenBy(e => e.Key.Dimension, StringComparer.Ordinal).ThenBy(e => e.Key.Member, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteNumber("fiscalYear", k.Fy);
            w.WriteString("category", k.Category);
            w.WriteString("dimension", k.Dimension);
            w.WriteString("member", k.Member);
            w.WriteNumber("count", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        // DACA requests by the fiscal year USCIS received them and their status in the last delivery that carries them.
        w.WriteStartArray("dacaRequests");
        foreach (var (k, v) in dacaRequests.OrderBy(d => d.Key.Referral, StringComparer.Ordinal).ThenBy(d => d.Key.ReceiptFy).ThenBy(d => d.Key.Status, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("referralSource", k.Referral);
            w.WriteNumber("receiptFiscalYear", k.ReceiptFy);
            w.WriteString("status", k.Status);
            w.WriteNumber("requests", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        // Rejects by the fiscal year of the delivery that carried them: the data-quality appendix reports one year's deliveries.
        w.WriteStartArray("rejects");
        foreach (var (k, v) in rejects.OrderBy(r => r.Key.Feed, StringComparer.Ordinal).ThenBy(r => r.Key.Fy).ThenBy(r => r.Key.Reason, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("feed", k.Feed);
            w.WriteNumber("fiscalYear", k.Fy);
            w.WriteString("reasonCode", k.Reason);
            w.WriteNumber("rows", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        WriteMonitoring(w);
        WritePairs(w, "findings", findings.Select(r => (r.Key.Feed, r.Key.Kind, r.Value)), "kind");

        w.WriteStartArray("dirtyRows");
        foreach (var (k, v) in dirty.OrderBy(d => d.Key.Feed, StringComparer.Ordinal).ThenBy(d => d.Key.Kind, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("feed", k.Feed);
            w.WriteString("kind", k.Kind);
            w.WriteString("outcome", k.Outcome);
            w.WriteNumber("rows", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("controlTotals");
        foreach (var (delivery, measure, value) in controlTotals.OrderBy(c => c.Delivery, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("delivery", delivery);
            w.WriteString("measure", measure);
            w.WriteNumber("value", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("files");
        foreach (var (delivery, file, read, rejected) in files.OrderBy(f => f.Delivery, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("delivery", delivery);
            w.WriteString("file", file);
            w.WriteNumber("rowsRead", read);
            w.WriteNumber("rowsRejected", rejected);
            w.WriteNumber("rowsLoaded", read - rejected);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// What the policy monitoring indicators must find: the stated effect of the 2014-11-20 memo (PolicyEffect) and the
    /// monthly counts its indicators are computed from (ICE arrests by priority level; PD decisions with and without a basis).
    /// </summary>
    void WriteMonitoring(Utf8JsonWriter w)
    {
        w.WriteStartObject("monitoring");
        w.WriteStartArray("policyEffects");
        foreach (var (program, (before, after)) in PolicyEffect.ArrestPriority1Share.OrderBy(p => p.Key, StringComparer.Ordinal))
            WriteEffect(w, "ice-arrests-priority-1-share", program, before, after);
        foreach (var (component, factor) in PolicyEffect.BasisNotRecordedFactor.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var before = PolicyEffect.BasisNotRecordedBefore(component);
            WriteEffect(w, "pd-basis-recorded-share", component, 1 - before, 1 - before * factor);
        }
        w.WriteEndArray();
        w.WriteStartArray("iceArrestsByMonth");
        foreach (var (k, v) in arrestPriority.OrderBy(a => a.Key.Month, StringComparer.Ordinal).ThenBy(a => a.Key.Program, StringComparer.Ordinal)
                     .ThenBy(a => a.Key.Office, StringComparer.Ordinal).ThenBy(a => a.Key.Level, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("month", k.Month);
            w.WriteString("program", k.Program);
            w.WriteString("office", k.Office);
            w.WriteString("priorityLevel", k.Level);
            w.WriteNumber("arrests", v);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("followUpConvictions");
        foreach (var (component, rate) in FollowUpConvictions.Rate.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("component", component);
            w.WriteNumber("decisionFiscalYear", FollowUpConvictions.DecisionFiscalYear);
            w.WriteNumber("bookInFiscalYear", FollowUpConvictions.BookInFiscalYear);
            w.WriteNumber("rate", rate);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("pdRecipientFollowUpByMonth");
        foreach (var (component, office, month, c) in FollowUpByMonth())
        {
            w.WriteStartObject();
            w.WriteString("month", month);
            w.WriteString("component", component);
            w.WriteString("office", office);
            w.WriteNumber("decisions", c.Decisions);
            w.WriteNumber("followUpCovered", c.Covered);
            w.WriteNumber("convictedWithin12Months", c.Convicted);
            w.WriteNumber("arrestedWithin12Months", c.Arrested);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("eroRemovalsByMonth");
        foreach (var (month, office, level, count) in RemovalsByMonth())
        {
            w.WriteStartObject();
            w.WriteString("month", month);
            w.WriteString("office", office);
            w.WriteString("arrestPriorityLevel", level);
            w.WriteNumber("removals", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("pdDecisionsByMonth");
        foreach (var (component, office, month, recorded, decisions) in DecisionsByMonth())
        {
            w.WriteStartObject();
            w.WriteString("month", month);
            w.WriteString("component", component);
            w.WriteString("office", office);
            w.WriteString("basisRecorded", recorded);
            w.WriteNumber("decisions", decisions);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    static void WriteEffect(Utf8JsonWriter w, string measure, string component, double before, double after)
    {
        w.WriteStartObject();
        w.WriteString("policy", PolicyEffect.PolicyCode);
        w.WriteString("effective", PolicyEffect.Effective.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteString("measure", measure);
        w.WriteString("component", component);
        w.WriteNumber("before", before);
        w.WriteNumber("after", after);
        w.WriteEndObject();
    }

    static void WritePairs(Utf8JsonWriter w, string name, IEnumerable<(string Feed, string Key, long Rows)> rows, string keyName)
    {
        w.WriteStartArray(name);
        foreach (var (feed, key, count) in rows.OrderBy(r => r.Feed, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("feed", feed);
            w.WriteString(keyName, key);
            w.WriteNumber("rows", count);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}

/// <summary>What one delivery contributes to the truth, counted on the thread that writes it.</summary>
public sealed class Tally
{
    internal Tally(TruthSpill.Writer events) => Events = events;

    /// <summary>The delivery's person-level events (persons seen, arrests, PD decision records), on their way to the spill.</summary>
    internal TruthSpill.Writer Events { get; }
    public Dictionary<(int Fy, string Category, string Dimension, string Member), long> Enforcement { get; } = [];
    public Dictionary<(string Referral, int Fy, string Measure), long> Daca { get; } = [];
    public Dictionary<(string Feed, int Fy, string Reason), long> Rejects { get; } = [];
    public Dictionary<(string Referral, int ReceiptFy, string Status), long> DacaRequests { get; } = [];
    public Dictionary<(string Feed, string Kind, string Outcome), long> Dirty { get; } = [];
    public Dictionary<(string Month, string Program, string Office, string Level), long> ArrestPriority { get; } = [];
    public List<(string Delivery, string Measure, long Value)> ControlTotals { get; } = [];
    public List<(string Delivery, string File, long Read, long Rejected)> Files { get; } = [];

    public void AddEnforcement(int fy, string category, string program, string office, string country, string? criminalStatus, string actionType)
    {
        Add(Enforcement, (fy, category, "program", program));
        Add(Enforcement, (fy, category, "office", office));
        Add(Enforcement, (fy, category, "country", country));
        Add(Enforcement, (fy, category, "region", ReferenceLists.RegionOf(country)));
        if (criminalStatus is not null) Add(Enforcement, (fy, category, "criminalStatus", criminalStatus));
        // Two cross-classifications the Yearbook tables need: HSI arrests are booked to ERO offices, so office
        // alone does not give the ERO table; removals are tabulated by criminal status within country.
        Add(Enforcement, (fy, category, "programOffice", program + "/" + office));
        if (criminalStatus is not null) Add(Enforcement, (fy, category, "criminalStatusCountry", criminalStatus + "/" + country));
        Add(Enforcement, (fy, category, "actionType", actionType));
    }

    public void AddDaca(string referral, int receiptFy, int acceptedFy, int? decisionFy, string status)
    {
        Add(DacaRequests, (referral, receiptFy, status));
        Add(Daca, (referral, acceptedFy, "accepted"));
        if (decisionFy is { } d && status != "PENDING") Add(Daca, (referral, d, status == "APPROVED" ? "approved" : "denied"));
    }

    public void AddArrestPriority(DateOnly date, string program, string office, string level) =>
        Add(ArrestPriority, (TruthBuilder.Month(date), program, office, level));

    public void Reject(string feed, int fy, string reason) => Add(Rejects, (feed, fy, reason));
    public void AddDirty(string feed, string kind, string outcome) => Add(Dirty, (feed, kind, outcome));

    static void Add<TKey>(Dictionary<TKey, long> d, TKey key) where TKey : notnull =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(d, key, out _)++;
}
