namespace PdWarehouse.Monitoring.Tests;

/// <summary>The shipped goals file, and edits of it that each break one rule, with the line the edit lands on.</summary>
internal static class GoalsText
{
    public static string Shipped => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "monitoring", "goals.yaml"));

    /// <summary>Replaces text that must occur exactly once, so an edit cannot silently miss after the file changes.</summary>
    public static string Edit(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{from}' is not in the goals file");
        Assert.True(text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0, $"'{from}' occurs more than once in the goals file");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    /// <summary>1-based line of the first line holding the text, counted independently of the parser.</summary>
    public static int LineOf(string text, string marker) =>
        LinesOf(text, marker) is [var first, ..] ? first : throw new InvalidOperationException($"'{marker}' is not in the text");

    public static IReadOnlyList<int> LinesOf(string text, string marker) =>
        text.Split('\n').Select((line, i) => (line, i)).Where(l => l.line.Contains(marker, StringComparison.Ordinal)).Select(l => l.i + 1).ToList();
}
