using System.Text.Json.Nodes;
using Json.Schema;
using static PdWarehouse.Monitoring.Tests.GoalsText;

namespace PdWarehouse.Monitoring.Tests;

/// <summary>
/// Policy staff edit monitoring/goals.yaml by hand: a valid file passes, and each mistake the issue names is refused with
/// the line and field it is on. Expected lines are found in the edited text by the test, not taken from the validator.
/// </summary>
public sealed class WhenPolicyStaffWriteGoals
{
    private static GoalsProblem Single(string text)
    {
        var validation = new GoalsValidator().Validate(text);
        Assert.False(validation.IsValid);
        Assert.Null(validation.Goals);
        return Assert.Single(validation.Problems);
    }

    [Fact]
    public void The_shipped_goals_file_is_valid_and_holds_the_five_indicators_of_the_issue()
    {
        var validation = new GoalsValidator().Validate(Shipped);
        Assert.True(validation.IsValid, string.Join("\n", validation.Problems.Select(p => p.Format("goals.yaml"))));
        var goals = validation.Goals!;
        Assert.Equal(
            ["ice-removals-top-priority", "pd-basis-recorded", "pd-recipients-convicted-12m", "daca-referral-decision-days", "no-travel-docs-releases-per-1000-removals"],
            goals.Indicators.Select(i => i.Id));
        Assert.Equal(["share", "share", "share", "median-days", "rate"], goals.Indicators.Select(i => i.Measure.Kind));
        var rate = goals.Indicators[4];
        Assert.Equal(("pd-decisions", "enforcement-actions", 1000), (rate.Measure.Numerator!.Population, rate.Measure.Denominator.Population, rate.Measure.Per));
        Assert.Equal(["NO-TRAVEL-DOCS"], rate.Measure.Numerator.Where["basis"]);
        var median = goals.Indicators[3];
        Assert.Equal(("receipt", "decision"), (median.Measure.FromEvent, median.Measure.ToEvent));
        Assert.Equal(["CBP", "ICE"], median.Measure.Denominator.Where["referral-source"]);
        // The indicator's line is where its list item starts: what the warehouse keeps as SourceLine.
        Assert.Equal(LineOf(Shipped, "- id: ice-removals-top-priority"), goals.Indicators[0].Line);
    }

    [Fact]
    public void The_shipped_file_also_passes_the_published_schema_read_by_itself()
    {
        // What another tool would do with monitoring/goals.schema.json: the schema is a usable contract on its own.
        // A registry of its own, as the validator uses: the global one refuses a second schema with the same $id.
        var schema = JsonSchema.FromText(GoalsValidator.SchemaText, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var yaml = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<object>(Shipped);
        var json = JsonNode.Parse(new YamlDotNet.Serialization.SerializerBuilder().JsonCompatible().Build().Serialize(yaml))!;
        // The JSON-compatible serializer quotes every scalar; numbers are turned back so the instance is what YAML meant.
        foreach (var indicator in json["indicators"]!.AsArray())
        {
            indicator!["target"] = decimal.Parse(indicator["target"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            if (indicator["tolerance"] is JsonObject t)
                foreach (var edge in new[] { "low", "high" }) t[edge] = decimal.Parse(t[edge]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            if (indicator["measure"]!["per"] is { } per) indicator["measure"]!["per"] = int.Parse(per.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
            if (indicator["measure"]!["numerator"] is JsonObject n && n["priority-level"] is JsonArray levels)
                n["priority-level"] = new JsonArray(levels.Select(l => (JsonNode?)int.Parse(l!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        }
        Assert.True(schema.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(json)).IsValid);
    }

    [Fact]
    public void An_unknown_field_is_refused_at_its_line()
    {
        var text = Edit(Shipped, "    target: 0.95\n", "    target: 0.95\n    colour: blue\n");
        var p = Single(text);
        Assert.Equal((LineOf(text, "colour: blue"), "indicators[1].colour"), (p.Line, p.Field));
        Assert.Contains("unknown field 'colour'", p.Message);
    }

    [Fact]
    public void An_unknown_field_inside_a_measure_kind_is_refused_at_its_line()
    {
        // "per" belongs to a rate; a median does not take it.
        var text = Edit(Shipped, "      to: decision\n", "      to: decision\n      per: 1000\n");
        var p = Single(text);
        Assert.Equal((LineOf(text, "      per: 1000"), "indicators[3].measure.per"), (p.Line, p.Field));
        Assert.Contains("unknown field 'per'", p.Message);
    }

    [Fact]
    public void An_unknown_filter_field_is_refused_with_the_fields_the_population_has()
    {
        var text = Edit(Shipped, "numerator: { basis-recorded: [yes] }", "numerator: { basis-recorded: [yes], colour: [red] }");
        var p = Single(text);
        Assert.Equal((LineOf(text, "colour: [red]"), "indicators[1].measure.numerator.colour"), (p.Line, p.Field));
        Assert.Contains("population pd-decisions has no field 'colour'", p.Message);
        Assert.Contains("basis-recorded", p.Message);
    }

    [Fact]
    public void A_value_a_field_cannot_take_is_refused()
    {
        var text = Edit(Shipped, "basis: [NO-TRAVEL-DOCS]", "basis: [NO-TRAVEL-DOC]");
        var p = Single(text);
        Assert.Equal((LineOf(text, "NO-TRAVEL-DOC]"), "indicators[4].measure.numerator.where.basis[0]"), (p.Line, p.Field));
        Assert.Contains("'NO-TRAVEL-DOC' is not a value of basis", p.Message);
    }

    [Fact]
    public void An_unknown_policy_code_is_refused_at_its_line()
    {
        var text = Edit(Shipped, "policy: DHS-2012-06-15-DACA", "policy: DHS-2099-01-01-XX");
        var p = Single(text);
        Assert.Equal((LineOf(text, "DHS-2099-01-01-XX"), "indicators[3].policy"), (p.Line, p.Field));
        Assert.Contains("unknown policy code 'DHS-2099-01-01-XX'", p.Message);
    }

    [Fact]
    public void A_share_target_above_1_is_refused_at_its_line()
    {
        var text = Edit(Shipped, "    target: 0.95\n    tolerance: { low: 0.90, high: 1 }\n", "    target: 1.5\n");
        var p = Single(text);
        Assert.Equal((LineOf(text, "target: 1.5"), "indicators[1].target"), (p.Line, p.Field));
        Assert.Contains("outside the range of a share, 0 to 1", p.Message);
    }

    [Fact]
    public void A_negative_median_target_is_refused()
    {
        var text = Edit(Shipped, "    target: 120\n    tolerance: { low: 0, high: 150 }\n", "    target: -3\n");
        var p = Single(text);
        Assert.Equal((LineOf(text, "target: -3"), "indicators[3].target"), (p.Line, p.Field));
        Assert.Contains("outside the range of days", p.Message);
    }

    [Fact]
    public void A_tolerance_band_that_does_not_contain_the_target_is_refused()
    {
        var text = Edit(Shipped, "tolerance: { low: 0.90, high: 1 }", "tolerance: { low: 0.96, high: 1 }");
        var p = Single(text);
        Assert.Equal((LineOf(text, "low: 0.96"), "indicators[1].tolerance"), (p.Line, p.Field));
        Assert.Contains("does not contain the target 0.95", p.Message);
    }

    [Fact]
    public void A_median_over_an_event_the_warehouse_does_not_record_is_refused_and_says_why()
    {
        var text = Edit(Shipped, "from: receipt", "from: referral");
        var p = Single(text);
        Assert.Equal((LineOf(text, "from: referral"), "indicators[3].measure.from"), (p.Line, p.Field));
        Assert.Contains("has no event 'referral'", p.Message);
        Assert.Contains("does not record the day CBP or ICE referred", p.Message);
    }

    [Fact]
    public void A_duplicate_id_is_refused_at_the_second_one_naming_the_first()
    {
        var text = Edit(Shipped, "id: pd-basis-recorded", "id: ice-removals-top-priority");
        var p = Single(text);
        var lines = LinesOf(text, "- id: ice-removals-top-priority");
        Assert.Equal(2, lines.Count);
        var first = lines[0];
        Assert.Equal((lines[1], "indicators[1].id"), (p.Line, p.Field));
        Assert.Contains($"duplicate id 'ice-removals-top-priority': already used by the indicator at line {first}", p.Message);
    }

    [Fact]
    public void A_period_past_the_policy_superseded_date_is_refused()
    {
        var text = Edit(Shipped, "    policy: DHS-2012-06-15-DACA\n    period: { from: 2012-08-15 }", "    policy: ICE-2011-06-17-PD\n    period: { from: 2012-08-15, to: 2015-01-31 }");
        var p = Single(text);
        Assert.Equal((LineOf(text, "to: 2015-01-31"), "indicators[3].period.to"), (p.Line, p.Field));
        Assert.Contains("superseded on 2014-11-20", p.Message);
    }

    [Fact]
    public void A_missing_required_field_is_named()
    {
        var text = Edit(Shipped, "    direction: lower\n    target: 120\n", "    target: 120\n");
        var p = Single(text);
        Assert.Equal((LineOf(text, "- id: daca-referral-decision-days"), "indicators[3]"), (p.Line, p.Field));
        Assert.Contains("missing field 'direction'", p.Message);
    }

    [Fact]
    public void Broken_YAML_and_a_repeated_key_are_refused_at_their_line()
    {
        var broken = Single("version: \"1\"\nowner: x\nindicators: [1\n");
        Assert.Contains("not valid YAML", broken.Message);
        Assert.True(broken.Line >= 3, $"line {broken.Line}");

        var text = Edit(Shipped, "owner: DHS Office of Policy\n", "owner: DHS Office of Policy\nowner: ICE\n");
        var repeated = Single(text);
        Assert.Equal(LineOf(text, "owner: ICE"), repeated.Line);
        Assert.Contains("owner", repeated.Message);
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        var text = Edit(Edit(Shipped, "policy: DHS-2012-06-15-DACA", "policy: NOPE"), "target: 0.60", "target: 60");
        var problems = new GoalsValidator().Validate(text).Problems;
        Assert.Equal([LineOf(text, "target: 60"), LineOf(text, "policy: NOPE")], problems.Select(p => p.Line));
    }
}
