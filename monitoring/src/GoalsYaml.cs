using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PdWarehouse.Monitoring;

/// <summary>One thing wrong with a goals file, at the line and column (1-based) of the field it names.</summary>
/// <param name="Field">Where in the file, e.g. indicators[2].measure.numerator.basis; empty for the file as a whole.</param>
public sealed record GoalsProblem(int Line, int Column, string Field, string Message)
{
    public string Format(string file) =>
        Field.Length == 0 ? $"{file}:{Line}:{Column}: {Message}" : $"{file}:{Line}:{Column}: {Field}: {Message}";
}

/// <summary>
/// A goals file read from YAML into JSON (what the published schema validates), keeping for every JSON pointer the
/// line and column it came from, so a schema error on /indicators/2/target can still name line 41.
/// </summary>
public sealed partial class GoalsYaml
{
    private readonly Dictionary<string, Mark> _marks = new(StringComparer.Ordinal);

    private GoalsYaml(JsonNode? root) => Root = root;

    public JsonNode? Root { get; private set; }

    /// <summary>Where the node at a JSON pointer starts; for an object member, where its key is written.</summary>
    public (int Line, int Column) Position(string pointer)
    {
        // A pointer to a member the file lacks (a missing required field) falls back to its nearest parent that exists.
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (_marks.TryGetValue(p, out var mark)) return ((int)mark.Line, (int)mark.Column);
            if (p.Length == 0) return (1, 1);
        }
    }

    /// <summary>A pointer as a reader writes it: /indicators/2/measure/where → indicators[2].measure.where.</summary>
    public static string FieldName(string pointer)
    {
        var parts = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Replace("~1", "/").Replace("~0", "~"));
        var text = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part.All(char.IsAsciiDigit)) text.Append('[').Append(part).Append(']');
            else { if (text.Length > 0) text.Append('.'); text.Append(part); }
        }
        return text.ToString();
    }

    public static string Pointer(string parent, string member) => $"{parent}/{member.Replace("~", "~0").Replace("/", "~1")}";

    /// <summary>Reads YAML text; a syntax error or a duplicated key comes back as problems, not an exception.</summary>
    public static (GoalsYaml? Document, IReadOnlyList<GoalsProblem> Problems) Read(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            // YamlDotNet wraps the reason (e.g. a duplicate key) in an inner exception with a bare "while parsing" outer message.
            var message = ex.InnerException is { } inner && ex.Message.Contains("(Lin:", StringComparison.Ordinal) ? inner.Message : ex.Message;
            message = MarkSuffix().Replace(message, "");
            return (null, [new GoalsProblem((int)ex.Start.Line, (int)ex.Start.Column, "", $"not valid YAML: {message}")]);
        }
        if (stream.Documents.Count != 1)
            return (null, [new GoalsProblem(1, 1, "", stream.Documents.Count == 0 ? "the file is empty" : "the file holds more than one YAML document")]);

        var document = new GoalsYaml(null);
        var problems = new List<GoalsProblem>();
        // Round-tripped through JSON text so every number reads as any numeric type (a target written 5 is also a decimal).
        var converted = document.Convert(stream.Documents[0].RootNode, "", problems);
        document.Root = converted is null ? null : JsonNode.Parse(converted.ToJsonString());
        return (problems.Count == 0 ? document : null, problems);
    }

    private JsonNode? Convert(YamlNode node, string pointer, List<GoalsProblem> problems)
    {
        _marks.TryAdd(pointer, node.Start);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    if (keyNode is not YamlScalarNode { Value: { } key })
                    {
                        problems.Add(new GoalsProblem((int)keyNode.Start.Line, (int)keyNode.Start.Column, FieldName(pointer), "a field name must be plain text"));
                        continue;
                    }
                    var child = Pointer(pointer, key);
                    if (obj.ContainsKey(key))
                    {
                        problems.Add(new GoalsProblem((int)keyNode.Start.Line, (int)keyNode.Start.Column, FieldName(child), "this field is given twice"));
                        continue;
                    }
                    // The key's line, not the value's: for a block value the value starts a line further down.
                    _marks[child] = keyNode.Start;
                    obj[key] = Convert(valueNode, child, problems);
                    _marks[child] = keyNode.Start;
                }
                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                var i = 0;
                foreach (var item in sequence.Children) array.Add(Convert(item, $"{pointer}/{i++}", problems));
                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                problems.Add(new GoalsProblem((int)node.Start.Line, (int)node.Start.Column, FieldName(pointer), "aliases are not allowed in a goals file"));
                return null;
        }
    }

    /// <summary>
    /// YAML 1.2 core schema for plain scalars (null, booleans, numbers); anything quoted is text. Dates stay text, which the
    /// schema checks by pattern and the validator by calendar.
    /// </summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(value);
        if (value is "" or "~" or "null" or "Null" or "NULL") return null;
        if (value is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (value is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (IntegerText().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
            return JsonValue.Create(whole);
        if (DecimalText().IsMatch(value) && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return JsonValue.Create(number);
        return JsonValue.Create(value);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerText();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex DecimalText();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex MarkSuffix();
}
