using System.Globalization;
using System.Text;
using PdWarehouse.Etl.Feeds;

namespace PdWarehouse.Etl.Generation;

/// <summary>What a generated row means, for the ground truth and the control totals.</summary>
internal sealed class RowInfo
{
    public long Person = -1;
    public DateOnly Date;
    public bool IsArrest;
    // Enforcement actions
    public string? Category, Program, Office, Country, Criminal, ActionType;
    // PD decisions (Office and Country above also hold a decision's office and citizenship)
    public string? Component, Action, Basis, RecordId, Policy, Priority;
    // DACA
    public string? Referral, Status;
    public int AcceptedFy, ReceiptFy;
    public int? DecisionFy;
    public bool Final = true;
    public bool AcceptedInDelivery, DecidedInDelivery;

    public RowInfo Clone() => (RowInfo)MemberwiseClone();
}

/// <summary>The kinds of dirty rows, each added next to a clean row so the clean rows keep their calibrated counts.</summary>
public enum DirtyKind
{
    Duplicate, Resent, IdentifierVariant, InvalidDate, DateOutOfPeriod, UnknownOffice, UnknownCountry, MissingRequired, WrongFieldCount, BrokenQuoting, InvalidUtf8,
}

/// <summary>
/// <c>pdw generate</c>: one delivery per feed per fiscal year, calibrated to DESIGN §9, with dirty rows and truth.json.
/// Streaming: rows are computed from their index as they are written.
/// </summary>
public sealed partial class Generator
{
    public static readonly IReadOnlyDictionary<DirtyKind, string> DirtyKindNames = new Dictionary<DirtyKind, string>
    {
        [DirtyKind.Duplicate] = "exact-duplicate", [DirtyKind.Resent] = "resent-new-record-id", [DirtyKind.IdentifierVariant] = "identifier-variant",
        [DirtyKind.InvalidDate] = "invalid-date", [DirtyKind.DateOutOfPeriod] = "date-out-of-period", [DirtyKind.UnknownOffice] = "unknown-office-code",
        [DirtyKind.UnknownCountry] = "unknown-country-code", [DirtyKind.MissingRequired] = "missing-required", [DirtyKind.WrongFieldCount] = "wrong-field-count",
        [DirtyKind.BrokenQuoting] = "broken-quoting", [DirtyKind.InvalidUtf8] = "invalid-utf8",
    };

    /// <summary>The reason code a correct reader gives each rejected kind; null = the row is loaded.</summary>
    public static string? ReasonFor(DirtyKind kind) => kind switch
    {
        DirtyKind.Duplicate => ReasonCodes.DuplicateRecord,
        DirtyKind.InvalidDate => ReasonCodes.InvalidDate,
        DirtyKind.DateOutOfPeriod => ReasonCodes.DateOutOfPeriod,
        DirtyKind.MissingRequired => ReasonCodes.MissingRequired,
        DirtyKind.WrongFieldCount or DirtyKind.BrokenQuoting => ReasonCodes.MalformedRow,
        DirtyKind.InvalidUtf8 => ReasonCodes.InvalidEncoding,
        _ => null,
    };

    public const string UnknownCountryCode = "QZ";     // not an ISO 3166 assignment: loaded as a member kept unlisted, code and all
    public const string UnknownOfficeMember = "UNKNOWN"; // dw.DimOffice Unknown member's code

    static readonly ulong SDirty = Prng.Stream("dirty");
    static readonly ulong SDirtyKind = Prng.Stream("dirty.kind");
    static readonly ulong SDirtyHow = Prng.Stream("dirty.how");
    static readonly ulong SForm = Prng.Stream("form");
    static readonly ulong SCriminal = Prng.Stream("criminal");
    static readonly ulong SThreat = Prng.Stream("threat");
    static readonly ulong SOffice = Prng.Stream("office");
    static readonly ulong SMisc = Prng.Stream("misc");
    static readonly ulong SPolicy = Prng.Stream("policy.2014-11-20");
    static readonly ulong SFollowUp = Prng.Stream("followup.convictions");

    readonly GenerateOptions options;
    readonly Model model;
    readonly TruthBuilder truth;
    readonly ulong seed;
    readonly Action<string>? progress;

    public Generator(GenerateOptions options, Action<string>? progress = null)
    {
        options.Validate();
        this.options = options;
        seed = (ulong)options.Seed;
        model = new Model(seed, new Plan(options.Scale, options.RearrestShare));
        truth = new TruthBuilder(model.Plan.PersonSpace, Calibration.FyEnd(options.FiscalYears.Max()));
        this.progress = progress;
    }

    public Plan Plan => model.Plan;
    public TruthBuilder Truth => truth;
    long rowsWritten;
    public long RowsWritten => Interlocked.Read(ref rowsWritten);

    /// <summary>The feeds generated for a fiscal year (PD feeds and DACA start with FY2012; DACA ends with FY2014).</summary>
    public static IEnumerable<GenFeed> FeedsFor(int fy) =>
        Enum.GetValues<GenFeed>().Where(f => (fy >= Calibration.FirstPdFiscalYear || f is not (GenFeed.EroDecisions or GenFeed.OplaDispositions or GenFeed.UsbpReleases or GenFeed.Daca))
                                             && (fy <= Calibration.LastDacaFiscalYear || f != GenFeed.Daca));

    public static FeedDefinition DefinitionOf(GenFeed feed) => FeedCatalog.Get(feed switch
    {
        GenFeed.Offices => "reference-offices",
        GenFeed.Countries => "reference-countries",
        GenFeed.EroDecisions => "ice-ero-discretion-decisions",
        GenFeed.OplaDispositions => "ice-opla-case-dispositions",
        GenFeed.UsbpReleases => "cbp-usbp-discretion-releases",
        GenFeed.IceArrests => "ice-arrests",
        GenFeed.UsbpApprehensions => "cbp-usbp-apprehensions",
        GenFeed.OfoInadmissibles => "cbp-ofo-inadmissibles",
        GenFeed.BookIns => "ice-ero-detention-bookins",
        GenFeed.Removals => "ice-removals-returns",
        _ => "uscis-daca-requests",
    });

    public static string DeliveryName(GenFeed feed, int fy) => $"{DefinitionOf(feed).Name}-FY{fy}";

    /// <summary>Writes every delivery and truth.json; returns the delivery folders year by year, in feed order.</summary>
    public IReadOnlyList<string> Run()
    {
        Directory.CreateDirectory(options.OutputFolder);
        try
        {
            return WriteAll();
        }
        finally
        {
            truth.Dispose();
        }
    }

    IReadOnlyList<string> WriteAll()
    {
        var folders = new List<string>();
        foreach (var fy in options.FiscalYears)
        {
            // The truth's person-level rules are applied when it is written, so no delivery has to wait for another.
            var feeds = FeedsFor(fy).ToArray();
            var tallies = new Tally[feeds.Length];
            // Deliveries are independent files; the largest go first so both cores stay busy.
            var order = feeds.Select((f, i) => (f, i)).OrderByDescending(x => Plan.Count(x.f, fy)).ToArray();
            Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = options.Threads > 0 ? options.Threads : Environment.ProcessorCount }, x =>
            {
                tallies[x.i] = WriteDelivery(x.f, fy);
                progress?.Invoke(DeliveryName(x.f, fy));
            });
            foreach (var t in tallies) truth.Merge(t);
            folders.AddRange(feeds.Select(f => Path.Combine(options.OutputFolder, DeliveryName(f, fy))));
        }
        truth.Write(Path.Combine(options.OutputFolder, "truth.json"), options);
        return folders;
    }

    Tally WriteDelivery(GenFeed feed, int fy)
    {
        var tally = truth.NewTally();
        var def = DefinitionOf(feed);
        var name = DeliveryName(feed, fy);
        var folder = Path.Combine(options.OutputFolder, name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        var fileName = $"{name}-001.csv";
        var measures = Measures(feed);
        var totals = new long[measures.Count];
        long rejected = 0;
        var columns = def.Columns.Select(c => c.Name).ToArray();
        var shape = new Shape(def);
        var batch = LoadOrder(feed, fy);
        var statusColumn = def.IndexOf("CriminalStatus");
        var threatColumn = def.IndexOf("ThreatLevel");

        IEnumerable<OutLine> Lines()
        {
            long k = 0, line = 0;
            foreach (var (values, info) in CleanRows(feed, fy, shape))
            {
                for (var m = 0; m < measures.Count; m++) if (measures[m].Counts(info)) totals[m]++;
                Count(fy, info, tally);
                // A dirty row that loads states its clean row's status (its kinds change identifiers, codes or record ids).
                var (status, threat) = StatusOf(values, statusColumn, threatColumn);
                if (info.Person >= 0) tally.Events.Status(info.Person, info.Date, batch, line, status, threat);
                line++;
                yield return new OutLine(values, null);
                if (feed is not (GenFeed.Offices or GenFeed.Countries) && options.DirtyRate > 0
                    && Prng.Unit(seed, SDirty, Key(feed, fy, k)) < options.DirtyRate)
                {
                    var (dirtyLine, kind, loaded) = Dirty(feed, fy, k, def, shape, columns, values, info);
                    var reason = ReasonFor(kind);
                    tally.AddDirty(def.Name, DirtyKindNames[kind], reason ?? "loaded");
                    if (reason is not null)
                    {
                        tally.Reject(def.Name, fy, reason);
                        rejected++;
                    }
                    else
                    {
                        Count(fy, loaded!, tally);
                        if (loaded!.Person >= 0) tally.Events.Status(loaded.Person, loaded.Date, batch, line, status, threat);
                    }
                    line++;
                    yield return dirtyLine;
                }
                k++;
            }
        }

        var result = DeliveryFileWriter.Write(Path.Combine(folder, fileName), columns, Lines());
        tally.Events.Flush();
        Interlocked.Add(ref rowsWritten, result.DataRows);
        var controlTotals = measures.Select((m, i) => new ControlTotal(m.Name, totals[i])).ToArray();
        var manifest = new Manifest(FeedCatalog.FormatVersion, def.Name, def.Component, def.SourceSystem, Calibration.FyStart(fy), Calibration.FyEnd(fy),
            // Extracted two weeks after the year closes: derived from the period, never the clock, so output is reproducible.
            new DateTimeOffset(Calibration.FyEnd(fy).AddDays(15).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero),
            [new ManifestFile(fileName, result.Sha256, result.DataRows)], controlTotals);
        File.WriteAllBytes(Path.Combine(folder, ManifestJson.FileName), ManifestJson.Write(manifest));
        foreach (var t in controlTotals) tally.ControlTotals.Add((name, t.Measure, t.Value));
        tally.Files.Add((name, fileName, result.DataRows, rejected));
        return tally;
    }

    /// <summary>
    /// The order `pdw load` of the output folder loads a delivery in (by period, then folder name: docs/feeds.md), as a
    /// number: the truth replays the loader's person versions, which depend on it, in this order.
    /// </summary>
    internal static int LoadOrder(GenFeed feed, int fy) => (fy - 2000) * 16 + Array.IndexOf(FeedsByName, feed);

    static readonly GenFeed[] FeedsByName = Enum.GetValues<GenFeed>().OrderBy(f => DefinitionOf(f).Name, StringComparer.Ordinal).ToArray();

    static (byte Status, byte Threat) StatusOf(string?[] values, int statusColumn, int threatColumn)
    {
        if (statusColumn < 0) return (0, 0);
        byte status = values[statusColumn] switch { "CRIMINAL" => 1, "NON-CRIMINAL" => 2, _ => 0 };
        var threat = threatColumn >= 0 && values[threatColumn] is { Length: 1 } t && t[0] is >= '1' and <= '3' ? (byte)(t[0] - '0') : (byte)0;
        return (status, threat);
    }

    static ulong Key(GenFeed feed, int fy, long k) => ((ulong)feed << 56) ^ ((ulong)(fy - 2000) << 48) ^ (ulong)k;

    /// <summary>Adds a loaded row to the truth.</summary>
    void Count(int fy, RowInfo info, Tally tally)
    {
        if (info.Person < 0) return;
        // A decision or arrest event also says the person was seen; a plain "seen" event only for the other rows.
        if (info.Component is not null)
            tally.Events.Decision(info.Person, info.Component, info.Action!, info.Basis!, info.Date, info.RecordId!, info.Office!, info.Country!, info.Policy!, info.Priority!);
        if (info.IsArrest) tally.Events.Arrest(info.Person, info.Date);
        if (info.Component is null && !info.IsArrest) tally.Events.Seen(info.Person);
        if (info.Category is not null)
            tally.AddEnforcement(fy, info.Category, info.Program!, info.Office!, info.Country!, info.Criminal, info.ActionType!);
        if (info.IsArrest && info.Priority is not null && info.Program is "ICE-ERO" or "ICE-HSI")
            tally.AddArrestPriority(info.Date, info.Program, info.Office!, PolicyEffect.Level(info.Priority));
        // What a removal's priority is derived from (docs/monitoring.md): the person's ICE ERO arrests and removals.
        if (info.IsArrest && info.Program == "ICE-ERO")
            tally.Events.EroArrest(info.Person, info.Date, (info.Priority is null ? "UNKNOWN" : PolicyEffect.Level(info.Priority)) switch { "1" => 1, "2" => 2, "3" => 3, "NONE" => 4, _ => 0 });
        if (info.Category == "REMOVAL" && info.Program == "ICE-ERO") tally.Events.Removal(info.Person, info.Date, info.Office!);
        if (info.Referral is not null && info.Final) tally.AddDaca(info.Referral, info.ReceiptFy, info.AcceptedFy, info.DecisionFy, info.Status!);
    }

    sealed record Measure(string Name, Func<RowInfo, bool> Counts);

    static IReadOnlyList<Measure> Measures(GenFeed feed)
    {
        var list = new List<Measure> { new("records in period", _ => true) };
        switch (feed)
        {
            case GenFeed.EroDecisions:
                list.Add(new("PD releases in period", i => i.Action == "REL"));
                list.Add(new("PD releases of non-priority persons in period", i => i.Action == "REL" && i.Basis == "NOT-PRIORITY"));
                break;
            case GenFeed.OplaDispositions:
                list.Add(new("cases dismissed in period", i => i.Action == "DISMISS"));
                list.Add(new("cases administratively closed in period", i => i.Action == "ADMIN-CLOSE"));
                break;
            case GenFeed.UsbpReleases:
                list.Add(new("PD releases in period", i => i.Action == "REL"));
                list.Add(new("DACA-eligible releases in period", i => i.Basis == "DACA-ELIGIBLE"));
                break;
            case GenFeed.IceArrests:
                list.Add(new("ICE ERO administrative arrests in period", i => i.Program == "ICE-ERO"));
                list.Add(new("ICE HSI administrative arrests in period", i => i.Program == "ICE-HSI"));
                break;
            case GenFeed.UsbpApprehensions:
                list.Add(new("apprehensions in period", _ => true));
                break;
            case GenFeed.Removals:
                list.Add(new("removals in period", i => i.Category == "REMOVAL"));
                list.Add(new("returns in period", i => i.Category == "RETURN"));
                list.Add(new("removals of criminal aliens in period", i => i.Category == "REMOVAL" && i.Criminal == "CRIMINAL"));
                break;
            case GenFeed.Daca:
                list.Add(new("requests accepted in period", i => i.AcceptedInDelivery));
                list.Add(new("requests approved in period", i => i.DecidedInDelivery && i.Status == "APPROVED"));
                list.Add(new("requests denied in period", i => i.DecidedInDelivery && i.Status == "DENIED"));
                break;
        }
        return list;
    }
}
