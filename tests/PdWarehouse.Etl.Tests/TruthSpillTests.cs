using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

/// <summary>
/// The truth's person-level figures come from a spill file reduced one bucket of 2^20 person indices, and one bounded
/// group of PD records, at a time. The small generations of the other tests fit one bucket and one group; here random
/// events over several buckets, with one bucket dense enough to need several groups, are checked against the
/// in-memory computation the generator used before (all records sorted at once), including the decisions by dimension,
/// PD persons and records per person that main's in-memory truth computed from its list of all PD records.
/// </summary>
public sealed class TruthSpillTests
{
    static readonly (string Component, string[] Actions)[] Components =
        [("ICE-ERO", Calibration.EroActions), ("ICE-OPLA", Calibration.OplaActions), ("CBP-USBP", ["REL"])];

    static readonly string[] Offices = ["ERO-ATL", "ERO-HOU", "OPLA-ATL", "RGV", "UNKNOWN"];
    static readonly string[] Countries = ["MX", "GT", "HN", "SV", "ZZ"];
    static readonly string[] Policies = ["ICE-2011-06-17-PD", "DHS-2012-06-15-DACA", "ICE-2011-06-17-VWP"];
    static readonly string[] Priorities = ["2011-NP", "2011-2", "2011-3", "UNKNOWN"];

    sealed record Decision(long Person, string Component, string Action, string Basis, DateOnly Date, string RecordId,
        string Office, string Country, string Policy, string Priority);

    [Fact]
    public void Bucketed_reduction_matches_an_in_memory_reduction()
    {
        const long personSpace = 3L << 20 | 12345; // four buckets, the last one partly used
        var random = new Random(7);
        var seen = new HashSet<long>();
        var decisions = new List<Decision>();
        var arrests = new List<(long Person, DateOnly Date)>();
        var start = new DateOnly(2011, 10, 1);

        using var truth = new TruthBuilder(personSpace);
        // Several tallies, as several deliveries would have, written from two threads at once.
        var tallies = Enumerable.Range(0, 4).Select(_ => truth.NewTally()).ToArray();
        var events = new List<(int Tally, Action<Tally> Write)>();
        for (var i = 0; i < 200_000; i++)
        {
            // Two thirds of the decisions fall in 40,000 persons of bucket 1, so that bucket has several groups.
            var dense = random.Next(3) < 2;
            var person = dense ? (1L << 20) + 5000 + random.Next(40_000) : random.NextInt64(personSpace);
            var date = start.AddDays(random.Next(3 * 365));
            var tally = random.Next(tallies.Length);
            switch (random.Next(4))
            {
                case 0:
                    seen.Add(person);
                    events.Add((tally, t => t.Events.Seen(person)));
                    break;
                case 1:
                    seen.Add(person);
                    arrests.Add((person, date));
                    events.Add((tally, t => t.Events.Arrest(person, date)));
                    break;
                default:
                    var (component, actions) = Components[random.Next(Components.Length)];
                    // Few actions and bases per person, so chains of several records form.
                    var d = new Decision(person, component, actions[random.Next(Math.Min(2, actions.Length))], Calibration.Bases[random.Next(2)], date, $"R-{i:D7}",
                        Offices[random.Next(Offices.Length)], Countries[random.Next(Countries.Length)], Policies[random.Next(Policies.Length)], Priorities[random.Next(Priorities.Length)]);
                    seen.Add(person);
                    decisions.Add(d);
                    events.Add((tally, t => t.Events.Decision(d.Person, d.Component, d.Action, d.Basis, d.Date, d.RecordId, d.Office, d.Country, d.Policy, d.Priority)));
                    break;
            }
        }
        Parallel.ForEach(Enumerable.Range(0, tallies.Length), new ParallelOptions { MaxDegreeOfParallelism = 2 }, t =>
        {
            foreach (var (tally, write) in events.Where(e => e.Tally == t)) write(tallies[t]);
        });
        foreach (var t in tallies) truth.Merge(t);

        Assert.Equal(seen.Count, truth.DistinctPersons);
        var firstPd = decisions.GroupBy(d => d.Person).ToDictionary(g => g.Key, g => g.Min(d => d.Date));
        Assert.Equal(firstPd.Count, truth.PdRecipients);
        Assert.Equal(arrests.Where(a => firstPd.TryGetValue(a.Person, out var f) && a.Date > f).Select(a => a.Person).Distinct().LongCount(),
            truth.PdRecipientsLaterArrested);
        Assert.Equal(Chains(decisions), truth.Decisions());
        Assert.Equal(ByDimension(decisions), truth.DecisionsByDimension());
        Assert.Equal(PdPersons(decisions), truth.PdPersons());
        Assert.Equal(RecordsPerPerson(decisions), truth.PdRecordsPerPerson());
    }

    /// <summary>Every record in the chain order, flagged when it starts a chain.</summary>
    static IEnumerable<(Decision Record, bool StartsChain)> Flagged(List<Decision> all)
    {
        var ordered = all.OrderBy(d => d.Person).ThenBy(d => d.Action, StringComparer.Ordinal).ThenBy(d => d.Basis, StringComparer.Ordinal)
            .ThenBy(d => d.Date).ThenBy(d => d.RecordId, StringComparer.Ordinal).ToList();
        Decision? chainStart = null;
        foreach (var r in ordered)
        {
            var same = chainStart is { } s && s.Person == r.Person && s.Action == r.Action && s.Basis == r.Basis && r.Date.DayNumber - s.Date.DayNumber <= 180;
            if (!same) chainStart = r;
            yield return (r, !same);
        }
    }

    /// <summary>The former in-memory decisions by dimension (main's TruthBuilder.DecisionsByDimension before the spill).</summary>
    static List<(string, int, string, string, string, long, long)> ByDimension(List<Decision> all)
    {
        var records = new Dictionary<(string, int, string, string, string), long>();
        var counts = new Dictionary<(string, int, string, string, string), long>();
        foreach (var (r, starts) in Flagged(all))
        {
            var fy = Calibration.FiscalYearOf(r.Date);
            var quarter = ((r.Date.Month + 2) % 12 / 3 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (dimension, member) in new[] { ("office", r.Office), ("country", r.Country), ("policy", r.Policy), ("priority", r.Priority), ("quarter", quarter) })
            {
                var key = (r.Component, fy, dimension, member, r.Action);
                records[key] = records.GetValueOrDefault(key) + 1;
                if (starts) counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }
        return records.OrderBy(c => c.Key.Item1, StringComparer.Ordinal).ThenBy(c => c.Key.Item2).ThenBy(c => c.Key.Item3, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Item4, StringComparer.Ordinal).ThenBy(c => c.Key.Item5, StringComparer.Ordinal)
            .Select(c => (c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Key.Item4, c.Key.Item5, c.Value, counts.GetValueOrDefault(c.Key))).ToList();
    }

    static List<(int, string, long, long)> PdPersons(List<Decision> all)
    {
        var byComponent = all.GroupBy(r => (Fy: Calibration.FiscalYearOf(r.Date), r.Component))
            .Select(g => (g.Key.Fy, g.Key.Component, (long)g.Select(r => r.Person).Distinct().Count(), (long)g.Count()));
        var any = all.GroupBy(r => Calibration.FiscalYearOf(r.Date))
            .Select(g => (g.Key, "ALL", (long)g.Select(r => r.Person).Distinct().Count(), (long)g.Count()));
        return byComponent.Concat(any).OrderBy(p => p.Item1).ThenBy(p => p.Item2, StringComparer.Ordinal).ToList();
    }

    static List<(int, long, long)> RecordsPerPerson(List<Decision> all) =>
        all.GroupBy(r => (Fy: Calibration.FiscalYearOf(r.Date), r.Person))
            .GroupBy(g => (g.Key.Fy, Records: (long)g.Count())).Select(g => (g.Key.Fy, g.Key.Records, (long)g.Count()))
            .OrderBy(g => g.Fy).ThenBy(g => g.Records).ToList();

    /// <summary>The generator's former reduction: every PD record in one sorted array.</summary>
    static List<(string Component, string Action, string Basis, int Fy, long Records, long Decisions)> Chains(List<Decision> all)
    {
        var ordered = all.OrderBy(d => d.Person).ThenBy(d => d.Action, StringComparer.Ordinal).ThenBy(d => d.Basis, StringComparer.Ordinal)
            .ThenBy(d => d.Date).ThenBy(d => d.RecordId, StringComparer.Ordinal).ToList();
        var records = new Dictionary<(string, string, string, int), long>();
        var decisions = new Dictionary<(string, string, string, int), long>();
        Decision? chainStart = null;
        foreach (var r in ordered)
        {
            var key = (r.Component, r.Action, r.Basis, Calibration.FiscalYearOf(r.Date));
            records[key] = records.GetValueOrDefault(key) + 1;
            if (chainStart is { } s && s.Person == r.Person && s.Action == r.Action && s.Basis == r.Basis && r.Date.DayNumber - s.Date.DayNumber <= 180) continue;
            chainStart = r;
            decisions[key] = decisions.GetValueOrDefault(key) + 1;
        }
        return records.Keys
            .OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ThenBy(k => k.Item3, StringComparer.Ordinal).ThenBy(k => k.Item4)
            .Select(k => (k.Item1, k.Item2, k.Item3, k.Item4, records[k], decisions.GetValueOrDefault(k)))
            .ToList();
    }
}
