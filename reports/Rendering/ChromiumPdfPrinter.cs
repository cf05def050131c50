using System.Runtime.InteropServices;
using PuppeteerSharp;
using PuppeteerSharp.Media;

namespace PdWarehouse.Reports.Rendering;

/// <summary>The running header and footer Chromium prints on every page.</summary>
public sealed record PageFurniture(string HeaderLeft, string HeaderRight, string FooterLeft);

/// <summary>A PDF and the page each numbered anchor was forecast to print on (and was numbered with).</summary>
public sealed record NumberedPrint(byte[] Pdf, IReadOnlyDictionary<string, int> ForecastPages);

/// <summary>
/// Prints HTML to PDF with the system's Chromium-based browser through PuppeteerSharp: Letter paper,
/// tagged (Section 508), with a document outline built from the headings, a running header and page
/// numbers. One browser serves many prints; PuppeteerSharp is never allowed to download a browser.
/// </summary>
public sealed class ChromiumPdfPrinter : IAsyncDisposable
{
    private readonly IBrowser _browser;
    private readonly string _userDataDir;

    private ChromiumPdfPrinter(IBrowser browser, string userDataDir, string executablePath)
    {
        _browser = browser;
        _userDataDir = userDataDir;
        ExecutablePath = executablePath;
    }

    public string ExecutablePath { get; }

    /// <summary>
    /// Time the last <see cref="PrintAsync"/> spent loading the HTML and printing it, for the benchmark; meaningless
    /// while prints overlap (a report printed again beside the next report's print).
    /// </summary>
    public TimeSpan LastLoad { get; private set; }
    public TimeSpan LastPrint { get; private set; }

    // The build network is closed: without these Chromium waits on update, sync and QUIC connections.
    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions",
        "--font-render-hinting=none",
    ];

    public static async Task<ChromiumPdfPrinter> LaunchAsync(string? browserPath = null)
    {
        ReportFonts.EnsureInstalled();
        var executable = BrowserLocator.Find(browserPath);
        var userDataDir = Directory.CreateTempSubdirectory("pdw-chromium-").FullName;
        try
        {
            var browser = await Puppeteer.LaunchAsync(new LaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                UserDataDir = userDataDir,
                Args = Arguments,
                Timeout = 60_000,
            });
            return new ChromiumPdfPrinter(browser, userDataDir, executable);
        }
        catch (Exception ex) when (ex is PuppeteerException or IOException or System.ComponentModel.Win32Exception)
        {
            TryDelete(userDataDir);
            throw new PdfRenderException($"Cannot start the browser '{executable}': {ex.Message.Split('\n')[0]}", ex);
        }
    }

    /// <summary>Time the last <see cref="PrintNumberingPagesAsync"/> spent forecasting where its anchors fall.</summary>
    public TimeSpan LastForecast { get; private set; }

    // Paper and margins: the print and the page forecast must lay out the same page area.
    private static readonly PaperFormat Paper = PaperFormat.Letter;
    private const double TopMarginInches = 0.8, BottomMarginInches = 0.75, SideMarginInches = 0.75;
    private const double CssPixelsPerInch = 96;

    public async Task<byte[]> PrintAsync(string html, PageFurniture furniture) =>
        await PrintAsync(html, furniture, beforePrint: null);

    /// <summary>
    /// Prints HTML whose page-number slots (elements with <c>data-page-of="ID"</c>) are filled in first, each with the
    /// page its element <c>ID</c> is forecast to print on, so a table of contents is numbered in one print. The forecast
    /// lays the document out in page-sized columns (<see cref="ForecastScript"/>); the caller still checks it against
    /// the printed PDF. An anchor that does not exist is forecast as page 0.
    /// </summary>
    public async Task<NumberedPrint> PrintNumberingPagesAsync(string html, PageFurniture furniture)
    {
        IReadOnlyDictionary<string, int> forecast = new Dictionary<string, int>();
        var pdf = await PrintAsync(html, furniture, async page =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var width = ((double)Paper.Width - 2 * SideMarginInches) * CssPixelsPerInch;
            var height = ((double)Paper.Height - TopMarginInches - BottomMarginInches) * CssPixelsPerInch;
            forecast = await page.EvaluateFunctionAsync<Dictionary<string, int>>(ForecastScript, width, height);
            LastForecast = clock.Elapsed;
        });
        return new NumberedPrint(pdf, forecast);
    }

    /// <summary>
    /// Chromium paginates print and multi-column layout with the same fragmentation engine, so a body laid out in
    /// columns one page wide and one page tall breaks where the pages will (tables repeat their headers, rows and
    /// figures avoid breaks alike). Forced page breaks become column breaks for the forecast, and every style
    /// attribute it changes is put back as it was before printing. What columns cannot show makes the forecast miss
    /// and costs a second print, never a wrong number: content wider than the page (Chromium then shrinks the whole
    /// print), `avoid-page` breaks (columns ignore them), blank pages that left/right breaks insert,
    /// and width media queries (the forecast's window is not the paper's width).
    /// </summary>
    private const string ForecastScript = """
        async (width, height) => {
            await document.fonts.ready;
            const pages = {};
            const slots = [...document.querySelectorAll('[data-page-of]')];
            const forced = ['page', 'left', 'right', 'recto', 'verso'];
            const restore = [];
            for (const el of document.body.querySelectorAll('*')) {
                const cs = getComputedStyle(el);
                const before = forced.includes(cs.breakBefore), after = forced.includes(cs.breakAfter);
                if (!before && !after) continue;
                restore.push([el, el.getAttribute('style')]);
                if (before) el.style.breakBefore = 'column';
                if (after) el.style.breakAfter = 'column';
            }
            const columns = document.createElement('style');
            columns.textContent = `body { width: ${width}px; height: ${height}px; column-width: ${width}px; column-gap: 0; column-fill: auto; }`;
            document.head.appendChild(columns);
            const origin = document.body.getBoundingClientRect().left;
            for (const slot of slots) {
                const target = document.getElementById(slot.dataset.pageOf);
                pages[slot.dataset.pageOf] = target ? Math.floor((target.getBoundingClientRect().left - origin + 0.5) / width) + 1 : 0;
            }
            columns.remove();
            for (const [el, style] of restore) {
                if (style === null) el.removeAttribute('style'); else el.setAttribute('style', style);
            }
            for (const slot of slots) slot.textContent = String(pages[slot.dataset.pageOf] || '');
            return pages;
        }
        """;

    private Task<IPage>? _prepared;
    private readonly Lock _preparing = new();

    /// <summary>
    /// Opens the page the next print will use while the caller does other work (a report's queries), so the print
    /// starts with loading the HTML. Does nothing when a page is already prepared.
    /// </summary>
    public void PreparePage()
    {
        lock (_preparing) _prepared ??= OpenPageAsync();
    }

    private async Task<IPage> OpenPageAsync()
    {
        var page = await _browser.NewPageAsync();
        // The page is laid out for print from the start, as the PDF will be: print-only rules apply to the page
        // forecast, and no screen layout is made first only to be redone.
        await page.EmulateMediaTypeAsync(MediaType.Print);
        return page;
    }

    /// <summary>The prepared page, if any, now the caller's to use or close.</summary>
    private Task<IPage>? TakePrepared()
    {
        lock (_preparing)
        {
            var prepared = _prepared;
            _prepared = null;
            return prepared;
        }
    }

    private async Task<IPage> PreparedOrNewPageAsync()
    {
        if (TakePrepared() is { } prepared)
        {
            try { return await prepared; }
            catch (PuppeteerException) { /* the prepared page failed to open: open another, whose failure is reported */ }
        }
        return await OpenPageAsync();
    }

    private async Task<byte[]> PrintAsync(string html, PageFurniture furniture, Func<IPage, Task>? beforePrint)
    {
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var page = await PreparedOrNewPageAsync();
            await page.SetContentAsync(html, new SetContentOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 120_000 });
            LastLoad = clock.Elapsed;
            if (beforePrint is not null) await beforePrint(page);
            clock.Restart();
            var pdf = await page.PdfDataAsync(new PdfOptions
            {
                Format = Paper,
                PrintBackground = true,
                Tagged = true,
                Outline = true,
                WaitForFonts = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = Header(furniture),
                FooterTemplate = Footer(furniture),
                MarginOptions = new MarginOptions
                {
                    Top = Inches(TopMarginInches), Bottom = Inches(BottomMarginInches),
                    Left = Inches(SideMarginInches), Right = Inches(SideMarginInches),
                },
                Timeout = 300_000,
            });
            LastPrint = clock.Elapsed;
            return pdf;
        }
        catch (PuppeteerException ex)
        {
            throw new PdfRenderException($"Chromium failed to print: {ex.Message.Split('\n')[0]}", ex);
        }
    }

    private static string Inches(double value) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{value}in");

    // Header and footer templates are rendered apart from the page: they need their own font and size.
    private const string FurnitureStyle = "font-family:'Liberation Sans',sans-serif;font-size:7.5pt;color:#444;width:100%;margin:0 0.75in;display:flex;justify-content:space-between;";

    private static string Header(PageFurniture f) =>
        $"<div style=\"{FurnitureStyle}border-bottom:0.5pt solid #999;padding-bottom:3pt;\"><span>{Escape(f.HeaderLeft)}</span><span>{Escape(f.HeaderRight)}</span></div>";

    private static string Footer(PageFurniture f) =>
        $"<div style=\"{FurnitureStyle}\"><span>{Escape(f.FooterLeft)}</span><span>Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span></span></div>";

    private static string Escape(string s) => System.Net.WebUtility.HtmlEncode(s);

    public async ValueTask DisposeAsync()
    {
        // A page prepared for a print that never came closes with the browser; its task is observed here.
        if (TakePrepared() is { } prepared)
        {
            try { await (await prepared).CloseAsync(); }
            catch (PuppeteerException) { /* closing anyway */ }
        }
        await _browser.CloseAsync();
        _browser.Dispose();
        TryDelete(_userDataDir);
    }

    private static void TryDelete(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (IOException) { /* Chromium may still hold a lock file for a moment; a temp folder left behind is harmless. */ }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Finds the system's Chromium, Chrome or Edge.</summary>
public static class BrowserLocator
{
    public static string Find(string? explicitPath)
    {
        if (explicitPath is not null)
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath)
                : throw new BrowserNotFoundException($"No browser at '{explicitPath}' (--browser): give the path of a Chromium, Chrome or Edge executable.");
        var found = Candidates().FirstOrDefault(File.Exists);
        return found ?? throw new BrowserNotFoundException(
            "No Chromium-based browser found: install Chromium (Debian: apt-get install chromium), Google Chrome or Microsoft Edge, or pass --browser PATH.");
    }

    private static IEnumerable<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable("PDW_BROWSER") is { Length: > 0 } env) yield return env;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            foreach (var root in new[] { Environment.GetFolderPath(Environment.SpecialFolder.ProgramFiles), Environment.GetFolderPath(Environment.SpecialFolder.ProgramFilesX86), Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) })
            {
                if (string.IsNullOrEmpty(root)) continue;
                yield return Path.Combine(root, "Google", "Chrome", "Application", "chrome.exe");
                yield return Path.Combine(root, "Microsoft", "Edge", "Application", "msedge.exe");
                yield return Path.Combine(root, "Chromium", "Application", "chrome.exe");
            }
        }
        else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            yield return "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome";
            yield return "/Applications/Chromium.app/Contents/MacOS/Chromium";
            yield return "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge";
        }
        else
        {
            foreach (var p in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome", "/usr/bin/microsoft-edge", "/snap/bin/chromium" })
                yield return p;
        }
    }
}

/// <summary>
/// The report fonts. Chromium embeds whatever fonts it lays the page out with; if Liberation is
/// missing it silently substitutes another font, so its absence is an error rather than a surprise.
/// </summary>
public static class ReportFonts
{
    private static readonly IReadOnlyList<string> RequiredFiles = ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSerif-Regular.ttf"];

    public static void EnsureInstalled()
    {
        var dirs = new[]
        {
            "/usr/share/fonts", "/usr/local/share/fonts",
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "fonts"),
            "/Library/Fonts", "/System/Library/Fonts",
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Windows), "Fonts"),
        }.Where(d => d.Length > 1 && Directory.Exists(d)).ToList();
        var missing = RequiredFiles.Where(f => !dirs.Any(d => SafeFind(d, f))).ToList();
        if (missing.Count > 0)
            throw new ReportFontMissingException(
                $"The report font Liberation is not installed ({string.Join(", ", missing)} missing): install fonts-liberation (Debian: apt-get install fonts-liberation).");
    }

    private static bool SafeFind(string dir, string file)
    {
        try { return Directory.EnumerateFiles(dir, file, SearchOption.AllDirectories).Any(); }
        catch (UnauthorizedAccessException) { return false; }
        catch (IOException) { return false; }
    }
}
