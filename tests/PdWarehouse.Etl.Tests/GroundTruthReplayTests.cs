using System.Globalization;
using System.Text.Json;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

/// <summary>
/// Recomputes truth.json from the delivery files alone, through the readers, with a straightforward implementation of
/// the documented rules (identity resolution by union-find over A-number / FIN / name key, the 180-day decision chains,
/// DACA replacement by receipt number, Unknown members for unknown codes). This is what a correct loader must report.
/// </summary>
[Collection(nameof(SmallDeliveriesCollection))]
public sealed class GroundTruthReplayTests(SmallDeliveries deliveries)
{
    sealed class UnionFind
    {
        readonly Dictionary<string, string> parent = [];
        public string Find(string x)
        {
            if (!parent.TryGetValue(x, out var p)) { parent[x] = x; return x; }
            if (p == x) return x;
            var root = Find(p);
            parent[x] = root;
            return root;
        }
        public void Union(string a, string b)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (ra != rb) parent[ra] = rb;
        }
    }

    static List<string> Keys(FeedDefinition feed, object?[] v)
    {
        var keys = new List<string>();
        if (IdentityKeys.CanonicalANumber(v[feed.IndexOf("ANumber")] as string) is { } a) keys.Add(a);
        if (IdentityKeys.CanonicalFin(v[feed.IndexOf("Fin")] as string) is { } f) keys.Add("F" + f);
        if (IdentityKeys.NameKey(v[feed.IndexOf("FamilyName")] as string, v[feed.IndexOf("GivenName")] as string,
                v[feed.IndexOf("BirthDate")] as DateOnly?, v[feed.IndexOf("CitizenshipCountryCode")] as string) is { } n) keys.Add("N" + n);
        return keys;
    }

    sealed record Loaded(FeedDefinition Feed, int Fy, object?[] Values, string Key);

    [Fact]
    public void Truth_json_is_what_the_documented_rules_give_on_the_files()
    {
        var offices = ReferenceLists.Offices.Select(o => o.OfficeCode).ToHashSet();
        var uf = new UnionFind();
        var rows = new List<Loaded>();
        var daca = new Dictionary<string, Loaded>();
        var controlTotals = new Dictionary<(string, string), long>();
        foreach (var (delivery, row) in Gen.ReadAll(deliveries.Folder))
        {
            if (!row.IsValid) continue;
            var feed = delivery.Feed;
            if (feed.IndexOf("ANumber") < 0) continue;
            var keys = Keys(feed, row.Values!);
            Assert.NotEmpty(keys);
            foreach (var k in keys.Skip(1)) uf.Union(keys[0], k);
            var loaded = new Loaded(feed, Calibration.FiscalYearOf(delivery.Manifest.PeriodEnd), row.Values!, keys[0]);
            // Deliveries are read in name order, which is period order within a feed: a re-sent request replaces the earlier one.
            if (feed.Name == "uscis-daca-requests") daca[(string)row.Values![0]!] = loaded;
            else rows.Add(loaded);
        }
        foreach (var d in Gen.Deliveries(deliveries.Folder).Select(DeliveryReader.Open))
            foreach (var t in d.Manifest.ControlTotals) controlTotals[(d.DisplayName, t.Measure)] = t.Value;

        string Person(Loaded l) => uf.Find(l.Key);
        object? Get(Loaded l, string column) => l.Values[l.Feed.IndexOf(column)];
        using var truth = Gen.Truth(deliveries.Folder);
        var root = truth.RootElement;

        // Persons.
        var all = rows.Concat(daca.Values).ToList();
        Assert.Equal(root.GetProperty("persons").GetProperty("distinct").GetInt64(), all.Select(Person).Distinct().LongCount());

        // Decisions: chains of the same person, action and basis within 180 days of the chain's first record.
        var pdFeeds = new Dictionary<string, (string Component, string DateColumn)>
        {
            ["ice-ero-discretion-decisions"] = ("ICE-ERO", "DecisionDate"),
            ["ice-opla-case-dispositions"] = ("ICE-OPLA", "DispositionDate"),
            ["cbp-usbp-discretion-releases"] = ("CBP-USBP", "ReleaseDate"),
        };
        var pd = rows.Where(r => pdFeeds.ContainsKey(r.Feed.Name))
            .Select(r => (Person: Person(r), Component: pdFeeds[r.Feed.Name].Component, Action: (string)Get(r, "ActionCode")!, Basis: (string)Get(r, "BasisCode")!,
                Date: (DateOnly)Get(r, pdFeeds[r.Feed.Name].DateColumn)!, Id: (string)r.Values[0]!))
            .OrderBy(r => r.Person, StringComparer.Ordinal).ThenBy(r => r.Action, StringComparer.Ordinal).ThenBy(r => r.Basis, StringComparer.Ordinal)
            .ThenBy(r => r.Date).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var records = new Dictionary<(string, string, string, int), long>();
        var decisions = new Dictionary<(string, string, string, int), long>();
        (string Person, string Action, string Basis, DateOnly Date)? start = null;
        foreach (var r in pd)
        {
            var key = (r.Component, r.Action, r.Basis, Calibration.FiscalYearOf(r.Date));
            records[key] = records.GetValueOrDefault(key) + 1;
            if (start is { } s && s.Person == r.Person && s.Action == r.Action && s.Basis == r.Basis && r.Date.DayNumber - s.Date.DayNumber <= 180) continue;
            start = (r.Person, r.Action, r.Basis, r.Date);
            decisions[key] = decisions.GetValueOrDefault(key) + 1;
        }
        var expectedDecisions = root.GetProperty("decisions").EnumerateArray().ToDictionary(
            d => (d.GetProperty("component").GetString()!, d.GetProperty("actionCode").GetString()!, d.GetProperty("basisCode").GetString()!, d.GetProperty("fiscalYear").GetInt32()),
            d => (d.GetProperty("records").GetInt64(), d.GetProperty("decisions").GetInt64()));
        Assert.Equal(expectedDecisions.OrderBy(e => e.Key).ToList(),
            records.Select(r => KeyValuePair.Create(r.Key, (r.Value, decisions.GetValueOrDefault(r.Key)))).OrderBy(e => e.Key).ToList());
        Assert.True(records.Values.Sum() > decisions.Values.Sum(), "some decisions are recorded more than once");

        // PD recipients, and those apprehended or arrested after their first PD decision.
        var firstPd = pd.GroupBy(r => r.Person).ToDictionary(g => g.Key, g => g.Min(r => r.Date));
        Assert.Equal(root.GetProperty("persons").GetProperty("pdRecipients").GetInt64(), firstPd.Count);
        var later = rows.Where(r => r.Feed.Name is "ice-arrests" or "cbp-usbp-apprehensions")
            .Where(r => firstPd.TryGetValue(Person(r), out var first) && (DateOnly)Get(r, r.Feed.EventDateColumn!)! > first)
            .Select(Person).Distinct().LongCount();
        Assert.Equal(root.GetProperty("persons").GetProperty("pdRecipientsLaterArrested").GetInt64(), later);
        Assert.True(later > 0);

        // Enforcement actions.
        var actions = new Dictionary<(int, string, string, string), long>();
        void Count(int fy, string category, string dimension, string member) =>
            actions[(fy, category, dimension, member)] = actions.GetValueOrDefault((fy, category, dimension, member)) + 1;
        foreach (var r in rows.Where(r => !pdFeeds.ContainsKey(r.Feed.Name)))
        {
            var (category, program, office, type) = r.Feed.Name switch
            {
                "cbp-usbp-apprehensions" => ("APPREHENSION", "CBP-USBP", (string)Get(r, "SectorCode")!, "APPREHENSION"),
                "ice-arrests" => ("APPREHENSION", (string)Get(r, "Program")!, "ERO-" + Get(r, "AreaOfResponsibility"), "APPREHENSION"),
                "cbp-ofo-inadmissibles" => ("INADMISSIBLE", "CBP-OFO", (string)Get(r, "FieldOfficeCode")!, "INADMISSIBLE"),
                "ice-ero-detention-bookins" => ("BOOKIN", "ICE-ERO", "ERO-" + Get(r, "AreaOfResponsibility"), "BOOKIN"),
                _ => FeedCatalog.RemovalDepartureTypes.Contains((string)Get(r, "DepartureType")!)
                    ? ("REMOVAL", "ICE-ERO", "ERO-" + Get(r, "AreaOfResponsibility"), "REMOVAL-" + Get(r, "DepartureType"))
                    : ("RETURN", "ICE-ERO", "ERO-" + Get(r, "AreaOfResponsibility"), "RETURN-" + Get(r, "DepartureType")),
            };
            var country = (string)Get(r, "CitizenshipCountryCode")!;
            // A well-formed code no list holds is kept as an unlisted member (issue 23); only a malformed one is Unknown.
            if (!ReferenceLists.IsKnownCountry(country) && !IsCodeShaped(country)) country = "ZZ";
            Count(r.Fy, category, "program", program);
            Count(r.Fy, category, "office", offices.Contains(office) ? office : "UNKNOWN");
            Count(r.Fy, category, "programOffice", program + "/" + (offices.Contains(office) ? office : "UNKNOWN"));
            Count(r.Fy, category, "country", country);
            Count(r.Fy, category, "region", ReferenceLists.RegionOf(country));
            if (r.Feed.IndexOf("CriminalStatus") >= 0)
            {
                Count(r.Fy, category, "criminalStatus", (string)Get(r, "CriminalStatus")!);
                Count(r.Fy, category, "criminalStatusCountry", Get(r, "CriminalStatus") + "/" + country);
            }
            Count(r.Fy, category, "actionType", type);
        }
        var expectedActions = root.GetProperty("enforcementActions").EnumerateArray().ToDictionary(
            e => (e.GetProperty("fiscalYear").GetInt32(), e.GetProperty("category").GetString()!, e.GetProperty("dimension").GetString()!, e.GetProperty("member").GetString()!),
            e => e.GetProperty("count").GetInt64());
        Assert.Equal(expectedActions.OrderBy(e => e.Key).ToList(), actions.OrderBy(e => e.Key).ToList());

        // DACA outcomes by referral source, each request in its final state.
        var outcomes = new Dictionary<(string, int, string), long>();
        foreach (var r in daca.Values)
        {
            var referral = (string)Get(r, "ReferralSource")!;
            var accepted = Calibration.FiscalYearOf((DateOnly)Get(r, "AcceptedDate")!);
            outcomes[(referral, accepted, "accepted")] = outcomes.GetValueOrDefault((referral, accepted, "accepted")) + 1;
            if (Get(r, "DecisionDate") is DateOnly decided && (string)Get(r, "RequestStatus")! is "APPROVED" or "DENIED")
            {
                var key = (referral, Calibration.FiscalYearOf(decided), ((string)Get(r, "RequestStatus")!).ToLowerInvariant());
                outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
            }
        }
        var expectedDaca = root.GetProperty("daca").EnumerateArray()
            .SelectMany(d => new[] { "accepted", "approved", "denied" }.Select(m => ((d.GetProperty("referralSource").GetString()!, d.GetProperty("fiscalYear").GetInt32(), m), d.GetProperty(m).GetInt64())))
            .Where(x => x.Item2 > 0).ToDictionary(x => x.Item1, x => x.Item2);
        Assert.Equal(expectedDaca.OrderBy(e => e.Key).ToList(), outcomes.OrderBy(e => e.Key).ToList());
        Assert.Contains(outcomes.Keys, k => k.Item1 == "CBP");
        Assert.Contains(outcomes.Keys, k => k.Item1 == "ICE");

        // Control totals and unknown-code findings.
        var expectedTotals = root.GetProperty("controlTotals").EnumerateArray()
            .ToDictionary(t => (t.GetProperty("delivery").GetString()!, t.GetProperty("measure").GetString()!), t => t.GetProperty("value").GetInt64());
        Assert.Equal(expectedTotals.OrderBy(e => e.Key).ToList(), controlTotals.OrderBy(e => e.Key).ToList());
        var findings = root.GetProperty("findings").EnumerateArray()
            .ToDictionary(f => (f.GetProperty("feed").GetString()!, f.GetProperty("kind").GetString()!), f => f.GetProperty("rows").GetInt64());
        var unlistedCountries = all.GroupBy(r => r.Feed.Name).ToDictionary(g => g.Key, g => g.LongCount(r => !ReferenceLists.IsKnownCountry((string)Get(r, "CitizenshipCountryCode")!)));
        foreach (var (feed, count) in unlistedCountries.Where(u => u.Value > 0))
            Assert.Equal(findings[(feed, "UNLISTED-COUNTRY")], count);
    }

    private static bool IsCodeShaped(string code) => code is { Length: 2 } && char.IsAsciiLetterUpper(code[0]) && char.IsAsciiLetterUpper(code[1]);
}
