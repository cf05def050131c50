using System.Text.Json;

namespace PdWarehouse.Etl.Generation;

/// <summary>
/// Accumulates truth.json while the rows are written: only rows a correct loader loads are counted (rejected dirty
/// rows go to the reject counts instead). Memory: one bit per person index, plus one small record per PD decision
/// row — PD rows are about 2% of all rows — which the "same decision" rule needs all together at the end.
/// </summary>
public sealed class TruthBuilder
{
    readonly ulong[] persons;
    readonly Dictionary<long, DateOnly> firstPd = [];
    readonly HashSet<long> laterArrested = [];
    readonly List<PdRecord> pdRecords = [];
    readonly Dictionary<(int Fy, string Category, string Dimension, string Member), long> enforcement = [];
    readonly Dictionary<(string Referral, int Fy, string Measure), long> daca = [];
    readonly Dictionary<(string Referral, int ReceiptFy, string Status), long> dacaRequests = [];
    readonly Dictionary<(string Feed, int Fy, string Reason), long> rejects = [];
    readonly Dictionary<(string Feed, string Kind), long> findings = [];
    readonly Dictionary<(string Feed, string Kind, string Outcome), long> dirty = [];
    readonly List<(string Delivery, string Measure, long Value)> controlTotals = [];
    readonly List<(string Delivery, string File, long Read, long Rejected)> files = [];
    readonly Lock gate = new();

    public TruthBuilder(long personSpace) => persons = new ulong[(personSpace + 63) / 64];

    public readonly record struct PdRecord(long Person, string Component, string Action, string Basis, DateOnly Date, string RecordId,
        string Office, string Country, string Policy, string Priority);

    public void Person(long p) => Interlocked.Or(ref persons[p >> 6], 1UL << (int)(p & 63));

    /// <summary>
    /// An apprehension or arrest: counts towards "PD recipients later arrested" when dated after the person's first PD
    /// decision. Deliveries are written year by year with the PD feeds' tallies merged first, so every PD decision dated
    /// before this arrest is already known (later years' decisions cannot be earlier).
    /// </summary>
    public void Arrest(long person, DateOnly date)
    {
        if (firstPd.TryGetValue(person, out var first) && date > first)
            lock (gate) laterArrested.Add(person);
    }

    /// <summary>Adds one delivery's tally; callers merge PD deliveries of a year before writing its other deliveries.</summary>
    public void Merge(Tally tally)
    {
        lock (gate)
        {
            foreach (var r in tally.PdRecords)
            {
                pdRecords.Add(r);
                if (!firstPd.TryGetValue(r.Person, out var first) || r.Date < first) firstPd[r.Person] = r.Date;
            }
            foreach (var (k, v) in tally.Enforcement) Add(enforcement, k, v);
            foreach (var (k, v) in tally.Daca) Add(daca, k, v);
            foreach (var (k, v) in tally.DacaRequests) Add(dacaRequests, k, v);
            foreach (var (k, v) in tally.Rejects) Add(rejects, k, v);
            foreach (var (k, v) in tally.Dirty) Add(dirty, k, v);
            foreach (var ((feed, kind, outcome), v) in tally.Dirty)
                if (outcome == "loaded" && kind is "unknown-office-code" or "unknown-country-code") Add(findings, (feed, kind == "unknown-office-code" ? "UNKNOWN-OFFICE" : "UNKNOWN-COUNTRY"), v);
            controlTotals.AddRange(tally.ControlTotals);
            files.AddRange(tally.Files);
        }
    }

    static void Add<TKey>(Dictionary<TKey, long> d, TKey key, long value) where TKey : notnull =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(d, key, out _) += value;

    /// <summary>Decision chains by the rule of docs/feeds.md: same person, action and basis, within 180 days of the chain's first record.</summary>
    public IReadOnlyList<(string Component, string Action, string Basis, int Fy, long Records, long Decisions)> Decisions()
    {
        var records = new Dictionary<(string, string, string, int), long>();
        var decisions = new Dictionary<(string, string, string, int), long>();
        foreach (var (r, startsChain) in Chains())
        {
            var fy = Calibration.FiscalYearOf(r.Date);
            Add(records, (r.Component, r.Action, r.Basis, fy), 1);
            if (startsChain) Add(decisions, (r.Component, r.Action, r.Basis, fy), 1);
        }
        return records.Keys
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ThenBy(k => k.Item3, StringComparer.Ordinal).ThenBy(k => k.Item4)
            .Select(k => (k.Item1, k.Item2, k.Item3, k.Item4, records[k], decisions.GetValueOrDefault(k)))
            .ToList();
    }

    /// <summary>
    /// Every PD record, flagged when it starts a decision chain: a repeat is counted as a record of its own
    /// component and year but not as a decision, which belongs to the chain's first record.
    /// </summary>
    IEnumerable<(PdRecord Record, bool StartsChain)> Chains()
    {
        var ordered = pdRecords.ToArray();
        Array.Sort(ordered, (a, b) =>
        {
            var c = a.Person.CompareTo(b.Person);
            if (c == 0) c = string.CompareOrdinal(a.Action, b.Action);
            if (c == 0) c = string.CompareOrdinal(a.Basis, b.Basis);
            if (c == 0) c = a.Date.CompareTo(b.Date);
            if (c == 0) c = string.CompareOrdinal(a.RecordId, b.RecordId);
            return c;
        });
        PdRecord? chainStart = null;
        foreach (var r in ordered)
        {
            var sameChain = chainStart is { } s && s.Person == r.Person && s.Action == r.Action && s.Basis == r.Basis && r.Date.DayNumber - s.Date.DayNumber <= 180;
            if (!sameChain) chainStart = r;
            yield return (r, !sameChain);
        }
    }

    /// <summary>
    /// Decisions by component, year and action, cut by one more attribute of the record at a time (office,
    /// citizenship, policy, priority, fiscal quarter): the PD tables' other dimensions. Records are counted
    /// too, since a report row exists (with zero decisions) when only repeats fall in it.
    /// </summary>
    public IReadOnlyList<(string Component, int Fy, string Dimension, string Member, string Action, long Records, long Decisions)> DecisionsByDimension()
    {
        var records = new Dictionary<(string, int, string, string, string), long>();
        var counts = new Dictionary<(string, int, string, string, string), long>();
        foreach (var (r, startsChain) in Chains())
        {
            var fy = Calibration.FiscalYearOf(r.Date);
            var quarter = (r.Date.Month + 2) % 12 / 3 + 1;
            foreach (var (dimension, member) in new[] { ("office", r.Office), ("country", r.Country), ("policy", r.Policy), ("priority", r.Priority), ("quarter", quarter.ToString(System.Globalization.CultureInfo.InvariantCulture)) })
            {
                Add(records, (r.Component, fy, dimension, member, r.Action), 1);
                if (startsChain) Add(counts, (r.Component, fy, dimension, member, r.Action), 1);
            }
        }
        return records.OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2).ThenBy(c => c.Key.Item3, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Item4, StringComparer.Ordinal).ThenBy(c => c.Key.Item5, StringComparer.Ordinal)
            .Select(c => (c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Key.Item4, c.Key.Item5, c.Value, counts.GetValueOrDefault(c.Key))).ToList();
    }

    /// <summary>Distinct persons with a PD record by fiscal year and component ("ALL": any component, each person once), and their records.</summary>
    public IReadOnlyList<(int Fy, string Component, long Persons, long Records)> PdPersons()
    {
        var byComponent = pdRecords.GroupBy(r => (Fy: Calibration.FiscalYearOf(r.Date), r.Component))
            .Select(g => (g.Key.Fy, g.Key.Component, (long)g.Select(r => r.Person).Distinct().Count(), (long)g.Count()));
        var all = pdRecords.GroupBy(r => Calibration.FiscalYearOf(r.Date))
            .Select(g => (g.Key, "ALL", (long)g.Select(r => r.Person).Distinct().Count(), (long)g.Count()));
        return byComponent.Concat(all).OrderBy(p => p.Item1).ThenBy(p => p.Item2, StringComparer.Ordinal).ToList();
    }

    public long DistinctPersons => persons.Sum(w => (long)System.Numerics.BitOperations.PopCount(w));
    public long PdRecipients => firstPd.Count;
    public long PdRecipientsLaterArrested => laterArrested.Count;

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
        foreach (var (fy, records, people) in pdRecords.GroupBy(r => (Fy: Calibration.FiscalYearOf(r.Date), r.Person))
                     .GroupBy(g => (g.Key.Fy, Records: (long)g.Count())).Select(g => (g.Key.Fy, g.Key.Records, (long)g.Count()))
                     .OrderBy(g => g.Fy).ThenBy(g => g.Records))
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
    public List<TruthBuilder.PdRecord> PdRecords { get; } = [];
    public Dictionary<(int Fy, string Category, string Dimension, string Member), long> Enforcement { get; } = [];
    public Dictionary<(string Referral, int Fy, string Measure), long> Daca { get; } = [];
    public Dictionary<(string Feed, int Fy, string Reason), long> Rejects { get; } = [];
    public Dictionary<(string Referral, int ReceiptFy, string Status), long> DacaRequests { get; } = [];
    public Dictionary<(string Feed, string Kind, string Outcome), long> Dirty { get; } = [];
    public List<(string Delivery, string Measure, long Value)> ControlTotals { get; } = [];
    public List<(string Delivery, string File, long Read, long Rejected)> Files { get; } = [];

    public void Decision(long person, string component, string action, string basis, DateOnly date, string recordId,
        string office, string country, string policy, string priority) =>
        PdRecords.Add(new TruthBuilder.PdRecord(person, component, action, basis, date, recordId, office, country, policy, priority));

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

    public void Reject(string feed, int fy, string reason) => Add(Rejects, (feed, fy, reason));
    public void AddDirty(string feed, string kind, string outcome) => Add(Dirty, (feed, kind, outcome));

    static void Add<TKey>(Dictionary<TKey, long> d, TKey key) where TKey : notnull =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(d, key, out _)++;
}
