using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PdWarehouse.Reports.Definitions;

/// <summary>
/// Reads one definition file's YAML, field by field, collecting every problem with the file, line, column and field
/// it concerns, so that one run names everything wrong rather than the first thing.
/// </summary>
internal sealed class DefinitionYaml(string file, List<string> problems)
{
    public string File { get; } = file;

    public void Problem(YamlNode? node, string field, string message) => Problem(node?.Start, field, message);

    public void Problem(Mark? at, string field, string message) =>
        problems.Add(field.Length == 0
            ? $"{File}:{at?.Line ?? 1}:{at?.Column ?? 1}: {message}"
            : $"{File}:{at?.Line ?? 1}:{at?.Column ?? 1}: {field}: {message}");

    /// <summary>The file's one document as a mapping, or null (with the problem recorded).</summary>
    public YamlMappingNode? Root(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            // YamlDotNet wraps the reason (a duplicate key, say) in an inner exception under a bare "while parsing".
            var message = ex.InnerException is { } inner ? inner.Message : ex.Message;
            Problem(ex.Start, "", $"not valid YAML: {System.Text.RegularExpressions.Regex.Replace(message, @"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", "")}");
            return null;
        }
        if (stream.Documents.Count != 1)
        {
            Problem((Mark?)null, "", stream.Documents.Count == 0 ? "the file is empty" : "the file holds more than one YAML document");
            return null;
        }
        return Mapping(stream.Documents[0].RootNode, "");
    }

    public YamlMappingNode? Mapping(YamlNode node, string field)
    {
        if (node is YamlMappingNode map) return map;
        Problem(node, field, "expected fields (name: value) here");
        return null;
    }

    /// <summary>Fails every field of <paramref name="map"/> not in <paramref name="allowed"/>: a misspelt field is never silently ignored.</summary>
    public void OnlyFields(YamlMappingNode map, string field, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
            if (key is not YamlScalarNode { Value: { } name } || !allowed.Contains(name, StringComparer.Ordinal))
                Problem(key, Join(field, (key as YamlScalarNode)?.Value ?? "?"), $"unknown field (expected one of: {string.Join(", ", allowed)})");
    }

    public static string Join(string parent, string member) => parent.Length == 0 ? member : $"{parent}.{member}";

    public YamlNode? Field(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public string? Text(YamlMappingNode map, string key, string parent, bool required)
    {
        var node = Field(map, key);
        if (node is null)
        {
            if (required) Problem(map, Join(parent, key), "is required");
            return null;
        }
        return Text(node, Join(parent, key));
    }

    public string? Text(YamlNode node, string field)
    {
        if (node is YamlScalarNode { Value: { } value } && value.Trim().Length > 0) return value.Trim();
        Problem(node, field, node is YamlScalarNode ? "must not be empty" : "expected text here");
        return null;
    }

    public bool Flag(YamlMappingNode map, string key, string parent, bool fallback)
    {
        if (Field(map, key) is not { } node) return fallback;
        if (node is YamlScalarNode { Value: "true" or "false" } s) return s.Value == "true";
        Problem(node, Join(parent, key), "expected true or false");
        return fallback;
    }

    public int? Count(YamlMappingNode map, string key, string parent)
    {
        if (Field(map, key) is not { } node) return null;
        if (node is YamlScalarNode { Value: { } v } && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0) return n;
        Problem(node, Join(parent, key), "expected a whole number of at least 1");
        return null;
    }

    /// <summary>A list of texts; a single text is read as a list of one.</summary>
    public List<string> Texts(YamlMappingNode map, string key, string parent)
    {
        var node = Field(map, key);
        var field = Join(parent, key);
        if (node is null) return [];
        if (node is YamlScalarNode) return Text(node, field) is { } one ? [one] : [];
        if (node is not YamlSequenceNode list)
        {
            Problem(node, field, "expected a list of texts");
            return [];
        }
        var texts = new List<string>();
        for (var i = 0; i < list.Children.Count; i++)
            if (Text(list.Children[i], $"{field}[{i}]") is { } t) texts.Add(t);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
            if (!seen.Add(texts[i])) Problem(list.Children[i], $"{field}[{i}]", $"\"{texts[i]}\" is listed twice");
        return texts;
    }

    /// <summary>One of a fixed set of words, e.g. <c>disclosure: enforcement-events</c>.</summary>
    public T? Choice<T>(YamlMappingNode map, string key, string parent, bool required, IReadOnlyDictionary<string, T> choices) where T : struct
    {
        if (Text(map, key, parent, required) is not { } word) return null;
        if (choices.TryGetValue(word, out var value)) return value;
        Problem(Field(map, key), Join(parent, key), $"\"{word}\" is not one of: {string.Join(", ", choices.Keys)}");
        return null;
    }
}
