using PdWarehouse.Etl.Engines;
using PdWarehouse.Reports.Rendering;
using PdWarehouse.Reports.Tests.Fixture;

namespace PdWarehouse.Reports.Tests;

[Collection(RenderedReportsCollection.Name)]
public sealed class WhenTemplatesMisbehave(RenderedReports reports)
{
    private string CopyTemplates(string name)
    {
        var target = Path.Combine(reports.Directory, name);
        foreach (var file in Directory.GetFiles(reports.Templates.Directory, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(reports.Templates.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    private ReportDocument Document()
    {
        using var db = WarehouseConnection.OpenDuckDb(reports.DatabasePath);
        return ReportGenerator.BuildDocument(db, ReportKind.Yearbook, reports.Options("unused"));
    }

    [Fact]
    public async Task The_warm_ups_render_each_report_template_and_draw_a_chart_without_failing()
    {
        // A warm-up's failure is never reported (the real render reports its own), so one that broke would only be slow.
        foreach (var kind in new[] { ReportKind.Yearbook, ReportKind.Annual })
            await ReportGenerator.WarmUpTemplate(reports.Templates, kind);
        await PdWarehouse.Reports.Charts.ChartFactory.WarmUp();
    }

    [Fact]
    public void A_misspelt_variable_in_a_partial_fails_naming_the_file_and_line()
    {
        var dir = CopyTemplates("misspelt-partial");
        var partial = Path.Combine(dir, "partials", "table.sbn-html");
        var lines = File.ReadAllLines(partial);
        var line = Array.FindIndex(lines, l => l.Contains("{{ t.stub_header }}", StringComparison.Ordinal));
        lines[line] = lines[line].Replace("{{ t.stub_header }}", "{{ t.stub_headr }}", StringComparison.Ordinal);
        File.WriteAllLines(partial, lines);

        var ex = Assert.Throws<ReportTemplateException>(() => ReportGenerator.RenderHtml(new TemplateRenderer(dir), Document()));
        Assert.Contains("table.sbn-html", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"({line + 1},", ex.Message, StringComparison.Ordinal);
        Assert.Contains("stub_headr", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_variable_in_a_report_template_fails_naming_the_file_and_line()
    {
        var dir = CopyTemplates("misspelt-report");
        var file = Path.Combine(dir, "yearbook.sbn-html");
        var lines = File.ReadAllLines(file).ToList();
        lines.Insert(3, "<p>{{ report.fiscal_yaer }}</p>");
        File.WriteAllLines(file, lines);

        var ex = Assert.Throws<ReportTemplateException>(() => ReportGenerator.RenderHtml(new TemplateRenderer(dir), Document()));
        Assert.Contains("yearbook.sbn-html(4,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("fiscal_yaer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_containing_script_is_escaped_in_the_html()
    {
        foreach (var output in reports.Both)
        {
            var html = File.ReadAllText(output.HtmlPath);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(&#39;pdw&#39;)&lt;/script&gt; Sector", html, StringComparison.Ordinal);
        }
        // The PDF shows the name as text, as a reader would type it.
        var text = new PdfText(reports.Yearbook.PdfPath);
        Assert.Contains(text.Pages, p => p.Contains(PdfText.Squash(FixtureWarehouse.ScriptOfficeName), StringComparison.Ordinal));
    }
}
