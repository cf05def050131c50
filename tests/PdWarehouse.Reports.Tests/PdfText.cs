using UglyToad.PdfPig;

namespace PdWarehouse.Reports.Tests;

/// <summary>Text of a printed report, page by page, compared without whitespace (PdfPig does not keep Chromium's spaces reliably).</summary>
public sealed class PdfText
{
    public PdfText(string path)
    {
        using var document = PdfDocument.Open(path);
        Pages = document.GetPages().Select(p => Squash(p.Text)).ToList();
    }

    public IReadOnlyList<string> Pages { get; }

    public static string Squash(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>1-based number of the first page after <paramref name="afterPage"/> that contains the text.</summary>
    public int PageOf(string text, int afterPage)
    {
        var squashed = Squash(text);
        for (var i = afterPage; i < Pages.Count; i++)
            if (Pages[i].Contains(squashed, StringComparison.Ordinal)) return i + 1;
        return -1;
    }
}
