namespace PdWarehouse.Etl.Generation;

/// <summary>
/// The published figures of DESIGN §9 (pinned: reproduced exactly at scale 1.0, round(figure × scale) otherwise) and the
/// plausible, unpublished-here figures the generator needs besides them (marked "plausible" with where they come from).
/// </summary>
public static class Calibration
{
    public const int FirstFiscalYear = 2004;
    public const int LastFiscalYear = 2015;
    /// <summary>
    /// DESIGN §9 gives no FY2015 figures: FY2015 is generated from plausible magnitudes (marked below) so the 2014-11-20
    /// memo's effect (<see cref="PolicyEffect"/>) has months after it. DACA deliveries stop with FY2014: the memo's DACA
    /// expansion was enjoined in February 2015, and USCIS's FY2015 figures are not in §9.
    /// </summary>
    public const int LastDacaFiscalYear = 2014;
    /// <summary>Component PD recording (and so the PD feeds) starts with FY2012, after the June 2011 memos.</summary>
    public const int FirstPdFiscalYear = 2012;
    public static readonly DateOnly DacaAnnounced = new(2012, 6, 15);
    public static readonly DateOnly DacaFirstAcceptance = new(2012, 8, 15);
    public static readonly DateOnly RenewalsOpened = new(2014, 6, 5);

    public static DateOnly FyStart(int fy) => new(fy - 1, 10, 1);
    public static DateOnly FyEnd(int fy) => new(fy, 9, 30);
    public static int FiscalYearOf(DateOnly d) => d.Month >= 10 ? d.Year + 1 : d.Year;

    // ---- Pinned: Yearbook 2014 Table 35 (apprehensions by program), FY2012-2014.
    static readonly Dictionary<int, (long Usbp, long Hsi, long Ero)> Table35 = new()
    {
        [2012] = (364_768, 15_937, 290_622),
        [2013] = (420_789, 11_996, 229_698),
        [2014] = (486_651, 11_626, 181_719),
        // Plausible, not pinned: Border Patrol's FY2015 nationwide apprehensions as CBP released them, ICE's at its FY2015 magnitude.
        [2015] = (337_117, 9_000, 116_000),
    };

    // ---- Pinned: Yearbook Table 33 totals FY2004-2011. Plausible split: Border Patrol apprehensions as CBP published
    // them for those years, and HSI's share of the ICE remainder falling as ERO's programs (CAP, 287(g)) grew.
    static readonly Dictionary<int, (long Total, long Usbp, double HsiShareOfIce)> Table33 = new()
    {
        [2004] = (1_264_232, 1_160_395, 0.35),
        [2005] = (1_291_065, 1_189_075, 0.35),
        [2006] = (1_206_412, 1_089_092, 0.30),
        [2007] = (960_772, 876_704, 0.25),
        [2008] = (1_043_799, 723_825, 0.10),
        [2009] = (889_203, 556_041, 0.07),
        [2010] = (796_587, 463_382, 0.06),
        [2011] = (678_606, 340_252, 0.05),
    };

    /// <summary>Apprehensions by program (CBP-USBP, ICE-HSI, ICE-ERO) at scale 1.0.</summary>
    public static (long Usbp, long Hsi, long Ero) Apprehensions(int fy)
    {
        if (Table35.TryGetValue(fy, out var t)) return t;
        var (total, usbp, hsiShare) = Table33[fy];
        var ice = total - usbp;
        var hsi = (long)Math.Round(ice * hsiShare, MidpointRounding.AwayFromZero);
        return (usbp, hsi, ice - hsi);
    }

    /// <summary>Border Patrol sectors in DimOffice order of the generator.</summary>
    public static readonly string[] Sectors =
        ["USBP-BBT", "USBP-DRT", "USBP-ECT", "USBP-EPT", "USBP-LRT", "USBP-RGV", "USBP-SDC", "USBP-TCA", "USBP-YUM",
         "USBP-BLW", "USBP-BUN", "USBP-DTM", "USBP-GFN", "USBP-HVM", "USBP-HTM", "USBP-MIP", "USBP-NOL", "USBP-RMY", "USBP-SPW", "USBP-SWB"];

    // Pinned: FY2013 southwest sectors (subtotal 414,397). Plausible: the 11 other sectors' split of their pinned 6,392.
    static readonly double[] Sectors2013 =
        [3_684, 23_510, 16_306, 11_154, 50_749, 154_453, 27_496, 120_939, 6_106,
         420, 470, 1_050, 530, 430, 110, 1_480, 980, 190, 380, 352];

    /// <summary>Sector weights: FY2013 exactly; other years FY2013's pattern with Rio Grande Valley's growth and Tucson's decline.</summary>
    public static double[] SectorWeights(int fy)
    {
        var w = (double[])Sectors2013.Clone();
        var (rgv, tca) = fy switch
        {
            2013 => (1.0, 1.0),
            2014 => (1.65, 0.72),
            2012 => (0.65, 1.0),
            2015 => (0.95, 0.52), // plausible: both sectors fell in FY2015
            _ => (0.35, 2.6),
        };
        w[5] *= rgv;
        w[7] *= tca;
        return w;
    }

    // ---- Pinned: Yearbook Table 39 removals / returns, FY2004-2014 (FY2015 plausible).
    public static readonly Dictionary<int, (long Removals, long Returns)> Table39 = new()
    {
        [2004] = (240_665, 1_166_576), [2005] = (246_431, 1_096_920), [2006] = (280_974, 1_043_381), [2007] = (319_382, 891_390),
        [2008] = (359_795, 811_263), [2009] = (391_597, 582_624), [2010] = (382_265, 474_233), [2011] = (387_134, 322_124),
        [2012] = (418_397, 230_386), [2013] = (438_421, 178_371), [2014] = (414_481, 162_814),
        [2015] = (333_341, 129_122), // plausible (Yearbook 2015 magnitude), not pinned: DESIGN §9 stops at FY2014
    };

    /// <summary>Pinned for FY2013 (198,394 criminal removals); other years plausible shares of removals with a prior conviction.</summary>
    public static long CriminalRemovals(int fy, double scale) => fy == 2013
        ? Scale(198_394, scale)
        : (long)Math.Round(Scale(Table39[fy].Removals, scale) * fy switch
        {
            2004 => 0.38, 2005 => 0.37, 2006 => 0.35, 2007 => 0.32, 2008 => 0.29, 2009 => 0.34, 2010 => 0.44, 2011 => 0.49, 2012 => 0.48, _ => 0.42,
        }, MidpointRounding.AwayFromZero);

    /// <summary>Plausible: returns are rarely of persons with convictions.</summary>
    public const double CriminalReturnShare = 0.06;
    /// <summary>Plausible removal mix (expedited removal and reinstatement dominate) and return mix.</summary>
    public static readonly double[] RemovalTypeWeights = [0.38, 0.33, 0.04, 0.23, 0.02]; // ER, REINST, ADMDPT, JUDICIAL, VWP
    public static readonly double[] ReturnTypeWeights = [0.93, 0.07];                   // VR, WD

    // ---- Plausible, published magnitudes: ICE initial book-ins and OFO inadmissibles per FY.
    public static readonly Dictionary<int, long> BookIns = new()
    {
        [2004] = 235_247, [2005] = 237_667, [2006] = 256_842, [2007] = 311_213, [2008] = 378_582, [2009] = 383_524,
        [2010] = 363_064, [2011] = 429_247, [2012] = 477_523, [2013] = 440_557, [2014] = 425_728, [2015] = 307_342,
    };
    public static readonly Dictionary<int, long> Inadmissibles = new()
    {
        [2004] = 215_637, [2005] = 213_245, [2006] = 199_690, [2007] = 211_963, [2008] = 222_906, [2009] = 224_783,
        [2010] = 231_235, [2011] = 212_234, [2012] = 194_356, [2013] = 204_108, [2014] = 223_712, [2015] = 253_509,
    };

    // ---- PD decisions. Pinned: ERO REL / NOT-PRIORITY in FY2014 = 12,757; USBP DACA-eligible releases 650 over
    // 2012-06-15..2014-09-30. Plausible: the yearly volumes and action × basis mixes (ERO releases dominate; OPLA mostly
    // closes or dismisses cases; Border Patrol releases on humanitarian grounds or as not a priority).
    public static readonly Dictionary<int, long> EroDecisions = new() { [2012] = 18_000, [2013] = 22_000, [2014] = 26_000, [2015] = 24_000 };
    public static readonly Dictionary<int, long> OplaDispositions = new() { [2012] = 30_000, [2013] = 26_000, [2014] = 24_000, [2015] = 28_000 };
    public static readonly Dictionary<int, long> UsbpReleases = new() { [2012] = 1_500, [2013] = 2_000, [2014] = 2_500, [2015] = 2_000 };
    public const long PinnedEroRelNotPriority2014 = 12_757;
    public const long PinnedUsbpDacaEligible = 650;
    /// <summary>Plausible split of the 650 by fiscal year (FY2012 covers only 15 June - 30 September 2012).</summary>
    public static readonly double[] UsbpDacaEligibleByYear = [120, 280, 250];
    /// <summary>Plausible: Border Patrol's DACA-eligible releases in FY2015, after the pinned 650.</summary>
    public const long UsbpDacaEligible2015 = 200;

    public static readonly string[] EroActions = ["REL", "NTA-NOT-ISSUED", "NTA-CANCEL", "STAY", "DEFERRED"];
    public static readonly double[] EroActionWeights = [0.55, 0.25, 0.08, 0.07, 0.05];
    public static readonly string[] OplaActions = ["DISMISS", "ADMIN-CLOSE", "TERMINATE", "STAY", "NTA-CANCEL"];
    public static readonly double[] OplaActionWeights = [0.38, 0.45, 0.10, 0.04, 0.03];
    public static readonly string[] Bases =
        ["NOT-PRIORITY", "DACA-ELIGIBLE", "HUMANITARIAN", "VICTIM-WITNESS", "NO-TRAVEL-DOCS", "ADJ-APPROVABLE", "MILITARY", "FAMILY-TIES", "OTHER", "NOT-RECORDED"];
    public static readonly double[] EroBasisWeights = [0.50, 0.06, 0.15, 0.04, 0.05, 0.03, 0.01, 0.10, 0.03, 0.03];
    public static readonly double[] OplaBasisWeights = [0.45, 0.06, 0.12, 0.05, 0.01, 0.10, 0.02, 0.15, 0.02, 0.02];
    /// <summary>USBP releases: only the bases Border Patrol records (others zero).</summary>
    public static readonly double[] UsbpBasisWeights = [0.40, 0, 0.35, 0, 0.10, 0, 0, 0, 0.10, 0.05];
    /// <summary>Plausible share of ERO decisions recorded twice, at ARREST and again at DETENTION (records, so half as many pairs).</summary>
    public const double TwoStageShare = 0.08;

    // ---- Pinned: DACA I-821D (revised release) per FY.
    public static readonly Dictionary<int, (long Accepted, long Approved, long Denied)> Daca = new()
    {
        [2012] = (152_430, 1_684, 0),
        [2013] = (427_612, 470_596, 11_019),
        [2014] = (238_898, 158_154, 21_069),
    };
    public const long DacaInitial2014 = 122_474;
    public const long DacaRenewal2014 = 116_424;

    public static long Scale(long figure, double scale) => (long)Math.Round(figure * scale, MidpointRounding.AwayFromZero);

    // ---- Plausible office mixes.
    public static readonly (string Code, double Weight)[] EroAors =
    [
        ("HOU", 0.09), ("SNA", 0.08), ("LOS", 0.08), ("DAL", 0.07), ("PHO", 0.07), ("ATL", 0.07), ("SND", 0.05), ("CHI", 0.05), ("MIA", 0.05),
        ("NOL", 0.05), ("ELP", 0.04), ("SFR", 0.04), ("NYC", 0.035), ("NEW", 0.03), ("SEA", 0.03), ("DEN", 0.025), ("SLC", 0.025), ("WAS", 0.025),
        ("BAL", 0.015), ("BOS", 0.015), ("DET", 0.015), ("PHI", 0.015), ("SPM", 0.015), ("BUF", 0.01),
    ];
    /// <summary>Harlingen and headquarters appear in ERO's later releases only (FY2014 here).</summary>
    public static readonly (string Code, double Weight)[] EroAorsFrom2014 = [("HAL", 0.02), ("HQ", 0.003)];

    public static readonly (string Code, double Weight, string[] Ports)[] OfoFieldOffices =
    [
        ("OFO-SDO", 0.17, ["2504", "2506", "2507"]), ("OFO-LAR", 0.12, ["2304", "2309"]), ("OFO-ELP", 0.08, ["2402"]), ("OFO-TUC", 0.06, ["2604", "2608"]),
        ("OFO-MIA", 0.10, ["5201"]), ("OFO-NYC", 0.08, ["4701", "1001"]), ("OFO-LAX", 0.07, ["2704", "2720"]), ("OFO-HOU", 0.05, ["5301"]),
        ("OFO-SFO", 0.04, ["2809"]), ("OFO-SEA", 0.04, ["3029"]), ("OFO-BUF", 0.04, ["0901"]), ("OFO-DET", 0.04, ["3801"]), ("OFO-ATL", 0.03, ["1704"]),
        ("OFO-CHI", 0.03, ["3901"]), ("OFO-BOS", 0.02, ["0401"]), ("OFO-BAL", 0.01, ["1303"]), ("OFO-NOL", 0.01, ["2002"]), ("OFO-POR", 0.01, ["2904"]),
        ("OFO-SJU", 0.02, ["4909"]), ("OFO-TPA", 0.02, ["1801"]),
    ];
    public static readonly double[] OfoDispositionWeights = [0.30, 0.45, 0.08, 0.10, 0.04, 0.03]; // ER, WD, NTA, PAROLE, VWP, OTHER

    public static readonly (string Code, string ReceiptPrefix, double Weight)[] ServiceCenters =
        [("USCIS-CSC", "WAC", 0.25), ("USCIS-NSC", "LIN", 0.30), ("USCIS-TSC", "SRC", 0.25), ("USCIS-VSC", "EAC", 0.20)];

    public static readonly double[] ArrestMethodWeights = [0.30, 0.12, 0.08, 0.10, 0.15, 0.08, 0.07, 0.02, 0.05, 0.03];

    // ---- Plausible countries of citizenship by population (Yearbook magnitudes); every other reference country
    // shares the tail weight equally.
    public static readonly (string Code, double Weight)[] BorderCountries =
    [
        ("MX", 0.60), ("GT", 0.12), ("HN", 0.10), ("SV", 0.07), ("EC", 0.012), ("DO", 0.012), ("CN", 0.010), ("IN", 0.010), ("CU", 0.008),
        ("NI", 0.006), ("CO", 0.006), ("BR", 0.005), ("JM", 0.005), ("HT", 0.005), ("PE", 0.004), ("VN", 0.003), ("PH", 0.003),
    ];
    public const double BorderTail = 0.02;
    public static readonly (string Code, double Weight)[] PortCountries =
    [
        ("MX", 0.35), ("CU", 0.06), ("CN", 0.05), ("CA", 0.05), ("IN", 0.04), ("PH", 0.04), ("GT", 0.03), ("HN", 0.03), ("DO", 0.03), ("HT", 0.03),
        ("CO", 0.03), ("SV", 0.02), ("GB", 0.02), ("BR", 0.02), ("JM", 0.02), ("VE", 0.015), ("NG", 0.01),
    ];
    public const double PortTail = 0.20;
    public static readonly (string Code, double Weight)[] DacaCountries =
    [
        ("MX", 0.77), ("SV", 0.037), ("GT", 0.025), ("HN", 0.024), ("PE", 0.013), ("KR", 0.011), ("BR", 0.009), ("EC", 0.009), ("CO", 0.009),
        ("AR", 0.007), ("PH", 0.006), ("JM", 0.005), ("VE", 0.005), ("DO", 0.005), ("UY", 0.004), ("TT", 0.004), ("GY", 0.003), ("CL", 0.003), ("IN", 0.003),
    ];
    public const double DacaTail = 0.03;
}
