namespace PdWarehouse.Reports.Tests.Fixture;

/// <summary>
/// Every table of both reports for fiscal year 2014 at a minimum cell of 3, as CSV, worked out by hand
/// from the rows in <see cref="FixtureWarehouse"/>: first the counts, then primary suppression (1 and 2
/// withheld), then complementary suppression (in each row or column with a single withheld cell, the
/// smallest other non-zero cell, or the total when there is none), then what the disclosure audit adds where withheld
/// cells, read together and each at least 1, could still be narrowed to a range of less than 3. Those additions were
/// checked by hand too, e.g. apprehensions by region and country FY2014: 42 = D + 8 + D + 31 leaves Canada and Honduras
/// 3 between them, so each is 1 or 2, and Guatemala's 8 is withheld; PD decisions compared with the prior year FY2013:
/// 4 = D + 0 + D makes each 1 to 3, and the column has no other printed cell, so its total is withheld.
/// </summary>
public static class ExpectedTables
{
    private static readonly string[] Regions = ["Africa", "Asia", "Europe", "North America", "Oceania", "South America", "Unknown"];

    /// <summary>
    /// A nationality table as the Yearbook lays it out (issue 23): the hand-worked rows above, and, where they have none, a
    /// zero for every region and for every country of warehouse/reference/dw.DimCountry.csv (the list as shipped), the
    /// countries alphabetically, then "Other" and "Unknown". A column NA in the total is NA in every added row.
    /// </summary>
    private static string EveryCountry(string worked)
    {
        var rows = CsvTable.Parse(CsvTable.Lines(worked.TrimEnd()));
        var header = rows[0];
        var given = rows.Skip(1).ToDictionary(r => (r[2], r[0]), r => r);
        var total = given[("Total", "Total")];
        List<string> Zero(string label, string group, string kind) =>
            [label, group, kind, .. total.Skip(3).Select(v => v == "NA" ? "NA" : "0")];
        var countries = File.ReadLines(Path.Combine(PdWarehouse.Warehouse.WarehouseSources.Locate().ReferenceDirectory, "dw.DimCountry.csv")).Skip(1)
            .Select(l => CsvTable.Parse(l + "\r\n")[0]).Where(c => c[1] != "ZZ")
            .Select(c => (Name: c[3], Region: c[4])).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var lines = new List<List<string>> { header, total };
        lines.AddRange(Regions.Select(r => given.GetValueOrDefault(("Subtotal", r)) ?? Zero(r, r, "Subtotal")));
        lines.AddRange(countries.Select(c => given.GetValueOrDefault(("Detail", c.Name)) ?? Zero(c.Name, c.Region, "Detail")));
        lines.Add(given.GetValueOrDefault(("Detail", "Other")) ?? Zero("Other", "Unknown", "Detail"));
        lines.Add(given.GetValueOrDefault(("Detail", "Unknown")) ?? Zero("Unknown", "Unknown", "Detail"));
        if (lines.Count(l => given.Values.Contains(l)) != given.Count)
            throw new InvalidOperationException("a hand-worked row names no region or country of the reference list");
        return string.Join("\n", lines.Select(l => string.Join(",", l.Select(v => v.Contains(',', StringComparison.Ordinal) ? $"\"{v}\"" : v))));
    }

    public static readonly IReadOnlyDictionary<string, string> Csv = new Dictionary<string, string>
    {
        // FY2004-FY2011 (before the fixture's first apprehension deliveries, FY2012): the 2014 Yearbook's Table 33 (DESIGN.md
        // section 9); FY2012 to FY2014 the fixture's apprehensions, as Table 35A's totals below.
        ["aliens-apprehended-by-fiscal-year"] = """
            Fiscal year,Group,Row type,Number
            2004,,Detail,1264232
            2005,,Detail,1291065
            2006,,Detail,1206412
            2007,,Detail,960772
            2008,,Detail,1043799
            2009,,Detail,889203
            2010,,Detail,796587
            2011,,Detail,678606
            2012,,Detail,6
            2013,,Detail,15
            2014,,Detail,42
            """,
        // BP FY2014 12+5+7+1+4=29, HSI 2, ERO 6+2+3=11; FY2013 11/0/4; FY2012 5/0/1.
        ["apprehensions-by-program"] = """
            Program,Group,Row type,2012,2013,2014
            Total,,Total,6,15,42
            CBP Border Patrol,,Detail,D,11,29
            ICE Homeland Security Investigations,,Detail,0,0,D
            ICE Enforcement and Removal Operations,,Detail,D,4,D
            """,
        ["apprehensions-by-border-patrol-sector"] = """
            Region and sector,Group,Row type,2012,2013,2014
            Total,,Total,5,11,29
            Southwest border,Southwest border,Subtotal,5,11,D
            <script>alert('pdw')</script> Sector,Southwest border,Detail,0,0,D
            Rio Grande Valley Sector,Southwest border,Detail,5,D,17
            Tucson Sector,Southwest border,Detail,0,D,7
            Northern border,Northern border,Subtotal,0,0,D
            Blaine Sector,Northern border,Detail,0,0,D
            """,
        ["apprehensions-by-ero-area-of-responsibility"] = """
            Area of responsibility,Group,Row type,2012,2013,2014
            Total,,Total,D,4,11
            Atlanta Field Office,,Detail,0,4,8
            Chicago Field Office,,Detail,D,0,3
            """,
        ["apprehensions-by-region-and-country"] = EveryCountry("""
            Region and country of nationality,Group,Row type,2012,2013,2014
            Total,,Total,6,15,42
            North America,North America,Subtotal,6,15,42
            Canada,North America,Detail,0,0,D
            Guatemala,North America,Detail,0,D,D
            Honduras,North America,Detail,D,0,D
            Mexico,North America,Detail,D,D,31
            """),
        // No Office of Field Operations delivery was loaded for FY2012: its column is NA, not zero.
        ["inadmissibles-by-field-office"] = """
            Field office,Group,Row type,2012,2013,2014
            Total,,Total,NA,5,13
            Laredo Field Office,,Detail,NA,5,9
            Miami Field Office,,Detail,NA,0,4
            """,
        ["inadmissibles-by-region-and-country"] = EveryCountry("""
            Region and country of nationality,Group,Row type,2012,2013,2014
            Total,,Total,NA,5,13
            Asia,Asia,Subtotal,NA,0,5
            North America,North America,Subtotal,NA,5,8
            "China, People's Republic",Asia,Detail,NA,0,5
            Mexico,North America,Detail,NA,5,8
            """),
        // FY2004-FY2011 (before the fixture's first removals delivery, FY2012): the 2014 Yearbook's Table 39 (DESIGN.md section 9).
        ["removals-and-returns-by-fiscal-year"] = """
            Fiscal year,Group,Row type,Removals,Returns
            2004,,Detail,240665,1166576
            2005,,Detail,246431,1096920
            2006,,Detail,280974,1043381
            2007,,Detail,319382,891390
            2008,,Detail,359795,811263
            2009,,Detail,391597,582624
            2010,,Detail,382265,474233
            2011,,Detail,387134,322124
            2012,,Detail,4,0
            2013,,Detail,5,D
            2014,,Detail,16,10
            """,
        ["returns-by-region-and-country"] = EveryCountry("""
            Region and country of nationality,Group,Row type,2012,2013,2014
            Total,,Total,0,D,10
            North America,North America,Subtotal,0,D,10
            Canada,North America,Detail,0,0,3
            Mexico,North America,Detail,0,D,7
            """),
        ["removals-by-criminal-status-region-and-country"] = EveryCountry("""
            Region and country of nationality,Group,Row type,Total,Criminal,Non-criminal,Unknown
            Total,,Total,16,8,D,D
            Asia,Asia,Subtotal,D,0,0,D
            North America,North America,Subtotal,D,8,D,0
            "China, People's Republic",Asia,Detail,D,0,0,D
            Guatemala,North America,Detail,D,D,D,0
            Mexico,North America,Detail,10,D,D,0
            """),
        // PD FY2014: ten decisions (D5 and D12 repeat D4 and D2 at later stages).
        ["pd-decisions-by-component-and-action"] = """
            Action,Group,Row type,Total,ICE ERO,ICE OPLA,CBP USBP
            Total,,Total,10,D,D,D
            Notice to appear cancelled,,Detail,D,0,D,0
            Notice to appear not issued,,Detail,D,D,0,0
            Released from custody without a charging document,,Detail,D,D,0,D
            Removal case dismissed,,Detail,D,0,D,0
            """,
        ["pd-decisions-by-basis"] = """
            Basis of the decision,Group,Row type,Total,ICE ERO,ICE OPLA,CBP USBP
            Total,,Total,10,5,D,D
            Appears eligible for Deferred Action for Childhood Arrivals,,Detail,D,0,0,D
            "Humanitarian factor (serious illness, age, primary caregiver, nursing mother)",,Detail,D,D,0,0
            Not an enforcement priority,,Detail,D,D,D,0
            """,
        ["pd-decisions-by-office"] = """
            Component and office,Group,Row type,Total,Not placed in removal process,Taken out of removal process,Unknown
            Total,,Total,10,D,D,0
            Enforcement and Removal Operations,Enforcement and Removal Operations,Subtotal,5,5,0,0
            Atlanta Field Office,Enforcement and Removal Operations,Detail,D,D,0,0
            Chicago Field Office,Enforcement and Removal Operations,Detail,D,D,0,0
            Office of the Principal Legal Advisor,Office of the Principal Legal Advisor,Subtotal,D,0,D,0
            Atlanta Office of the Chief Counsel,Office of the Principal Legal Advisor,Detail,D,0,D,0
            U.S. Border Patrol,U.S. Border Patrol,Subtotal,D,D,0,0
            Rio Grande Valley Sector,U.S. Border Patrol,Detail,D,D,0,0
            """,
        ["pd-decisions-by-enforcement-priority"] = """
            Framework and priority,Group,Row type,Total,ICE ERO,ICE OPLA,CBP USBP
            Total,,Total,10,D,D,D
            ICE 2011 civil enforcement priorities,ICE 2011 civil enforcement priorities,Subtotal,10,D,D,D
            Not a priority,ICE 2011 civil enforcement priorities,Detail,D,D,D,D
            Priority 2,ICE 2011 civil enforcement priorities,Detail,D,0,0,D
            """,
        ["pd-decisions-by-region-and-country"] = EveryCountry("""
            Region and country of citizenship,Group,Row type,Total,ICE ERO,ICE OPLA,CBP USBP
            Total,,Total,10,D,D,D
            Asia,Asia,Subtotal,D,0,D,0
            North America,North America,Subtotal,D,D,D,D
            "China, People's Republic",Asia,Detail,D,0,D,0
            Guatemala,North America,Detail,D,D,0,D
            Mexico,North America,Detail,D,D,D,D
            """),
        // Persons: ERO P1-P4 (D11 has no resolved person), OPLA P1 and P8, USBP P5-P7; eight distinct.
        ["pd-decisions-and-distinct-persons"] = """
            Component,Group,Row type,Records,Decisions,Distinct persons
            Total,,Total,12,10,8
            ICE ERO,,Detail,7,5,4
            ICE OPLA,,Detail,D,D,D
            CBP USBP,,Detail,D,D,3
            """,
        // Later: P1 apprehended 1 Aug 2014 (after D1 and D9), P5 on 10 Sep 2014, P3 convicted from 1 Jun 2014;
        // P2's apprehension preceded the decision and P7's fell on the decision day.
        ["pd-recipients-later-arrested-or-convicted"] = """
            Component of the decision,Group,Row type,Persons with a PD decision,Later apprehended or arrested,Later convicted,"Later apprehended, arrested or convicted"
            Total,,Total,8,D,D,3
            ICE ERO,,Detail,4,D,D,D
            ICE OPLA,,Detail,D,D,0,D
            CBP USBP,,Detail,3,D,0,D
            """,
        ["daca-requests-by-status-and-referral-source"] = """
            Latest status,Group,Row type,Total,Referred by CBP,Referred by ICE,Self-initiated
            Total,,Total,10,D,D,D
            Accepted,,Detail,D,D,0,0
            Approved,,Detail,D,D,0,D
            Denied,,Detail,D,0,D,D
            Rejected,,Detail,D,0,0,D
            """,
        // Annual-report tables.
        ["apprehensions-leading-countries"] = """
            Country of nationality,Group,Row type,2013,2014
            Total,,Total,15,42
            Mexico,,Detail,D,31
            Guatemala,,Detail,D,D
            Honduras,,Detail,0,D
            Canada,,Detail,0,D
            """,
        ["inadmissibles-leading-countries"] = """
            Country of nationality,Group,Row type,2013,2014
            Total,,Total,5,13
            Mexico,,Detail,5,8
            "China, People's Republic",,Detail,0,5
            """,
        ["detentions-by-area-of-responsibility"] = """
            Area of responsibility,Group,Row type,2013,2014
            Total,,Total,3,7
            Atlanta Field Office,,Detail,3,D
            Chicago Field Office,,Detail,0,D
            """,
        ["detentions-leading-countries"] = """
            Country of nationality,Group,Row type,2013,2014
            Total,,Total,3,7
            Mexico,,Detail,3,D
            Guatemala,,Detail,0,D
            """,
        ["removals-by-criminal-status-leading-countries"] = """
            Country of nationality,Group,Row type,Total,Criminal,Non-criminal,Unknown
            Total,,Total,16,8,D,D
            Mexico,,Detail,10,D,D,0
            Guatemala,,Detail,D,D,D,0
            "China, People's Republic",,Detail,D,0,0,D
            """,
        ["returns-leading-countries"] = """
            Country of nationality,Group,Row type,2013,2014
            Total,,Total,D,10
            Mexico,,Detail,D,7
            Canada,,Detail,0,3
            """,
        ["pd-decisions-by-quarter"] = """
            Fiscal quarter,Group,Row type,Total,ICE ERO,ICE OPLA,CBP USBP
            Total,,Total,10,D,D,D
            Quarter 1,,Detail,D,D,0,0
            Quarter 2,,Detail,D,D,0,0
            Quarter 3,,Detail,D,0,0,D
            Quarter 4,,Detail,D,D,D,0
            """,
        ["pd-decisions-by-policy"] = """
            Policy,Group,Row type,Total,ICE ERO,ICE OPLA,CBP USBP
            Total,,Total,10,5,D,D
            "Exercising Prosecutorial Discretion Consistent with the Civil Immigration Enforcement Priorities of the Agency for the Apprehension, Detention and Removal of Aliens",,Detail,D,D,D,0
            Exercising Prosecutorial Discretion with Respect to Individuals Who Came to the United States as Children,,Detail,D,0,0,D
            Prosecutorial and Custody Discretion,,Detail,D,D,0,0
            """,
        ["pd-decisions-and-apprehensions-by-office"] = """
            Office,Group,Row type,Apprehensions or arrests,PD decisions
            Total,,Total,40,8
            Border Patrol sector,Border Patrol sector,Subtotal,29,3
            <script>alert('pdw')</script> Sector,Border Patrol sector,Detail,D,0
            Blaine Sector,Border Patrol sector,Detail,D,0
            Rio Grande Valley Sector,Border Patrol sector,Detail,17,3
            Tucson Sector,Border Patrol sector,Detail,7,0
            ERO area of responsibility,ERO area of responsibility,Subtotal,11,5
            Atlanta Field Office,ERO area of responsibility,Detail,8,D
            Chicago Field Office,ERO area of responsibility,Detail,3,D
            """,
        ["pd-decisions-compared-with-prior-year"] = """
            Component,Group,Row type,2013,2014
            Total,,Total,D,10
            ICE ERO,,Detail,D,5
            ICE OPLA,,Detail,0,D
            CBP USBP,,Detail,D,D
            """,
        ["daca-referral-outcomes"] = """
            Referral source,Group,Row type,Total,Pending,Accepted,Approved,Denied,Rejected
            Total,,Total,10,0,D,D,D,D
            Referred by CBP,,Detail,D,0,D,D,0,0
            Referred by ICE,,Detail,D,0,0,0,D,0
            Self-initiated,,Detail,D,0,0,D,D,D
            """,
        // Data quality: deliveries 1 and 2 cover FY2014; delivery 3 (FY2013) is left out. Not suppressed.
        ["dq-completeness-by-feed"] = """
            Feed,Group,Row type,Rows read,Rows staged,Rows rejected,Rows inserted,Rows updated
            Total,,Total,54,51,3,50,1
            ERO-PD,,Detail,14,12,2,12,0
            USBP-APPREHENSION,,Detail,40,39,1,38,1
            cbp-ofo-inadmissibles,,Detail,0,0,0,0,0
            cbp-usbp-apprehensions,,Detail,0,0,0,0,0
            ice-arrests,,Detail,0,0,0,0,0
            ice-ero-detention-bookins,,Detail,0,0,0,0,0
            ice-removals-returns,,Detail,0,0,0,0,0
            """,
        ["dq-reconciliation-with-control-totals"] = """
            Feed and measure,Group,Row type,Reported by component,Loaded,Difference
            ERO-PD: PD releases in period,,Detail,13,12,-1
            USBP-APPREHENSION: Apprehensions in period,,Detail,39,39,0
            """,
        ["dq-rejects-by-reason"] = """
            Feed and reason,Group,Row type,Rows rejected
            Total,,Total,3
            ERO-PD,ERO-PD,Subtotal,2
            INVALID-DATE,ERO-PD,Detail,1
            MISSING-REQUIRED,ERO-PD,Detail,1
            USBP-APPREHENSION,USBP-APPREHENSION,Subtotal,1
            UNKNOWN-CODE,USBP-APPREHENSION,Detail,1
            """,
        // The fixture's countries are all in the reference list: the table has its total only.
        ["dq-country-codes-not-in-the-reference-list"] = """
            Country code,Group,Row type,Total,Enforcement actions,PD decision records,DACA requests
            Total,,Total,0,0,0,0
            """,
        ["dq-data-tests"] = """
            Test type and severity,Group,Row type,Tests run,Tests failed,Failing rows
            Total,,Total,4,1,1
            NOT-NULL (ERROR),,Detail,1,0,0
            RELATIONSHIP (WARN),,Detail,1,1,1
            UNIQUE (ERROR),,Detail,2,0,0
            """,
        // Records per person: P1 (D1, D9), P2 (D2, D12) and P4 (D4, D5) have two; P3, P5-P8 one.
        ["pd-records-per-person"] = """
            Records per person,Group,Row type,Persons,Records
            Total,,Total,8,11
            1 record,,Detail,5,5
            2 records,,Detail,3,6
            """,
    };
}
