using System.Text.Json;

namespace PdWarehouse.Reports.Rendering;

/// <summary>
/// The contents' page numbers of the last published print, kept beside the report (<c>&lt;report&gt;.contents.json</c>).
/// They are only a starting guess: the printer still checks every final print's outline against the contents it shows.
/// </summary>
public static class PageNumberMemory
{
    private sealed record Entry(string Id, string Title, int Page);

    /// <summary>Sets every entry's page from the file when it lists exactly these entries; otherwise changes nothing.</summary>
    public static bool TryRecall(string path, IReadOnlyList<TocEntry> contents)
    {
        if (!File.Exists(path)) return false;
        List<Entry>? saved;
        try { saved = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(path)); }
        catch (JsonException) { return false; }   // a damaged file costs a draft pass, nothing more
        if (saved is null || saved.Count != contents.Count) return false;
        for (var i = 0; i < contents.Count; i++)
            if (saved[i].Id != contents[i].Id || saved[i].Title != contents[i].Title || saved[i].Page < 1) return false;
        for (var i = 0; i < contents.Count; i++) contents[i].Page = saved[i].Page;
        return true;
    }

    public static void Remember(string path, IReadOnlyList<TocEntry> contents) =>
        File.WriteAllText(path, JsonSerializer.Serialize(contents.Select(e => new Entry(e.Id, e.Title, e.Page ?? 0)).ToList()));
}
