using PdWarehouse.Reports.Tables;

namespace PdWarehouse.Reports.Data;

/// <summary>One cell of a cross-tabulation as a report query returns it: every report query has this shape.</summary>
public sealed class CellFact
{
    public string? Grp { get; set; }
    public string Label { get; set; } = "";
    public string Col { get; set; } = "";
    public long Value { get; set; }
    /// <summary>The country code of a nationality table's cell (its query returns it as Code), which places the cell on its country's line.</summary>
    public string? Code { get; set; }
}

/// <summary>A country as rpt.Country gives it: listed ones each get a line of a nationality table, unlisted ones go on its "Other" line.</summary>
public sealed class CountryMember
{
    public string CountryCode { get; set; } = "";
    public string CountryName { get; set; } = "";
    public string Region { get; set; } = "";
    public bool IsInReferenceList { get; set; }
}

/// <summary>What a table looks like, independent of its numbers.</summary>
public sealed record TableSpec
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    public required string Title { get; init; }
    public required string StubHeader { get; init; }
    public required IReadOnlyList<TableColumn> Columns { get; init; }
    public required string Source { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];
    /// <summary>Adds a "Total" column summing the columns marked SumsAcross.</summary>
    public bool WithTotalColumn { get; init; }
    public bool WithTotalRow { get; init; } = true;
    public bool Grouped { get; init; }
    /// <summary>
    /// The Yearbook's nationality layout: the total, then every group's subtotal (each region), then every detail row
    /// (each country) in one alphabetical list, rather than each group's rows under its subtotal.
    /// </summary>
    public bool GroupsFirst { get; init; }
    /// <summary>Row labels in publication order (e.g. programs, statuses); other labels follow alphabetically.</summary>
    public IReadOnlyList<string> RowOrder { get; init; } = [];
    /// <summary>Keep the N largest detail rows by <see cref="TopColumnKey"/> and fold the rest into "All other".</summary>
    public int? TopN { get; init; }
    public string? TopColumnKey { get; init; }
    public bool DisclosureControlled { get; init; } = true;
    /// <summary>
    /// The Yearbook's nationality layout over the whole reference list: every listed country gets a line (zero when it has
    /// no cell), cells of codes not in the list go on <see cref="TableBuilder.OtherCountriesLabel"/>, cells of ZZ on
    /// Unknown; both lines always print, last. Null for any other table.
    /// </summary>
    public IReadOnlyList<CountryMember>? Countries { get; init; }
}

/// <summary>
/// Pivots cell facts into a <see cref="ReportTable"/>. Totals and subtotals of additive columns are
/// summed here from the details; columns that do not add up (distinct persons) take their total and
/// subtotal rows from facts whose label is <see cref="TotalLabel"/>.
/// </summary>
public static class TableBuilder
{
    public const string TotalLabel = "#TOTAL";
    public const string TotalHeader = "Total";
    public const string OtherLabel = "All other countries";
    /// <summary>The nationality tables' line for codes the reference list does not hold (the Yearbook's "Other").</summary>
    public const string OtherCountriesLabel = "Other";
    public const string UnknownLabel = "Unknown";
    public const string UnknownCountryCode = "ZZ";

    public static ReportTable Build(TableSpec spec, IEnumerable<CellFact> facts) => Build(spec, facts, out _);

    /// <param name="unlistedCodes">The codes not in the reference list whose cells the Other line holds (nationality tables), else empty.</param>
    public static ReportTable Build(TableSpec spec, IEnumerable<CellFact> facts, out IReadOnlyList<string> unlistedCodes)
    {
        unlistedCodes = [];
        var columns = spec.Columns.ToList();
        int? totalColumn = null;
        if (spec.WithTotalColumn)
        {
            columns.Insert(0, new TableColumn(TotalHeader, TotalHeader, SumsDown: true, SumsAcross: false));
            totalColumn = 0;
        }
        var colIndex = columns.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i);
        var all = facts.Where(f => colIndex.ContainsKey(f.Col)).ToList();
        var details = all.Where(f => f.Label != TotalLabel).ToList();
        if (spec.Countries is not null) details = OnCountryLines(spec, details, out unlistedCodes);
        var totals = all.Where(f => f.Label == TotalLabel).ToList();

        // One entry per (group, label) with its values; duplicates add up.
        var keyed = new Dictionary<(string Group, string Label), long?[]>();
        foreach (var f in details)
        {
            var key = (spec.Grouped ? f.Grp ?? "Unknown" : "", f.Label);
            if (!keyed.TryGetValue(key, out var values)) keyed[key] = values = new long?[columns.Count];
            values[colIndex[f.Col]] = (values[colIndex[f.Col]] ?? 0) + f.Value;
        }
        if (spec.Countries is not null)
        {
            // Every listed country prints, a zero as "-"; Other and Unknown print every year so the layout never shifts.
            foreach (var c in spec.Countries.Where(c => c.IsInReferenceList && c.CountryCode != UnknownCountryCode))
                keyed.TryAdd((c.Region, c.CountryName), new long?[columns.Count]);
            keyed.TryAdd((UnknownLabel, OtherCountriesLabel), new long?[columns.Count]);
            keyed.TryAdd((UnknownLabel, UnknownLabel), new long?[columns.Count]);
        }
        // Ranking by the total column has to add the parts up: totals are only filled in below.
        long Rank(long?[] v) => spec.TopColumnKey == TotalHeader && totalColumn is not null
            ? Enumerable.Range(0, columns.Count).Where(c => c != totalColumn && columns[c].SumsAcross).Sum(c => v[c] ?? 0)
            : spec.TopColumnKey is { } key ? v[colIndex[key]] ?? 0 : 0;
        if (spec.TopN is int n && keyed.Count > n)
        {
            var ranked = keyed.OrderByDescending(kv => Rank(kv.Value)).ThenBy(kv => kv.Key.Label, StringComparer.Ordinal).ToList();
            var other = new long?[columns.Count];
            foreach (var kv in ranked.Skip(n))
                for (var c = 0; c < columns.Count; c++)
                    if (kv.Value[c] is long v) other[c] = (other[c] ?? 0) + v;
            keyed = ranked.Take(n).ToDictionary(kv => kv.Key, kv => kv.Value);
            keyed[("", OtherLabel)] = other;
        }

        var table = new ReportTable
        {
            Id = spec.Id, Number = spec.Number, Title = spec.Title, StubHeader = spec.StubHeader,
            Columns = columns, TotalColumn = totalColumn, Source = spec.Source, DisclosureControlled = spec.DisclosureControlled,
            GroupsFirst = spec.Grouped && spec.GroupsFirst,
        };
        table.Notes.AddRange(spec.Notes);

        TableRow NewRow(string label, RowKind kind, string? group, IEnumerable<long?[]> parts, string? totalsGroup)
        {
            var row = new TableRow(label, kind, group, columns.Count);
            var partList = parts.ToList();
            for (var c = 0; c < columns.Count; c++)
            {
                if (columns[c].SumsDown)
                    row.Values[c] = partList.Aggregate((long?)null, (acc, p) => p[c] is long v ? (acc ?? 0) + v : acc) ?? 0;
                else
                    row.Values[c] = totals.Where(t => t.Col == columns[c].Key && (totalsGroup is null ? t.Grp is null : t.Grp == totalsGroup))
                        .Select(t => (long?)t.Value).FirstOrDefault() ?? 0;
            }
            return row;
        }

        if (spec.WithTotalRow)
            table.Rows.Add(NewRow("Total", RowKind.Total, null, keyed.Values, null));

        var groups = keyed.Keys.Select(k => k.Group).Distinct().OrderBy(g => g, LabelOrder(spec.RowOrder)).ToList();
        if (table.GroupsFirst)
        {
            // Detail rows keep their group, so each subtotal still adds up its own rows wherever they are printed.
            foreach (var group in groups)
                table.Rows.Add(NewRow(group, RowKind.Subtotal, group, keyed.Where(kv => kv.Key.Group == group).Select(kv => kv.Value), group));
            int Last(string label) => spec.Countries is null ? 0 : label == OtherCountriesLabel ? 1 : label == UnknownLabel ? 2 : 0;
            foreach (var kv in keyed.OrderBy(kv => Last(kv.Key.Label)).ThenBy(kv => kv.Key.Label, LabelOrder([])).ThenBy(kv => kv.Key.Group, StringComparer.Ordinal))
            {
                var row = new TableRow(kv.Key.Label, RowKind.Detail, kv.Key.Group, columns.Count);
                for (var c = 0; c < columns.Count; c++) row.Values[c] = kv.Value[c] ?? 0;
                table.Rows.Add(row);
            }
            groups = [];
        }
        foreach (var group in groups)
        {
            if (spec.Grouped)
                table.Rows.Add(NewRow(group, RowKind.Subtotal, group, keyed.Where(kv => kv.Key.Group == group).Select(kv => kv.Value), group));
            var members = keyed.Where(kv => kv.Key.Group == group);
            // Leading-countries tables list countries from the largest down, "All other" last.
            members = spec.TopN is null
                ? members.OrderBy(kv => kv.Key.Label, LabelOrder(spec.RowOrder))
                : members.OrderBy(kv => kv.Key.Label == OtherLabel).ThenByDescending(kv => Rank(kv.Value)).ThenBy(kv => kv.Key.Label, StringComparer.Ordinal);
            foreach (var kv in members)
            {
                var row = new TableRow(kv.Key.Label, RowKind.Detail, spec.Grouped ? group : null, columns.Count);
                for (var c = 0; c < columns.Count; c++) row.Values[c] = kv.Value[c] ?? 0;
                table.Rows.Add(row);
            }
        }

        if (totalColumn is int t)
            foreach (var row in table.Rows)
                row.Values[t] = Enumerable.Range(0, columns.Count).Where(c => c != t && columns[c].SumsAcross).Sum(c => row.Values[c] ?? 0);
        return table;
    }

    /// <summary>
    /// Each cell of a nationality table on its line: a listed country's under its reference name and region, ZZ's on Unknown,
    /// any other code's on Other (in its member's region, Unknown for a code kept unlisted, so each region still adds up).
    /// </summary>
    private static List<CellFact> OnCountryLines(TableSpec spec, List<CellFact> details, out IReadOnlyList<string> unlisted)
    {
        var listed = spec.Countries!.Where(c => c.IsInReferenceList && c.CountryCode != UnknownCountryCode)
            .GroupBy(c => c.CountryCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var other = new SortedSet<string>(StringComparer.Ordinal);
        var placed = details.Select(f =>
        {
            var code = f.Code ?? throw new InvalidOperationException(
                $"Table {spec.Id} lists every country (rows.countries: reference-list), but its query returned no Code for the cell \"{f.Label}\" / \"{f.Col}\": select the country code AS Code.");
            if (code == UnknownCountryCode) return new CellFact { Grp = UnknownLabel, Label = UnknownLabel, Col = f.Col, Value = f.Value, Code = code };
            if (listed.TryGetValue(code, out var c)) return new CellFact { Grp = c.Region, Label = c.CountryName, Col = f.Col, Value = f.Value, Code = code };
            if (f.Value != 0) other.Add(code);
            return new CellFact { Grp = f.Grp ?? UnknownLabel, Label = OtherCountriesLabel, Col = f.Col, Value = f.Value, Code = code };
        }).ToList();
        unlisted = [.. other];
        return placed;
    }

    /// <summary>Publication order: listed labels first in their order, then alphabetical, with Unknown and All other last.</summary>
    private static Comparer<string> LabelOrder(IReadOnlyList<string> explicitOrder) => Comparer<string>.Create((a, b) =>
    {
        static int Rank(string s, IReadOnlyList<string> order)
        {
            var i = order.ToList().IndexOf(s);
            if (i >= 0) return i;
            return s == OtherLabel ? int.MaxValue : s == "Unknown" ? int.MaxValue - 1 : int.MaxValue - 2;
        }
        var ra = Rank(a, explicitOrder);
        var rb = Rank(b, explicitOrder);
        return ra != rb ? ra.CompareTo(rb) : string.Compare(a, b, StringComparison.Ordinal);
    });
}
