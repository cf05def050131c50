using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Sylvan.Data.Csv;

namespace PdWarehouse.Monitoring;

/// <summary>A policy a goal may serve: a row of dw.DimPolicy.</summary>
public sealed record PolicyInfo(string Code, string Title, DateOnly? Issued, DateOnly? Superseded);

/// <summary>The outcome of validating a goals file: the goals when it is valid, else every problem found, in file order.</summary>
public sealed record GoalsValidation(GoalsFile? Goals, IReadOnlyList<GoalsProblem> Problems)
{
    public bool IsValid => Goals is not null && Problems.Count == 0;
}

/// <summary>
/// Validates a goals file in two passes: the published JSON Schema (monitoring/goals.schema.json) for its shape, then the
/// rules a schema cannot state (the catalog's populations, fields, values and events; policy codes and their dates;
/// target ranges; tolerance bands; unique ids). Both passes report the line and field of each problem.
/// </summary>
public sealed partial class GoalsValidator
{
    // A registry of its own: the global one refuses a second schema with the same $id, which another user of the library
    // in this process (a test, a host) may register.
    private static readonly Lazy<JsonSchema> PublishedSchema = new(() =>
        JsonSchema.FromText(ReadResource("goals.schema.json"), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
    private static readonly Lazy<IReadOnlyDictionary<string, PolicyInfo>> ReferencePolicies = new(() => ReadPolicies(ReadResource("dw.DimPolicy.csv")));

    private readonly IReadOnlyDictionary<string, PolicyInfo> _policies;

    /// <param name="policies">The policies goals may name; by default the warehouse's reference list (warehouse/reference/dw.DimPolicy.csv).</param>
    public GoalsValidator(IReadOnlyDictionary<string, PolicyInfo>? policies = null) => _policies = policies ?? ReferencePolicies.Value;

    /// <summary>The schema text as published, for docs and for anyone validating goals with another tool.</summary>
    public static string SchemaText => ReadResource("goals.schema.json");

    public static IReadOnlyDictionary<string, PolicyInfo> DefaultPolicies => ReferencePolicies.Value;

    public GoalsValidation Validate(string yamlText)
    {
        // A byte-order mark some Windows editors write is not part of the YAML.
        var (document, readProblems) = GoalsYaml.Read(yamlText.TrimStart('\uFEFF'));
        if (document is null) return new GoalsValidation(null, readProblems);

        var schemaProblems = SchemaProblems(document);
        if (schemaProblems.Count > 0) return new GoalsValidation(null, schemaProblems);

        var problems = new List<GoalsProblem>();
        var goals = Interpret(document, problems);
        var ordered = problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
        return new GoalsValidation(ordered.Count == 0 ? goals : null, ordered);
    }

    private static List<GoalsProblem> SchemaProblems(GoalsYaml document)
    {
        var instance = JsonSerializer.SerializeToElement(document.Root);
        var results = PublishedSchema.Value.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var problems = new List<GoalsProblem>();
        foreach (var detail in results.Details ?? [])
        {
            if (detail.IsValid || detail.Errors is null || detail.Errors.Count == 0) continue;
            var evaluationPath = detail.EvaluationPath.ToString();
            // A failed "if" only selects a measure kind's branch; it is not a fault in the file.
            if (evaluationPath.Contains("/if", StringComparison.Ordinal)) continue;
            var pointer = detail.InstanceLocation.ToString();
            foreach (var (keyword, error) in detail.Errors)
            {
                var message = Explain(keyword, error, evaluationPath, pointer);
                var (line, column) = document.Position(pointer);
                problems.Add(new GoalsProblem(line, column, GoalsYaml.FieldName(pointer), message));
            }
        }
        if (problems.Count == 0)
            problems.Add(new GoalsProblem(1, 1, "", "the file does not match the goals schema"));
        return problems.DistinctBy(p => (p.Line, p.Column, p.Field, p.Message)).OrderBy(p => p.Line).ThenBy(p => p.Column).ToList();
    }

    /// <summary>The schema library's wording, made to say what a person writing goals did wrong.</summary>
    private static string Explain(string keyword, string error, string evaluationPath, string pointer)
    {
        if (evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal) || keyword == "false")
            return $"unknown field '{pointer[(pointer.LastIndexOf('/') + 1)..]}'";
        return keyword switch
        {
            "required" => "missing field " + string.Join(", ", QuotedName().Matches(error).Select(m => $"'{m.Groups[1].Value}'")),
            _ => error,
        };
    }

    private GoalsFile? Interpret(GoalsYaml document, List<GoalsProblem> problems)
    {
        var root = document.Root!.AsObject();
        var indicators = new List<Indicator>();
        var firstLineOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        var array = root["indicators"]!.AsArray();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"/indicators/{i}";
            var node = array[i]!.AsObject();
            var problemsBefore = problems.Count;
            void Problem(string pointer, string message)
            {
                var (line, column) = document.Position(pointer);
                var id = node["id"]?.GetValue<string>();
                problems.Add(new GoalsProblem(line, column, GoalsYaml.FieldName(pointer), id is null ? message : $"{message} (indicator '{id}')"));
            }

            var indicatorId = node["id"]!.GetValue<string>();
            var (indicatorLine, _) = document.Position(at);
            if (firstLineOfId.TryGetValue(indicatorId, out var firstLine))
                Problem($"{at}/id", $"duplicate id '{indicatorId}': already used by the indicator at line {firstLine}");
            else
                firstLineOfId[indicatorId] = indicatorLine;

            var policyCode = node["policy"]!.GetValue<string>();
            _policies.TryGetValue(policyCode, out var policy);
            if (policy is null || policyCode == "UNKNOWN")
                Problem($"{at}/policy", $"unknown policy code '{policyCode}': not in dw.DimPolicy ({string.Join(", ", _policies.Keys.Where(k => k != "UNKNOWN"))})");

            var from = Date(node["period"]!["from"], $"{at}/period/from", Problem);
            var to = node["period"]!["to"] is { } toNode ? Date(toNode, $"{at}/period/to", Problem) : null;
            if (from is { } f && to is { } t && t < f)
                Problem($"{at}/period/to", $"the period ends ({t:yyyy-MM-dd}) before it starts ({f:yyyy-MM-dd})");
            if (policy is { Issued: { } issued } && from is { } start && start < issued)
                Problem($"{at}/period/from", $"the period starts {start:yyyy-MM-dd}, before policy {policy.Code} was issued ({issued:yyyy-MM-dd})");
            if (policy is { Superseded: { } superseded })
            {
                if (to is null)
                    Problem($"{at}/period", $"policy {policy.Code} was superseded on {superseded:yyyy-MM-dd}: the period needs a 'to' date before then");
                else if (to >= superseded)
                    Problem($"{at}/period/to", $"the period ends {to:yyyy-MM-dd}, but policy {policy.Code} was superseded on {superseded:yyyy-MM-dd}");
            }

            var measure = Measure(node["measure"]!.AsObject(), $"{at}/measure", Problem);

            var kind = node["measure"]!["kind"]!.GetValue<string>();
            var (min, max, unit) = MeasureCatalog.Range(kind);
            var target = node["target"]!.GetValue<decimal>();
            bool InRange(decimal v) => v >= min && (max is null || v <= max);
            if (!InRange(target))
                Problem($"{at}/target", $"target {Number(target)} is outside the range of {unit}");
            else if (kind == "count" && target != decimal.Truncate(target))
                Problem($"{at}/target", $"target {Number(target)} is not a whole number, and a count is");

            decimal? low = null, high = null;
            if (node["tolerance"] is JsonObject tolerance)
            {
                low = tolerance["low"]!.GetValue<decimal>();
                high = tolerance["high"]!.GetValue<decimal>();
                if (!InRange(low.Value)) Problem($"{at}/tolerance/low", $"{Number(low.Value)} is outside the range of {unit}");
                if (!InRange(high.Value)) Problem($"{at}/tolerance/high", $"{Number(high.Value)} is outside the range of {unit}");
                if (low > high)
                    Problem($"{at}/tolerance", $"the band's low edge {Number(low.Value)} is above its high edge {Number(high.Value)}");
                // A target already out of range has been reported; the band would only repeat it.
                else if (InRange(target) && (target < low || target > high))
                    Problem($"{at}/tolerance", $"the band {Number(low.Value)} to {Number(high.Value)} does not contain the target {Number(target)}");
            }

            if (problems.Count == problemsBefore && measure is not null && from is not null)
                indicators.Add(new Indicator(indicatorId, node["statement"]!.GetValue<string>(), policyCode, from.Value, to, measure,
                    node["direction"]!.GetValue<string>(), target, low, high, node["note"]?.GetValue<string>(), indicatorLine));
        }
        return new GoalsFile(root["version"]!.GetValue<string>(), root["owner"]!.GetValue<string>(), indicators);
    }

    private static DateOnly? Date(JsonNode? node, string pointer, Action<string, string> problem)
    {
        var text = node!.GetValue<string>();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        problem(pointer, $"'{text}' is not a calendar date (yyyy-mm-dd)");
        return null;
    }

    /// <summary>
    /// A measure as dw.DimIndicator.Definition stores it, read back with the same rules it was validated by; the problems
    /// are returned rather than thrown, since the catalog may have changed since the goals were loaded.
    /// </summary>
    internal static MeasureDefinition? MeasureFromDefinition(string definition, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var measure = JsonNode.Parse(definition) is JsonObject node && node["kind"] is not null
            ? Measure(node, "", (pointer, message) => found.Add($"{GoalsYaml.FieldName(pointer)}: {message}"))
            : null;
        if (measure is null && found.Count == 0) found.Add("not a measure definition");
        problems = found;
        return measure;
    }

    private static MeasureDefinition? Measure(JsonObject node, string at, Action<string, string> problem)
    {
        var kind = node["kind"]!.GetValue<string>();
        var failed = false;
        void Fail(string pointer, string message) { failed = true; problem(pointer, message); }

        RecordSet? Side(JsonNode? populationNode, JsonNode? whereNode, string populationPointer, string wherePointer)
        {
            var name = populationNode!.GetValue<string>();
            var population = MeasureCatalog.Population(name);
            if (population is null)
            {
                Fail(populationPointer, $"unknown population '{name}' (populations: {string.Join(", ", MeasureCatalog.Populations.Select(p => p.Name))})");
                return null;
            }
            var where = Filter(population, whereNode as JsonObject, wherePointer, Fail);
            return where is null ? null : new RecordSet(name, where);
        }

        RecordSet? denominator = null, numerator = null;
        IReadOnlyDictionary<string, IReadOnlyList<string>>? numeratorWhere = null;
        int? per = null;
        string? fromEvent = null, toEvent = null;
        switch (kind)
        {
            case "share":
                denominator = Side(node["population"], node["where"], $"{at}/population", $"{at}/where");
                if (denominator is not null)
                    numeratorWhere = Filter(MeasureCatalog.Population(denominator.Population)!, node["numerator"]!.AsObject(), $"{at}/numerator", Fail);
                break;
            case "count":
                denominator = Side(node["population"], node["where"], $"{at}/population", $"{at}/where");
                break;
            case "rate":
                numerator = Side(node["numerator"]!["population"], node["numerator"]!["where"], $"{at}/numerator/population", $"{at}/numerator/where");
                denominator = Side(node["denominator"]!["population"], node["denominator"]!["where"], $"{at}/denominator/population", $"{at}/denominator/where");
                per = node["per"]!.GetValue<int>();
                break;
            case "median-days":
                denominator = Side(node["population"], node["where"], $"{at}/population", $"{at}/where");
                fromEvent = node["from"]!.GetValue<string>();
                toEvent = node["to"]!.GetValue<string>();
                if (MeasureCatalog.Population(node["population"]!.GetValue<string>()) is { } population)
                {
                    CheckEvent(population, fromEvent, $"{at}/from", Fail);
                    CheckEvent(population, toEvent, $"{at}/to", Fail);
                    if (fromEvent == toEvent) Fail($"{at}/to", $"the interval starts and ends at the same event '{toEvent}'");
                }
                break;
        }
        return failed || denominator is null ? null
            : new MeasureDefinition(kind, denominator, numeratorWhere, numerator, per, fromEvent, toEvent, (JsonObject)Canonical(node)!);
    }

    private static void CheckEvent(CatalogPopulation population, string name, string pointer, Action<string, string> fail)
    {
        if (population.Event(name) is not null) return;
        var events = string.Join(", ", population.Events.Select(e => e.Name));
        fail(pointer, population.Gap(name) is { } gap
            ? $"population {population.Name} has no event '{name}': {gap.Why} (events: {events})"
            : $"population {population.Name} has no event '{name}' (events: {events})");
    }

    private static Dictionary<string, IReadOnlyList<string>>? Filter(CatalogPopulation population, JsonObject? node, string at, Action<string, string> fail)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (node is null) return result;
        var ok = true;
        foreach (var (name, valuesNode) in node)
        {
            var pointer = GoalsYaml.Pointer(at, name);
            var field = population.Field(name);
            if (field is null)
            {
                var fields = string.Join(", ", population.Fields.Select(f => f.Name));
                fail(pointer, population.Gap(name) is { } gap
                    ? $"population {population.Name} has no field '{name}': {gap.Why} (fields: {fields})"
                    : $"population {population.Name} has no field '{name}' (fields: {fields})");
                ok = false;
                continue;
            }
            var values = valuesNode!.AsArray().Select(v => v!.GetValueKind() == JsonValueKind.Number
                ? v.GetValue<long>().ToString(CultureInfo.InvariantCulture) : v.GetValue<string>()).ToList();
            for (var i = 0; i < values.Count; i++)
            {
                if (field.Values is not null && !field.Values.Contains(values[i]))
                {
                    fail($"{pointer}/{i}", $"'{values[i]}' is not a value of {name} ({string.Join(", ", field.Values)})");
                    ok = false;
                }
            }
            result[name] = values;
        }
        return ok ? result : null;
    }

    /// <summary>The measure with its members in name order, so two files that define it alike store the same text.</summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    [System.Text.RegularExpressions.GeneratedRegex("\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex QuotedName();

    private static string Number(decimal value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string ReadResource(string name)
    {
        using var stream = typeof(GoalsValidator).Assembly.GetManifestResourceStream($"PdWarehouse.Monitoring.{name}")
            ?? throw new InvalidOperationException($"resource {name} is not embedded in {typeof(GoalsValidator).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static IReadOnlyDictionary<string, PolicyInfo> ReadPolicies(string csv)
    {
        var result = new Dictionary<string, PolicyInfo>(StringComparer.Ordinal);
        using var reader = CsvDataReader.Create(new StringReader(csv));
        static DateOnly? Day(string text) => text.Length == 0 ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        while (reader.Read())
        {
            var code = reader.GetString(reader.GetOrdinal("PolicyCode"));
            result[code] = new PolicyInfo(code, reader.GetString(reader.GetOrdinal("PolicyTitle")),
                Day(reader.GetString(reader.GetOrdinal("IssuedDate"))), Day(reader.GetString(reader.GetOrdinal("SupersededDate"))));
        }
        return result;
    }
}
