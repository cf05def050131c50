using System.Globalization;
using System.Text;
using PdWarehouse.Etl.Feeds;

namespace PdWarehouse.Etl.Generation;

public sealed partial class Generator
{
    /// <summary>Column positions of one feed, looked up once.</summary>
    internal sealed class Shape(FeedDefinition def)
    {
        public readonly int RecordId = def.IndexOf(def.RecordIdColumn);
        public readonly int Event = def.EventDateColumn is null ? -1 : def.IndexOf(def.EventDateColumn);
        public readonly int Office = new[] { "AreaOfResponsibility", "ChiefCounselOffice", "SectorCode", "FieldOfficeCode", "ServiceCenterCode" }
            .Select(def.IndexOf).FirstOrDefault(i => i >= 0, -1);
        public readonly int ANumber = def.IndexOf("ANumber");
        public readonly int Fin = def.IndexOf("Fin");
        public readonly int Family = def.IndexOf("FamilyName");
        public readonly int Given = def.IndexOf("GivenName");
        public readonly int Birth = def.IndexOf("BirthDate");
        public readonly int Sex = def.IndexOf("Sex");
        public readonly int Country = def.IndexOf("CitizenshipCountryCode");
        public readonly int[] Dates = def.Columns.Select((c, i) => (c, i)).Where(x => x.c.Type == FeedType.Date && x.c.Name != "BirthDate").Select(x => x.i).ToArray();
        public readonly int[] Required = def.Columns.Select((c, i) => (c, i)).Where(x => x.c.Required && x.c.Name != def.RecordIdColumn).Select(x => x.i).ToArray();
        public readonly int Width = def.Columns.Count;
        public int this[string column] => def.IndexOf(column);
    }

    /// <summary>yyyy-MM-dd without the general-purpose formatter, which was a noticeable share of generation time.</summary>
    static string D(DateOnly d) => string.Create(10, d, static (span, date) =>
    {
        var (y, m, day) = (date.Year, date.Month, date.Day);
        span[0] = (char)('0' + y / 1000);
        span[1] = (char)('0' + y / 100 % 10);
        span[2] = (char)('0' + y / 10 % 10);
        span[3] = (char)('0' + y % 10);
        span[4] = '-';
        span[5] = (char)('0' + m / 10);
        span[6] = (char)('0' + m % 10);
        span[7] = '-';
        span[8] = (char)('0' + day / 10);
        span[9] = (char)('0' + day % 10);
    });

    static readonly double[] AorWeights = Prng.Cumulative(Calibration.EroAors.Select(a => a.Weight).ToArray());
    static readonly double[] AorWeightsFrom2014 = Prng.Cumulative(Calibration.EroAors.Concat(Calibration.EroAorsFrom2014).Select(a => a.Weight).ToArray());
    static readonly string[] AorCodesFrom2014 = Calibration.EroAors.Concat(Calibration.EroAorsFrom2014).Select(a => a.Code).ToArray();
    static readonly double[] OfoWeights = Prng.Cumulative(Calibration.OfoFieldOffices.Select(o => o.Weight).ToArray());
    static readonly double[] OfoDispositionWeights = Prng.Cumulative(Calibration.OfoDispositionWeights);
    static readonly double[] ArrestMethodWeights = Prng.Cumulative(Calibration.ArrestMethodWeights);

    /// <summary>The ERO area of responsibility a person lives in: stable across records (Harlingen and HQ exist from FY2014).</summary>
    string AorOf(long person, int fy)
    {
        var u = Prng.Unit(seed, SOffice, (ulong)person);
        return fy >= 2014 ? AorCodesFrom2014[Prng.Pick(AorWeightsFrom2014, u)] : Calibration.EroAors[Prng.Pick(AorWeights, u)].Code;
    }

    double U(GenFeed feed, int fy, long slot, ulong stream) => model.U(feed, fy, slot, stream);

    /// <summary>The clean rows of a delivery as text, exactly as written (dirty rows excluded): for round-trip checks.</summary>
    public IEnumerable<string?[]> CleanValues(GenFeed feed, int fy) => CleanRows(feed, fy, new Shape(DefinitionOf(feed))).Select(r => r.Values);

    IEnumerable<(string?[] Values, RowInfo Info)> CleanRows(GenFeed feed, int fy, Shape shape) => feed switch
    {
        GenFeed.Offices => Offices(fy),
        GenFeed.Countries => Countries(),
        GenFeed.EroDecisions => EroDecisions(fy, shape),
        GenFeed.OplaDispositions => OplaDispositions(fy, shape),
        GenFeed.UsbpReleases => UsbpReleases(fy, shape),
        GenFeed.IceArrests => IceArrests(fy, shape),
        GenFeed.UsbpApprehensions => UsbpApprehensions(fy, shape),
        GenFeed.OfoInadmissibles => OfoInadmissibles(fy, shape),
        GenFeed.BookIns => BookIns(fy, shape),
        GenFeed.Removals => Removals(fy, shape),
        _ => DacaRequests(fy, shape),
    };

    static IEnumerable<(string?[], RowInfo)> Offices(int fy)
    {
        foreach (var o in ReferenceLists.Offices)
            yield return ([o.OfficeCode, o.OfficeName, o.OfficeType, o.ComponentCode, o.ParentOfficeCode, o.StateCode, o.OfficeRegion, D(Calibration.FyStart(fy))], new RowInfo());
    }

    static IEnumerable<(string?[], RowInfo)> Countries()
    {
        foreach (var c in ReferenceLists.Countries)
            yield return ([c.CountryCode, c.IsoAlpha3, c.CountryName, c.Region], new RowInfo());
    }

    /// <summary>Person columns as this component writes them; <paramref name="carriesFin"/> is false where the system holds no IDENT FIN.</summary>
    void WritePerson(string?[] v, Shape s, long index, GenFeed feed, int fy, long slot, bool carriesFin = true)
    {
        var p = model.People[index];
        var form = Prng.Hash(seed, SForm, Key(feed, fy, slot));
        if (p.ANumber is { } a)
        {
            // ERO writes A-numbers padded, sometimes dashed; CBP often unpadded; USCIS with or without the A.
            var f = (int)(form % 10);
            var aForm = feed switch
            {
                GenFeed.UsbpApprehensions or GenFeed.UsbpReleases or GenFeed.OfoInadmissibles => f < 5 ? 0 : f < 8 ? 3 : 2,
                GenFeed.Daca => f < 7 ? 0 : 2,
                GenFeed.OplaDispositions => f < 5 ? 4 : 0,
                _ => f < 6 ? 0 : f < 8 ? 4 : 1,
            };
            v[s.ANumber] = WrittenForms.ANumber(a, aForm);
        }
        if (carriesFin && p.Fin is { } fin) v[s.Fin] = fin.ToString(CultureInfo.InvariantCulture);
        // Enforcement systems store upper case without accents; USCIS keeps the spelling from the form.
        var style = feed == GenFeed.Daca
            ? ((form >> 8) % 10 < 7 ? NameStyle.Mixed : NameStyle.Legacy)
            : ((form >> 8) % 10) switch { < 8 => NameStyle.Legacy, 8 => NameStyle.LegacyAccented, _ => NameStyle.Mixed };
        v[s.Family] = Names.FamilyWritten(p.Family1, p.Family2, style);
        v[s.Given] = Names.GivenWritten(p.Female, p.Given1, p.Given2, style);
        v[s.Birth] = D(p.BirthDate);
        v[s.Sex] = p.Female ? "F" : "M";
        v[s.Country] = p.Country;
    }

    static string PolicyFor(string basis, DateOnly date) => PolicyEffect.Policy(basis switch
    {
        "DACA-ELIGIBLE" => "DHS-2012-06-15-DACA",
        "VICTIM-WITNESS" => "ICE-2011-06-17-VWP",
        "ADJ-APPROVABLE" => "ICE-2005-10-06-ADJ",
        _ => "ICE-2011-06-17-PD",
    }, date);

    /// <summary>
    /// Plausible: non-priority releases are recorded NP; other bases mostly too, some priority persons are released on
    /// humanitarian grounds. In the 2011 framework until the 2014 memo, in the 2014 framework from it.
    /// </summary>
    string? PriorityFor(string basis, GenFeed feed, int fy, long slot, DateOnly date)
    {
        if (basis == "NOT-PRIORITY") return PolicyEffect.Priority("2011-NP", date);
        var u = U(feed, fy, slot, SMisc);
        return PolicyEffect.Priority(u switch { < 0.5 => "2011-NP", < 0.7 => "2011-2", < 0.85 => "2011-3", _ => null }, date);
    }

    /// <summary>
    /// The 2014 memo's effect on recording (<see cref="PolicyEffect.BasisNotRecordedFactor"/>): a decision first recorded on
    /// or after it that would have had no basis gets NOT-PRIORITY instead, with probability 1 − factor. Keyed by the
    /// decision's anchor and first date, so both records of a decision recorded twice keep one basis.
    /// </summary>
    string BasisAfterMemo(string basis, string component, DateOnly firstDate, GenFeed feed, int fy, long anchor) =>
        basis == "NOT-RECORDED" && PolicyEffect.InForce(firstDate)
        && Prng.Unit(seed, SPolicy, Key(feed, fy, anchor)) >= PolicyEffect.BasisNotRecordedFactor[component]
            ? "NOT-PRIORITY" : basis;

    /// <summary>A PD row's truth, with the office as dw.DimOffice codes it and the priority a missing code loads as.</summary>
    static RowInfo Decision(string?[] v, Shape s, long person, DateOnly date, string component, string office, string action, string basis, string id) => new()
    {
        Person = person, Date = date, Component = component, Action = action, Basis = basis, RecordId = id,
        Office = office, Country = v[s.Country]!, Policy = v[s["PolicyCode"]]!, Priority = v[s["PriorityCode"]] ?? "UNKNOWN",
    };

    IEnumerable<(string?[], RowInfo)> EroDecisions(int fy, Shape s)
    {
        var cells = model.EroCells(fy);
        for (long k = 0; k < cells.Total; k++)
        {
            var slot = cells.Slot(k);
            var d = model.EroDecision(fy, slot);
            var action = Calibration.EroActions[d.Action];
            var basis = BasisAfterMemo(Calibration.Bases[d.Basis], "ICE-ERO", d.FirstDate, GenFeed.EroDecisions, fy, d.Anchor);
            var v = new string?[s.Width];
            var id = $"EROPD-{fy}-{slot:D7}";
            v[s.RecordId] = id;
            v[s.Office] = AorOf(d.Person, fy);
            v[s.Event] = D(d.Date);
            v[s["ProcessingDisposition"]] = action switch { "REL" => "REL/PD", "NTA-CANCEL" => "NTA/PD", _ => "PD" };
            v[s["ActionCode"]] = action;
            v[s["BasisCode"]] = basis;
            v[s["PolicyCode"]] = PolicyFor(basis, d.Date);
            v[s["PriorityCode"]] = PriorityFor(basis, GenFeed.EroDecisions, fy, slot, d.Date);
            v[s["StageCode"]] = d.Stage;
            v[s["ThreatLevel"]] = U(GenFeed.EroDecisions, fy, slot, SThreat) < 0.2 ? "3" : null;
            WritePerson(v, s, d.Person, GenFeed.EroDecisions, fy, slot);
            yield return (v, Decision(v, s, d.Person, d.Date, "ICE-ERO", "ERO-" + v[s.Office], action, basis, id));
        }
    }

    IEnumerable<(string?[], RowInfo)> OplaDispositions(int fy, Shape s)
    {
        var cells = model.OplaCells(fy);
        for (long k = 0; k < cells.Total; k++)
        {
            var slot = cells.Slot(k);
            var cell = cells.Category(slot, out _);
            var action = Calibration.OplaActions[cell / Calibration.Bases.Length];
            var basis = Calibration.Bases[cell % Calibration.Bases.Length];
            var (person, date) = OplaPersonAndDate(fy, slot, basis);
            basis = BasisAfterMemo(basis, "ICE-OPLA", date, GenFeed.OplaDispositions, fy, slot);
            var v = new string?[s.Width];
            var id = $"OPLA-{fy}-{slot:D7}";
            v[s.RecordId] = id;
            v[s.Office] = "OPLA-" + AorOf(person, Math.Min(fy, 2013)); // no chief counsel office for Harlingen or HQ
            v[s.Event] = D(date);
            v[s["ActionCode"]] = action;
            v[s["BasisCode"]] = basis;
            v[s["PolicyCode"]] = PolicyFor(basis, date);
            v[s["PriorityCode"]] = PriorityFor(basis, GenFeed.OplaDispositions, fy, slot, date);
            v[s["StageCode"]] = action == "STAY" ? "FINAL-ORDER" : "PROCEEDINGS";
            WritePerson(v, s, person, GenFeed.OplaDispositions, fy, slot);
            yield return (v, Decision(v, s, person, date, "ICE-OPLA", v[s.Office]!, action, basis, id));
        }
    }

    (long Person, DateOnly Date) OplaPersonAndDate(int fy, long slot, string basis)
    {
        var person = model.OplaPerson(fy, slot, basis == "DACA-ELIGIBLE");
        var date = model.DateInYear(GenFeed.OplaDispositions, fy, slot);
        if (basis == "DACA-ELIGIBLE" && date < Calibration.DacaAnnounced)
            date = model.DateIn(Calibration.DacaAnnounced, Calibration.FyEnd(fy), U(GenFeed.OplaDispositions, fy, slot, SMisc));
        return (person, date);
    }

    string UsbpId(int fy, long slot) => $"E3-{fy}-{slot:D8}";
    string SectorOf(int fy, long apprehensionSlot) =>
        Calibration.Sectors[model.Alloc(GenFeed.UsbpApprehensions, fy, "sector", model.Plan.SectorCounts[fy]).Category(apprehensionSlot, out _)];

    IEnumerable<(string?[], RowInfo)> UsbpReleases(int fy, Shape s)
    {
        var bases = model.ReleaseBases(fy);
        for (long k = 0; k < bases.Total; k++)
        {
            var slot = bases.Slot(k);
            var r = model.UsbpRelease(fy, slot);
            var basis = BasisAfterMemo(Calibration.Bases[r.Basis], "CBP-USBP", r.Date, GenFeed.UsbpReleases, fy, slot);
            var v = new string?[s.Width];
            var id = $"USBPR-{fy}-{slot:D7}";
            v[s.RecordId] = id;
            v[s.Office] = SectorOf(fy, r.ApprehensionSlot);
            v[s.Event] = D(r.Date);
            v[s["ApprehensionRecordId"]] = UsbpId(fy, r.ApprehensionSlot);
            v[s["ActionCode"]] = "REL";
            v[s["BasisCode"]] = basis;
            v[s["PolicyCode"]] = PolicyFor(basis, r.Date);
            v[s["PriorityCode"]] = PolicyEffect.Priority("2011-NP", r.Date);
            WritePerson(v, s, r.Person, GenFeed.UsbpReleases, fy, slot);
            yield return (v, Decision(v, s, r.Person, r.Date, "CBP-USBP", v[s.Office]!, "REL", basis, id));
        }
    }

    (string Status, string? Threat) Criminality(GenFeed feed, int fy, long slot, double criminalShare)
    {
        var criminal = U(feed, fy, slot, SCriminal) < criminalShare;
        return (criminal ? "CRIMINAL" : "NON-CRIMINAL", Threat(feed, fy, slot, criminal));
    }

    /// <summary>ICE threat levels: plausible 30% level 1, 30% level 2, 40% level 3 among persons with convictions; none otherwise.</summary>
    string? Threat(GenFeed feed, int fy, long slot, bool criminal)
    {
        if (!criminal) return null;
        var u = U(feed, fy, slot, SThreat);
        return u < 0.3 ? "1" : u < 0.6 ? "2" : "3";
    }

    IEnumerable<(string?[], RowInfo)> IceArrests(int fy, Shape s)
    {
        var programs = model.Alloc(GenFeed.IceArrests, fy, "program", model.Plan.ProgramCounts[fy]);
        for (long k = 0; k < programs.Total; k++)
        {
            // Re-arrest slots come first in slot order, so they fall in the ERO range: ERO re-arrests its PD recipients.
            var slot = programs.Slot(k);
            var program = programs.Category(slot, out _) == 0 ? "ICE-ERO" : "ICE-HSI";
            var person = model.ArrestPerson(fy, slot);
            var date = model.ArrestDate(fy, slot);
            var (criminal, threat) = Criminality(GenFeed.IceArrests, fy, slot, PolicyEffect.ArrestCriminalShare);
            var v = new string?[s.Width];
            var aor = AorOf(person, fy);
            v[s.RecordId] = $"EARM-{fy}-{slot:D8}";
            v[s["Program"]] = program;
            v[s.Office] = aor;
            v[s.Event] = D(date);
            v[s["ArrestMethod"]] = FeedCatalog.ArrestMethods[Prng.Pick(ArrestMethodWeights, U(GenFeed.IceArrests, fy, slot, SMisc))];
            v[s["CriminalStatus"]] = criminal;
            v[s["ThreatLevel"]] = threat;
            v[s["PriorityCode"]] = PolicyEffect.InForce(date)
                ? ArrestPriority2014(program, criminal == "CRIMINAL", fy, slot)
                : criminal == "CRIMINAL" ? "2011-1" : U(GenFeed.IceArrests, fy, slot, SForm) < 0.6 ? "2011-2" : "2011-3";
            WritePerson(v, s, person, GenFeed.IceArrests, fy, slot);
            var info = Enforcement(person, date, "APPREHENSION", program, "ERO-" + aor, v[s.Country]!, criminal, "APPREHENSION", arrest: true);
            info.Priority = v[s["PriorityCode"]];
            yield return (v, info);
        }
    }

    /// <summary>
    /// An arrest's priority under the 2014 memo (<see cref="PolicyEffect.ArrestPriority1Share"/>): a convicted person is in
    /// priority 1 (felony 1(d), or aggravated felony 1(e) for 30%); a person without a conviction is in 1(b), arrested at the
    /// border, with the probability that brings the program's priority-1 share to its stated value; otherwise 2(c), 3 or
    /// not a priority (50/20/30).
    /// </summary>
    string ArrestPriority2014(string program, bool criminal, int fy, long slot)
    {
        var u = Prng.Unit(seed, SPolicy, Key(GenFeed.IceArrests, fy, slot));
        if (criminal) return u < 0.3 ? "2014-1E" : "2014-1D";
        var border = (PolicyEffect.ArrestPriority1Share[program].After - PolicyEffect.ArrestCriminalShare) / (1 - PolicyEffect.ArrestCriminalShare);
        if (u < border) return "2014-1B";
        var rest = (u - border) / (1 - border);
        return rest < 0.5 ? "2014-2C" : rest < 0.7 ? "2014-3" : "2014-NP";
    }

    static RowInfo Enforcement(long person, DateOnly date, string category, string program, string office, string country, string? criminal, string actionType, bool arrest = false) =>
        new() { Person = person, Date = date, Category = category, Program = program, Office = office, Country = country, Criminal = criminal, ActionType = actionType, IsArrest = arrest };

    IEnumerable<(string?[], RowInfo)> UsbpApprehensions(int fy, Shape s)
    {
        var sectors = model.Alloc(GenFeed.UsbpApprehensions, fy, "sector", model.Plan.SectorCounts[fy]);
        for (long k = 0; k < sectors.Total; k++)
        {
            var slot = sectors.Slot(k);
            var sector = Calibration.Sectors[sectors.Category(slot, out _)];
            var person = model.UsbpPerson(fy, slot);
            var date = model.UsbpDate(fy, slot);
            var criminal = U(GenFeed.UsbpApprehensions, fy, slot, SCriminal) < 0.08 ? "CRIMINAL" : "NON-CRIMINAL";
            var v = new string?[s.Width];
            v[s.RecordId] = UsbpId(fy, slot);
            v[s.Office] = sector;
            v[s["StationCode"]] = $"{sector[5..]}{1 + model.Below(GenFeed.UsbpApprehensions, fy, slot, SMisc, 6):D2}";
            v[s.Event] = D(date);
            v[s["CriminalStatus"]] = criminal;
            WritePerson(v, s, person, GenFeed.UsbpApprehensions, fy, slot);
            yield return (v, Enforcement(person, date, "APPREHENSION", "CBP-USBP", sector, v[s.Country]!, criminal, "APPREHENSION", arrest: true));
        }
    }

    IEnumerable<(string?[], RowInfo)> OfoInadmissibles(int fy, Shape s)
    {
        var n = model.Plan.Count(GenFeed.OfoInadmissibles, fy);
        for (long slot = 0; slot < n; slot++)
        {
            var person = model.OfoPerson(fy, slot);
            var date = model.DateInYear(GenFeed.OfoInadmissibles, fy, slot);
            var (office, _, ports) = Calibration.OfoFieldOffices[Prng.Pick(OfoWeights, U(GenFeed.OfoInadmissibles, fy, slot, SMisc))];
            var v = new string?[s.Width];
            v[s.RecordId] = $"OFO-{fy}-{slot:D8}";
            v[s.Office] = office;
            v[s["PortCode"]] = ports[model.Below(GenFeed.OfoInadmissibles, fy, slot, SForm, ports.Length)];
            v[s.Event] = D(date);
            v[s["Disposition"]] = FeedCatalog.OfoDispositions[Prng.Pick(OfoDispositionWeights, U(GenFeed.OfoInadmissibles, fy, slot, SCriminal))];
            WritePerson(v, s, person, GenFeed.OfoInadmissibles, fy, slot);
            yield return (v, Enforcement(person, date, "INADMISSIBLE", "CBP-OFO", office, v[s.Country]!, null, "INADMISSIBLE"));
        }
    }

    IEnumerable<(string?[], RowInfo)> BookIns(int fy, Shape s)
    {
        var n = model.Plan.Count(GenFeed.BookIns, fy);
        for (long slot = 0; slot < n; slot++)
        {
            var person = model.BookInPerson(fy, slot);
            var date = model.DateInYear(GenFeed.BookIns, fy, slot);
            var (criminal, threat) = Criminality(GenFeed.BookIns, fy, slot, 0.5);
            var aor = AorOf(person, fy);
            var v = new string?[s.Width];
            v[s.RecordId] = $"BKIN-{fy}-{slot:D8}";
            v[s.Office] = aor;
            v[s.Event] = D(date);
            v[s["FacilityCode"]] = $"{aor}-F{1 + model.Below(GenFeed.BookIns, fy, slot, SMisc, 8):D2}";
            v[s["CriminalStatus"]] = criminal;
            v[s["ThreatLevel"]] = threat;
            WritePerson(v, s, person, GenFeed.BookIns, fy, slot);
            yield return (v, Enforcement(person, date, "BOOKIN", "ICE-ERO", "ERO-" + aor, v[s.Country]!, criminal, "BOOKIN"));
        }
        if (fy != FollowUpConvictions.BookInFiscalYear) yield break;
        var next = n;
        foreach (var (person, date, threat) in FollowUpBookIns())
        {
            var aor = AorOf(person, fy);
            var v = new string?[s.Width];
            v[s.RecordId] = $"BKIN-{fy}-{next:D8}";
            v[s.Office] = aor;
            v[s.Event] = D(date);
            v[s["FacilityCode"]] = $"{aor}-F{1 + Prng.Below(seed, SFollowUp, (ulong)next, 8):D2}";
            v[s["CriminalStatus"]] = "CRIMINAL";
            v[s["ThreatLevel"]] = threat;
            WritePerson(v, s, person, GenFeed.BookIns, fy, next);
            next++;
            yield return (v, Enforcement(person, date, "BOOKIN", "ICE-ERO", "ERO-" + aor, v[s.Country]!, "CRIMINAL", "BOOKIN"));
        }
    }

    /// <summary>
    /// The book-ins of <see cref="FollowUpConvictions"/>: for each PD decision record of the previous year (the second
    /// record of an ERO decision recorded twice excluded), with the component's rate, a CRIMINAL book-in of its person
    /// 1 to 365 days after the decision, inside this year. In record order of the three PD feeds, so the output is stable.
    /// </summary>
    IEnumerable<(long Person, DateOnly Date, string Threat)> FollowUpBookIns()
    {
        const int fy = FollowUpConvictions.DecisionFiscalYear;
        var decisions = new List<(GenFeed Feed, long Slot, long Person, DateOnly Date, string Component)>();
        var ero = model.EroCells(fy);
        for (long k = 0; k < ero.Total; k++)
        {
            var slot = ero.Slot(k);
            var d = model.EroDecision(fy, slot);
            if (!d.SecondStage) decisions.Add((GenFeed.EroDecisions, slot, d.Person, d.Date, "ICE-ERO"));
        }
        var opla = model.OplaCells(fy);
        for (long k = 0; k < opla.Total; k++)
        {
            var slot = opla.Slot(k);
            var (person, date) = OplaPersonAndDate(fy, slot, Calibration.Bases[opla.Category(slot, out _) % Calibration.Bases.Length]);
            decisions.Add((GenFeed.OplaDispositions, slot, person, date, "ICE-OPLA"));
        }
        var usbp = model.ReleaseBases(fy);
        for (long k = 0; k < usbp.Total; k++)
        {
            var slot = usbp.Slot(k);
            var r = model.UsbpRelease(fy, slot);
            decisions.Add((GenFeed.UsbpReleases, slot, r.Person, r.Date, "CBP-USBP"));
        }
        var first = Calibration.FyStart(FollowUpConvictions.BookInFiscalYear);
        var last = Calibration.FyEnd(FollowUpConvictions.BookInFiscalYear);
        foreach (var (feed, slot, person, decided, component) in decisions)
        {
            var key = Key(feed, fy, slot);
            if (Prng.Unit(seed, SFollowUp, key) >= FollowUpConvictions.Rate[component]) continue;
            var from = decided.AddDays(1) > first ? decided.AddDays(1) : first;
            var to = decided.AddDays(FollowUpConvictions.WindowDays) < last ? decided.AddDays(FollowUpConvictions.WindowDays) : last;
            var date = from.AddDays((int)Prng.Below(seed, SFollowUp + 1, key, to.DayNumber - from.DayNumber + 1));
            // ICE threat levels among convicted persons, as for the other book-ins: 30% level 1, 30% level 2, 40% level 3.
            var u = Prng.Unit(seed, SFollowUp + 2, key);
            yield return (person, date, u < 0.3 ? "1" : u < 0.6 ? "2" : "3");
        }
    }

    IEnumerable<(string?[], RowInfo)> Removals(int fy, Shape s)
    {
        var plan = model.Plan;
        var kinds = model.Alloc(GenFeed.Removals, fy, "kind", plan.DepartureCounts[fy]);
        var removalTypes = model.Alloc(GenFeed.Removals, fy, "removal-type", Allocator.Apportion(plan.DepartureCounts[fy][0], Calibration.RemovalTypeWeights));
        var returnTypes = model.Alloc(GenFeed.Removals, fy, "return-type", Allocator.Apportion(plan.DepartureCounts[fy][1], Calibration.ReturnTypeWeights));
        var criminality = model.Alloc(GenFeed.Removals, fy, "criminal", plan.CriminalRemovalCounts[fy]);
        for (long k = 0; k < kinds.Total; k++)
        {
            var slot = kinds.Slot(k);
            var removal = kinds.Category(slot, out var within) == 0;
            string type;
            bool criminal;
            if (removal)
            {
                type = FeedCatalog.RemovalDepartureTypes[removalTypes.Category(removalTypes.Slot(within), out _)];
                criminal = criminality.Category(criminality.Slot(within), out _) == 0;
            }
            else
            {
                type = returnTypes.Category(returnTypes.Slot(within), out _) == 0 ? "VR" : "WD";
                criminal = U(GenFeed.Removals, fy, slot, SCriminal) < Calibration.CriminalReturnShare;
            }
            var person = model.RemovalPerson(fy, slot, removal);
            var date = model.DateInYear(GenFeed.Removals, fy, slot);
            var aor = AorOf(person, fy);
            var status = criminal ? "CRIMINAL" : "NON-CRIMINAL";
            var v = new string?[s.Width];
            v[s.RecordId] = $"DEP-{fy}-{slot:D8}";
            v[s.Office] = aor;
            v[s.Event] = D(date);
            v[s["DepartureType"]] = type;
            v[s["CriminalStatus"]] = status;
            v[s["ThreatLevel"]] = Threat(GenFeed.Removals, fy, slot, criminal);
            WritePerson(v, s, person, GenFeed.Removals, fy, slot);
            yield return (v, Enforcement(person, date, removal ? "REMOVAL" : "RETURN", "ICE-ERO", "ERO-" + aor, v[s.Country]!, status,
                (removal ? "REMOVAL-" : "RETURN-") + type));
        }
    }

    /// <summary>
    /// A DACA delivery holds every request accepted in its year (status at year end) and every earlier request decided
    /// in its year (re-sent with the decision; the loader replaces the earlier row by receipt number).
    /// </summary>
    IEnumerable<(string?[], RowInfo)> DacaRequests(int fy, Shape s)
    {
        for (var accepted = Calibration.FirstPdFiscalYear; accepted <= fy; accepted++)
        {
            var outcomes = model.DacaOutcomes(accepted);
            var cells = model.Plan.DacaCells[accepted];
            var n = model.Plan.Count(GenFeed.Daca, accepted);
            for (long slot = 0; slot < n; slot++)
            {
                var cell = cells[outcomes.Category(outcomes.Slot(slot), out _)];
                if (accepted != fy && cell.DecisionFy != fy) continue;
                var d = model.Daca(accepted, slot);
                var decided = d.DecisionFy is { } dfy && dfy <= fy;
                var status = decided ? d.FinalStatus : "PENDING";
                var (center, prefix, _) = Calibration.ServiceCenters[d.CenterIndex];
                var v = new string?[s.Width];
                v[s.RecordId] = $"{prefix}{accepted % 100:D2}{slot:D8}";
                v[s.Office] = center;
                v[s["RequestType"]] = d.Type;
                v[s["ReceiptDate"]] = D(d.Receipt);
                v[s["AcceptedDate"]] = D(d.Accepted);
                v[s["RequestStatus"]] = status;
                v[s.Event] = decided ? D(d.Decision!.Value) : null;
                v[s["ReferralSource"]] = d.Referral;
                WritePerson(v, s, d.Person, GenFeed.Daca, accepted, slot, carriesFin: false);
                // Final unless a later delivery of the requested years re-sends it with its decision.
                var final = !(d.DecisionFy is { } later && later > fy && options.FiscalYears.Contains(later));
                yield return (v, new RowInfo
                {
                    Person = d.Person, Date = d.Accepted, Referral = d.Referral, Status = status, AcceptedFy = accepted, ReceiptFy = Calibration.FiscalYearOf(d.Receipt),
                    DecisionFy = decided ? d.DecisionFy : null, Final = final, AcceptedInDelivery = accepted == fy, DecidedInDelivery = decided && d.DecisionFy == fy,
                });
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Dirty rows

    (OutLine Line, DirtyKind Kind, RowInfo? Loaded) Dirty(GenFeed feed, int fy, long k, FeedDefinition def, Shape s, string[] columns, string?[] values, RowInfo info)
    {
        var kinds = new List<DirtyKind>(11) { DirtyKind.Duplicate, DirtyKind.InvalidDate, DirtyKind.MissingRequired, DirtyKind.WrongFieldCount, DirtyKind.BrokenQuoting, DirtyKind.InvalidUtf8, DirtyKind.UnknownOffice };
        if (info.Component is not null) kinds.AddRange([DirtyKind.Resent, DirtyKind.IdentifierVariant]);
        if (s.Event >= 0 && values[s.Event] is not null) kinds.Add(DirtyKind.DateOutOfPeriod);
        // An unknown country breaks the name-based link, so only rows that also carry an A-number or FIN get one.
        if (values[s.ANumber] is not null || values[s.Fin] is not null) kinds.Add(DirtyKind.UnknownCountry);
        var kind = kinds[(int)Prng.Below(seed, SDirtyKind, Key(feed, fy, k), kinds.Count)];
        var how = Prng.Hash(seed, SDirtyHow, Key(feed, fy, k));
        var v = (string?[])values.Clone();
        var person = info.Person >= 0 ? model.People[info.Person] : default;
        switch (kind)
        {
            case DirtyKind.Duplicate:
                return (new OutLine(values, null), kind, null);
            case DirtyKind.Resent:
                return (new OutLine(Rekey(v, s, "-R"), null), kind, Loaded(info, v[s.RecordId]!));
            case DirtyKind.IdentifierVariant:
                Rekey(v, s, "-V");
                v[s.Family] = WrittenForms.Variant(person.FamilyDisplay, (int)(how % WrittenForms.VariantKinds));
                v[s.Given] = WrittenForms.Variant(person.GivenDisplay, (int)((how >> 8) % WrittenForms.VariantKinds));
                v[s.Fin] = null;
                // Either another written form of the A-number, or no number at all (linked by name, birth date and country).
                v[s.ANumber] = person.ANumber is { } a && (how >> 16) % 2 == 0 ? WrittenForms.ANumber(a, (int)((how >> 20) % WrittenForms.ANumberForms)) : null;
                return (new OutLine(v, null), kind, Loaded(info, v[s.RecordId]!));
            case DirtyKind.InvalidDate:
            {
                var column = s.Event >= 0 && v[s.Event] is not null ? s.Event : s.Dates.First(i => v[i] is not null);
                var date = DateOnly.ParseExact(v[column]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
                v[column] = (how % 5) switch
                {
                    0 => $"{date.Year}-02-30",
                    1 => $"{date.Year}-13-{date.Day:D2}",
                    2 => date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture),
                    3 => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                    _ => $"{date.Year}-04-31",
                };
                return (new OutLine(v, null), kind, null);
            }
            case DirtyKind.DateOutOfPeriod:
            {
                var days = 1 + (int)(how % 365);
                v[s.Event] = D((how >> 32) % 2 == 0 ? Calibration.FyEnd(fy).AddDays(days) : Calibration.FyStart(fy).AddDays(-days));
                return (new OutLine(v, null), kind, null);
            }
            case DirtyKind.UnknownOffice:
            {
                Rekey(v, s, "-U");
                var current = v[s.Office]!;
                var dash = current.IndexOf('-');
                v[s.Office] = dash < 0 ? "ZZZ" : current[..(dash + 1)] + "ZZZ";
                var loaded = Loaded(info, v[s.RecordId]!);
                if (loaded.Office is not null) loaded.Office = UnknownOfficeMember;
                return (new OutLine(v, null), kind, loaded);
            }
            case DirtyKind.UnknownCountry:
            {
                Rekey(v, s, "-C");
                v[s.Country] = UnknownCountryCode;
                // The code is well formed, so the load keeps it as a country member not in the reference list.
                var loaded = Loaded(info, v[s.RecordId]!);
                if (loaded.Country is not null) loaded.Country = UnknownCountryCode;
                return (new OutLine(v, null), kind, loaded);
            }
            case DirtyKind.MissingRequired:
            {
                var candidates = s.Required.Where(i => v[i] is not null).ToArray();
                v[candidates[(int)(how % (ulong)candidates.Length)]] = null;
                return (new OutLine(v, null), kind, null);
            }
            case DirtyKind.WrongFieldCount:
            {
                var text = DeliveryFileWriter.Format(columns, v);
                text = how % 2 == 0 ? text + ",EXTRA" : text[..text.LastIndexOf(',')];
                return (new OutLine(null, DeliveryFileWriter.Utf8.GetBytes(text + "\n")), kind, null);
            }
            case DirtyKind.BrokenQuoting:
            {
                var family = v[s.Family]!;
                v[s.Family] = "\u0001";
                var text = DeliveryFileWriter.Format(columns, v);
                // Either an unclosed quote, or text after a closing quote.
                text = text.Replace("\u0001", how % 2 == 0 ? "\"" + family : "\"" + family + "\"X");
                return (new OutLine(null, DeliveryFileWriter.Utf8.GetBytes(text + "\n")), kind, null);
            }
            default: // InvalidUtf8: the row as a Latin-1 system would send it
            {
                if (s.Family >= 0)
                {
                    v[s.Family] = person.FamilyDisplay;
                    v[s.Given] = person.GivenDisplay;
                    if (Ascii(person.FamilyDisplay) && Ascii(person.GivenDisplay)) v[s.Family] = person.FamilyDisplay + " Muñoz";
                }
                var text = DeliveryFileWriter.Format(columns, v);
                return (new OutLine(null, Encoding.Latin1.GetBytes(text + "\n")), kind, null);
            }
        }
    }

    static bool Ascii(string s) => s.All(c => c < 128);

    static string?[] Rekey(string?[] v, Shape s, string suffix)
    {
        v[s.RecordId] += suffix;
        return v;
    }

    static RowInfo Loaded(RowInfo info, string recordId)
    {
        var loaded = info.Clone();
        if (loaded.RecordId is not null) loaded.RecordId = recordId;
        // A re-keyed DACA request is another request that no later delivery re-sends.
        if (loaded.Referral is not null) loaded.Final = true;
        return loaded;
    }
}
