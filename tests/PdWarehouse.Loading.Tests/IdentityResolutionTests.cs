using static PdWarehouse.Loading.Tests.DeliveryBuilder;

namespace PdWarehouse.Loading.Tests;

[Collection(LoadingCollection.Name)]
public sealed class IdentityResolutionTests(LoadingFixture fixture)
{
    private string Deliveries => Directory.CreateDirectory(Path.Combine(fixture.Root, Guid.NewGuid().ToString("N"))).FullName;

    [Fact]
    public void A_number_forms_and_name_spellings_of_one_person_resolve_to_one_person()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns",
        [
            Removal("R1", "2014-01-05", aNumber: "A012345678", family: "Hernández", given: "José"),
            Removal("R2", "2014-02-05", aNumber: "12345678"),
            Removal("R3", "2014-03-05", aNumber: "A-012-345-678"),
            Removal("R4", "2014-04-05", family: "HERNANDEZ", given: "jose"),          // no identifier but name, birth date and country
            Removal("R5", "2014-04-05", aNumber: "A000000001", family: "Other", given: "Person"),
        ]));

        Assert.Equal(2, WarehouseSnapshot.Count(db, "SELECT COUNT(DISTINCT PersonKey) FROM dw.FactEnforcementAction"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction WHERE PersonKey = 0"));
    }

    [Fact]
    public void Persons_first_seen_apart_are_merged_when_a_later_batch_links_them()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R1", "2014-01-05", fin: "1234567890", family: "A", given: "B")]));
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R2", "2014-02-05", aNumber: "A5", family: "C", given: "D")]));
        Assert.Equal(2, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimPerson WHERE PersonKey <> 0"));

        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions", [EroDecision("D1", "2014-03-05", aNumber: "A5", fin: "1234567890")]));

        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(DISTINCT PersonHash) FROM dw.DimPerson WHERE PersonKey <> 0"));
        Assert.Equal(1, WarehouseSnapshot.Count(db,
            "SELECT COUNT(DISTINCT p.PersonHash) FROM (SELECT PersonKey FROM dw.FactEnforcementAction UNION ALL SELECT PersonKey FROM dw.FactDiscretionDecision) f JOIN dw.DimPerson p USING (PersonKey)"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction f WHERE NOT EXISTS (SELECT 1 FROM dw.DimPerson p WHERE p.PersonKey = f.PersonKey)"));
    }

    /// <summary>
    /// A known person whose two identifiers are each linked, in one later batch, to a different other person: all three
    /// are one person, whichever hash is smallest. Repeated over ten triples so that every order of hashes occurs.
    /// </summary>
    [Fact]
    public void A_known_person_linked_to_two_others_through_different_identifiers_merges_all_three_once()
    {
        var db = fixture.NewWarehouse();
        var triples = Enumerable.Range(1, 10).ToList();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", triples.SelectMany(t => new[]
        {
            Removal($"P{t}", "2014-01-05", aNumber: $"A{t}00", fin: $"{t}000000001", family: $"Pname{(char)('a' + t)}", given: "Known"),
            Removal($"X{t}", "2014-01-06", aNumber: $"A{t}01", family: $"Xname{(char)('a' + t)}", given: "Other"),
            Removal($"Y{t}", "2014-01-07", fin: $"{t}000000002", family: $"Yname{(char)('a' + t)}", given: "Third"),
        })));
        Assert.Equal(30, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimPerson WHERE PersonKey <> 0"));

        // Each row carries one identifier of the known person and one of another person; no row carries both of P's.
        var result = fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions", triples.SelectMany(t => new[]
        {
            EroDecision($"D{t}a", "2014-03-05", aNumber: $"A{t}01", fin: $"{t}000000001", family: "", given: ""),
            EroDecision($"D{t}b", "2014-03-06", aNumber: $"A{t}00", fin: $"{t}000000002", family: "", given: ""),
        })));

        Assert.Equal("SUCCEEDED", result.Status);
        Assert.Equal(10, WarehouseSnapshot.Count(db, "SELECT COUNT(DISTINCT PersonHash) FROM dw.DimPerson WHERE PersonKey <> 0"));
        Assert.Equal(10, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimPerson WHERE PersonKey <> 0"));
        Assert.Equal(30, WarehouseSnapshot.Count(db, "SELECT COUNT(DISTINCT SourceRecordId) FROM dw.FactEnforcementAction"));
        Assert.Equal(30, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactEnforcementAction"));
        Assert.Equal(20, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.FactDiscretionDecision"));
        Assert.Equal(0, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM (SELECT LoserHash FROM etl.PersonMerge GROUP BY LoserHash HAVING COUNT(*) > 1)"));
    }

    [Fact]
    public void A_change_of_criminal_status_opens_a_new_person_version_and_facts_use_the_version_of_their_date()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R1", "2013-01-05", status: "NON-CRIMINAL", aNumber: "A7")], fiscalYear: "2013"));
        fixture.Load(db, Write(Deliveries, "ice-removals-returns", [Removal("R2", "2014-02-05", status: "CRIMINAL", aNumber: "A7")]));

        Assert.Equal(2, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimPerson WHERE PersonKey <> 0"));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimPerson WHERE IsCurrent AND CriminalStatus = 'CRIMINAL' AND ValidFrom = DATE '2014-02-05'"));
        Assert.Equal(1, WarehouseSnapshot.Count(db, "SELECT COUNT(*) FROM dw.DimPerson WHERE NOT IsCurrent AND CriminalStatus = 'NON-CRIMINAL' AND ValidTo = DATE '2014-02-05'"));
        Assert.Equal("NON-CRIMINAL", WarehouseSnapshot.Text(db, "SELECT p.CriminalStatus FROM dw.FactEnforcementAction f JOIN dw.DimPerson p USING (PersonKey) WHERE f.SourceRecordId = 'R1'"));
        Assert.Equal("CRIMINAL", WarehouseSnapshot.Text(db, "SELECT p.CriminalStatus FROM dw.FactEnforcementAction f JOIN dw.DimPerson p USING (PersonKey) WHERE f.SourceRecordId = 'R2'"));
    }

    [Fact]
    public void The_same_decision_at_a_later_stage_is_flagged_and_a_decision_after_180_days_is_a_new_one()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions",
        [
            EroDecision("D1", "2014-01-05", stage: "ARREST", aNumber: "A8"),
            EroDecision("D2", "2014-02-20", stage: "DETENTION", aNumber: "A8"),
            EroDecision("D3", "2014-08-01", stage: "ARREST", aNumber: "A8"),         // 208 days after D1: a new decision
            EroDecision("D4", "2014-02-20", basis: "HUMANITARIAN", aNumber: "A8"),   // another basis: another decision
        ]));

        Assert.Equal("D1:1:False,D2:2:True,D3:1:False,D4:1:False", WarehouseSnapshot.Text(db,
            "SELECT string_agg(SourceRecordId || ':' || PersonDecisionSequence || ':' || CASE WHEN IsRepeatAtLaterStage THEN 'True' ELSE 'False' END, ',' ORDER BY SourceRecordId) FROM dw.FactDiscretionDecision"));
    }

    [Fact]
    public void An_earlier_record_arriving_later_re_sequences_the_chain()
    {
        var db = fixture.NewWarehouse();
        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions", [EroDecision("D2", "2014-02-20", stage: "DETENTION", aNumber: "A9")]));
        fixture.Load(db, Write(Deliveries, "ice-opla-case-dispositions", []));
        fixture.Load(db, Write(Deliveries, "ice-ero-discretion-decisions", [EroDecision("D1", "2014-01-05", aNumber: "A9")]));

        Assert.Equal("D1:1,D2:2", WarehouseSnapshot.Text(db,
            "SELECT string_agg(SourceRecordId || ':' || PersonDecisionSequence, ',' ORDER BY SourceRecordId) FROM dw.FactDiscretionDecision"));
    }
}
