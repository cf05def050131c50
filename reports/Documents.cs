using System.Globalization;
using PdWarehouse.Reports.Charts;
using PdWarehouse.Reports.Data;
using PdWarehouse.Reports.Tables;

namespace PdWarehouse.Reports;

/// <summary>
/// Assembles the two reports from the rpt views: tables in publication order, numbered, each put
/// through disclosure control before anything (chart, key finding, CSV) reads it.
/// </summary>
public static class Documents
{
    public static ReportDocument Build(ReportKind kind, ReportData data, int minimumCell, DateOnly prepared) =>
        kind == ReportKind.Yearbook ? Yearbook(data, minimumCell, prepared) : Annual(data, minimumCell, prepared);

    private sealed class Numbering(int minimumCell, int queriesAtOnce)
    {
        private int _table;
        private int _figure;
        public List<ReportTable> Tables { get; } = [];
        public string NextTable() => $"Table {++_table}";
        public string NextFigure() => $"Figure {++_figure}";

        /// <summary>
        /// Builds tables side by side, numbered in the order given: each table's queries run on their own
        /// connection (<see cref="ReportData"/>), so the warehouse answers several at once.
        /// </summary>
        public ReportTable[] Add(params Func<string, ReportTable>[] builds) => AddWith(null, builds).Numbered;

        /// <summary>As <see cref="Add"/>, with one more table that is not printed, built alongside (under the same disclosure control).</summary>
        public (ReportTable[] Numbered, ReportTable? Unprinted) AddWith(Func<ReportTable>? unprinted, params Func<string, ReportTable>[] builds)
        {
            var numbers = builds.Select(_ => NextTable()).ToArray();
            var jobs = builds.Select((build, i) => (Func<ReportTable>)(() => build(numbers[i]))).ToList();
            if (unprinted is not null) jobs.Add(unprinted);
            var tables = new ReportTable[jobs.Count];
            try
            {
                // Parallel.For returns only when every job has ended, failed or not: no query outlives a failure.
                Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = queriesAtOnce }, i =>
                {
                    var table = jobs[i]();
                    Disclosure.Apply(table, minimumCell);
                    tables[i] = table;
                });
            }
            catch (AggregateException ex)
            {
                // The caller sees the failure itself (a ReportQueryException naming the view), not a wrapper.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
                throw;
            }
            Tables.AddRange(tables.Take(builds.Length));
            return (tables[..builds.Length], unprinted is null ? null : tables[^1]);
        }
    }

    /// <summary>
    /// A report query takes about 8–12 ms, nearly all of it DuckDB binding and planning the view on one thread. One more
    /// at a time than there are cores was fastest on the 2-core bench machine: 26 annual queries in 0.30–0.34 s one at a
    /// time, 0.20 s three at a time, 0.22–0.27 s six at a time (bench/README.md). Never more than four, each a connection:
    /// a SQL Server serves other sessions too, and the client's cores say nothing of its capacity. A report composed
    /// beside another's print runs one at a time (<see cref="ReportData.InBackground"/>).
    /// </summary>
    private static int QueriesAtOnce(ReportData d) => d.InBackground ? 1 : Math.Min(Environment.ProcessorCount + 1, 4);

    public static ReportDocument Yearbook(ReportData d, int minimumCell, DateOnly prepared)
    {
        // The disclosure audit's solver loads while the queries run.
        if (!d.InBackground && minimumCell > 1) _ = Disclosure.WarmUp();
        var n = new Numbering(minimumCell, QueriesAtOnce(d));
        var fy = d.FiscalYear;
        var tables = n.Add(
            d.ApprehensionsByProgram, d.ApprehensionsBySector, d.ApprehensionsByAreaOfResponsibility,
            d.ApprehensionsByCountry, d.InadmissiblesByFieldOffice, d.InadmissiblesByCountry,
            d.RemovalsAndReturnsByYear, d.ReturnsByCountry, num => d.RemovalsByCriminalStatus(num),
            d.DiscretionByComponentAndAction, d.DiscretionByBasis, d.DiscretionByOffice, d.DiscretionByPriority,
            d.DiscretionByCountry, d.DecisionsAndPersons, d.LaterArrests, d.DacaByStatusAndReferral);
        var enforcementTables = tables[..9];
        var pdTables = tables[9..];
        var enforcement = new Section("enforcement", "Enforcement actions",
        [
            Block.Text($"{Span(enforcementTables)} follow the shapes of the Yearbook of Immigration Statistics enforcement tables: aliens apprehended, determined inadmissible, removed and returned, by program, office and nationality, for fiscal year {fy} and the years before it."),
            .. enforcementTables.Select(Block.Of),
        ]);
        var pd = new Section("prosecutorial-discretion", "Prosecutorial discretion",
        [
            Block.Text($"{Span(pdTables)} are new: they count the decisions of ICE, CBP and USCIS to leave a removable person out of the removal process, or to take them out of it, as the components recorded them.",
                "A decision is counted once even when it was recorded again at a later stage of the same case; persons are counted once however many decisions they received."),
            .. pdTables.Select(Block.Of),
        ]);
        return new ReportDocument
        {
            Kind = ReportKind.Yearbook, FiscalYear = fy, MinimumCell = minimumCell, Prepared = prepared.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            Title = $"Yearbook of Immigration Statistics {fy}: Enforcement Actions and Prosecutorial Discretion Tables",
            ShortTitle = "Yearbook Enforcement and Prosecutorial Discretion Tables",
            Sections = [enforcement, pd], Tables = n.Tables,
        };
    }

    public static ReportDocument Annual(ReportData d, int minimumCell, DateOnly prepared)
    {
        // The charts are drawn once the tables are in; ScottPlot's cold start is paid while the queries run.
        // A warm-up that fails changes nothing: the real chart reports the failure.
        if (!d.InBackground) _ = ChartFactory.WarmUp();
        if (!d.InBackground && minimumCell > 1) _ = Disclosure.WarmUp();
        var n = new Numbering(minimumCell, QueriesAtOnce(d));
        var fy = d.FiscalYear;

        // Tables are numbered in the order they are given, which is the order they are printed. The trend chart needs
        // every loaded year's apprehensions: that table is not printed in this report, but it gets the same disclosure
        // control so the chart shows only publishable totals.
        var (t, allYears) = n.AddWith(() => d.ApprehensionsByCountry(""),
            d.ApprehensionsByProgram,
            num => d.LeadingCountries("apprehensions-leading-countries", num, $"Aliens apprehended, leading countries of nationality: fiscal years {fy - 1} and {fy}", "APPREHENSION"),
            d.InadmissiblesByFieldOffice,
            num => d.LeadingCountries("inadmissibles-leading-countries", num, $"Aliens determined inadmissible, leading countries of nationality: fiscal years {fy - 1} and {fy}", "INADMISSIBLE"),
            d.DetentionsByAreaOfResponsibility,
            num => d.LeadingCountries("detentions-leading-countries", num, $"Initial book-ins to ICE detention, leading countries of nationality: fiscal years {fy - 1} and {fy}", "BOOKIN"),
            d.RemovalsAndReturnsByYear,
            num => d.RemovalsByCriminalStatus(num, topN: 10),
            num => d.LeadingCountries("returns-leading-countries", num, $"Aliens returned, leading countries of nationality: fiscal years {fy - 1} and {fy}", "RETURN"),
            d.DiscretionByComponentAndAction, d.DiscretionByQuarter, d.DiscretionByPolicy, d.DiscretionByBasis, d.DiscretionShareByOffice,
            d.DiscretionByPriority, d.DiscretionComparedWithPriorYear, d.DecisionsAndPersons, d.LaterArrests, d.DacaReferralOutcomes,
            d.LoadCompleteness, d.ControlTotals, d.RejectsByReason, d.DataTests, d.RecordsPerPerson);
        var (byProgram, apprehensionCountries, inadmissibleOffices, inadmissibleCountries, detentionOffices, detentionCountries) = (t[0], t[1], t[2], t[3], t[4], t[5]);
        var (removalsReturns, removalsCriminal, returnCountries) = (t[6], t[7], t[8]);
        var (byComponent, byQuarter, byPolicy, byBasis, byOffice, byPriority, priorYear, persons, later, daca) = (t[9], t[10], t[11], t[12], t[13], t[14], t[15], t[16], t[17], t[18]);
        var (completeness, control, rejects, tests, perPerson) = (t[19], t[20], t[21], t[22], t[23]);

        var trends = ChartFactory.Trends("Figure 1", allYears!, removalsReturns);
        var quarterChart = ChartFactory.DecisionsByQuarter("Figure 2", byQuarter, fy);
        var shareChart = ChartFactory.ShareByOffice("Figure 3", byOffice, fy);

        var findings = KeyFindings.For(fy, byProgram, removalsReturns, removalsCriminal, byComponent, byBasis, persons, priorYear, later, daca);

        Section S(string id, string title, params Block[] blocks) => new(id, title, blocks);
        var sections = new List<Section>
        {
            S("enforcement-process", "The enforcement process",
                Block.Text(
                    "DHS enforces immigration law at the border, at ports of entry and in the interior. U.S. Customs and Border Protection (CBP) apprehends aliens between ports of entry (Border Patrol) and determines at ports of entry whether arriving aliens are admissible (Office of Field Operations). U.S. Immigration and Customs Enforcement (ICE) arrests aliens in the interior (Enforcement and Removal Operations and Homeland Security Investigations), detains them, and carries out removals.",
                    "At each step an officer or attorney may exercise prosecutorial discretion: release a person without a charging document, decline to issue or cancel a notice to appear, dismiss or administratively close a case, or defer action. U.S. Citizenship and Immigration Services (USCIS) decides requests for Deferred Action for Childhood Arrivals (DACA), including those of persons CBP or ICE officers identified as appearing eligible.")),
            S("apprehensions", "Apprehensions",
                Block.Text($"Table {Num(byProgram)} shows apprehensions by program for three fiscal years; Figure 1 shows the longer trend of apprehensions, removals and returns."),
                Block.Of(byProgram), Block.Of(trends), Block.Of(apprehensionCountries)),
            S("inadmissibles", "Inadmissible aliens", Block.Of(inadmissibleOffices), Block.Of(inadmissibleCountries)),
            S("detentions", "Detentions", Block.Of(detentionOffices), Block.Of(detentionCountries)),
            S("removals-and-returns", "Removals and returns", Block.Of(removalsReturns), Block.Of(removalsCriminal), Block.Of(returnCountries)),
            S("prosecutorial-discretion", "Prosecutorial discretion",
                Block.Text("This chapter reports the use of prosecutorial discretion (PD) by component, policy, basis, office and enforcement priority, compares it with the previous year, follows up the persons who received it, and reports the outcomes of DACA requests referred by CBP and ICE."),
                Block.Of(byComponent), Block.Of(byQuarter), Block.Of(quarterChart), Block.Of(byPolicy), Block.Of(byBasis),
                Block.Of(byOffice), Block.Of(shareChart), Block.Of(byPriority), Block.Of(priorYear), Block.Of(persons), Block.Of(later), Block.Of(daca)),
            S("data-quality", "Appendix A. Data quality",
                Block.Text("The Office of Inspector General found that DHS prosecutorial discretion data may not be accurate and complete. This appendix measures what the warehouse received: how many rows each feed delivered and how many were loaded, how the loaded counts reconcile with the control totals the components reported, why rows were rejected, what the data tests found, and how many records each person has."),
                Block.Of(completeness), Block.Of(control), Block.Of(rejects), Block.Of(tests), Block.Of(perPerson),
                Block.Text([.. DisclosureAuditText.Paragraphs(n.Tables, minimumCell)])),
        };
        return new ReportDocument
        {
            Kind = ReportKind.Annual, FiscalYear = fy, MinimumCell = minimumCell, Prepared = prepared.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            Title = $"Immigration Enforcement Actions and Prosecutorial Discretion: {fy}",
            ShortTitle = "Immigration Enforcement Actions and Prosecutorial Discretion",
            KeyFindings = findings, Sections = sections, Tables = n.Tables,
        };
    }

    private static string Num(ReportTable t) => t.Number["Table ".Length..];

    private static string Span(IReadOnlyList<ReportTable> tables) => $"Tables {Num(tables[0])} to {Num(tables[^1])}";
}

/// <summary>
/// Key findings as sentences. Every figure comes from a published (post-suppression) table cell,
/// so a sentence can never reveal what a table withholds.
/// </summary>
public static class KeyFindings
{
    public static IReadOnlyList<string> For(int fy, ReportTable byProgram, ReportTable removalsReturns, ReportTable removalsCriminal,
        ReportTable byComponent, ReportTable byBasis, ReportTable persons, ReportTable priorYear, ReportTable later, ReportTable daca)
    {
        var list = new List<string>();
        var year = fy.ToString(CultureInfo.InvariantCulture);
        var prior = (fy - 1).ToString(CultureInfo.InvariantCulture);

        var total = TotalRow(byProgram);
        var now = Published(byProgram, total, byProgram.ColumnIndex(year));
        var before = Published(byProgram, total, byProgram.ColumnIndex(prior));
        if (now is long a)
            list.Add($"DHS apprehended {Count(a)} aliens in fiscal year {fy}" + (before is long b && b > 0
                ? $", {(a >= b ? "an increase" : "a decrease")} of {YearbookFormat.Percent(Math.Abs(a - b) / (double)b)} from {Count(b)} in fiscal year {fy - 1}."
                : "."));
        var bp = byProgram.Rows.FindIndex(r => r.Label == "CBP Border Patrol");
        if (now is long t && t > 0 && bp >= 0 && Published(byProgram, bp, byProgram.ColumnIndex(year)) is long bpCount)
            list.Add($"The Border Patrol made {Count(bpCount)} of these apprehensions ({YearbookFormat.Percent(bpCount / (double)t)}).");

        var fyRow = removalsReturns.Rows.FindIndex(r => r.Label == "FY" + year);
        if (fyRow >= 0 && Published(removalsReturns, fyRow, removalsReturns.ColumnIndex("REMOVAL")) is long removed
            && Published(removalsReturns, fyRow, removalsReturns.ColumnIndex("RETURN")) is long returned)
        {
            var sentence = $"DHS removed {Count(removed)} aliens and returned {Count(returned)}";
            var crimTotal = TotalRow(removalsCriminal);
            if (Published(removalsCriminal, crimTotal, removalsCriminal.ColumnIndex("CRIMINAL")) is long criminal && removed > 0)
                sentence += $"; {Count(criminal)} of those removed ({YearbookFormat.Percent(criminal / (double)removed)}) had a prior criminal conviction";
            list.Add(sentence + ".");
        }

        var pRow = TotalRow(persons);
        if (Published(persons, pRow, persons.ColumnIndex("Decisions")) is long decisions)
        {
            var sentence = $"DHS components recorded {Count(decisions)} prosecutorial discretion decisions";
            if (Published(persons, pRow, persons.ColumnIndex("Persons")) is long people)
                sentence += $" concerning {Count(people)} distinct persons";
            if (Published(persons, pRow, persons.ColumnIndex("Records")) is long records && records != decisions)
                sentence += $"; {Count(records - decisions)} further records repeated a decision at a later stage";
            list.Add(sentence + ".");
        }

        var pyRow = TotalRow(priorYear);
        if (Published(priorYear, pyRow, priorYear.ColumnIndex(prior)) is long pdBefore && pdBefore > 0
            && Published(priorYear, pyRow, priorYear.ColumnIndex(year)) is long pdNow)
            list.Add($"Prosecutorial discretion decisions {(pdNow >= pdBefore ? "rose" : "fell")} by {YearbookFormat.Percent(Math.Abs(pdNow - pdBefore) / (double)pdBefore)}, from {Count(pdBefore)} in fiscal year {fy - 1} to {Count(pdNow)}.");

        var basisTotal = byBasis.TotalColumn ?? 0;
        var topBasis = byBasis.Rows.Where(r => r.Kind == RowKind.Detail && !r.Withheld[basisTotal] && r.Values[basisTotal] is > 0)
            .OrderByDescending(r => r.Values[basisTotal]).FirstOrDefault();
        if (topBasis is not null && Published(byBasis, TotalRow(byBasis), basisTotal) is long allBasis && allBasis > 0)
            list.Add($"The most frequent basis recorded was \u201c{topBasis.Label}\u201d ({Count(topBasis.Values[basisTotal]!.Value)} decisions, {YearbookFormat.Percent(topBasis.Values[basisTotal]!.Value / (double)allBasis)}).");

        var lRow = TotalRow(later);
        if (Published(later, lRow, later.ColumnIndex("Persons")) is long granted && Published(later, lRow, later.ColumnIndex("Either")) is long rearrested)
            list.Add($"Of the {Count(granted)} persons who received prosecutorial discretion in fiscal year {fy}, {Count(rearrested)} were later apprehended, arrested or convicted.");

        var dTotal = daca.TotalColumn ?? 0;
        var referred = new[] { "Referred by CBP", "Referred by ICE" }
            .Select(l => daca.Rows.FindIndex(r => r.Label == l)).Where(i => i >= 0)
            .Select(i => Published(daca, i, dTotal)).ToList();
        if (Published(daca, TotalRow(daca), dTotal) is long requests && referred.Count > 0 && referred.All(v => v is not null))
            list.Add($"USCIS received {Count(requests)} DACA requests in fiscal year {fy}, {Count(referred.Sum(v => v!.Value))} of them from persons CBP or ICE officers referred as appearing eligible.");
        return list;
    }

    private static int TotalRow(ReportTable t) => t.Rows.FindIndex(r => r.Kind == RowKind.Total);
    private static long? Published(ReportTable t, int row, int column) => row < 0 ? null : t.Published(new CellRef(row, column));
    private static string Count(long v) => v.ToString("#,##0", CultureInfo.InvariantCulture);
}
