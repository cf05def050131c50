using System.Net;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PdWarehouse.Reports.Rendering;

/// <summary>
/// Renders the Scriban templates under <c>templates/</c> with strict variables (a misspelt name is an
/// error naming the template file and line, never an empty string) and every interpolated value
/// HTML-escaped, so a country or office name can never inject markup. Only <see cref="RawHtml"/>
/// values, which the report code builds itself, are written as they are.
/// </summary>
public sealed class TemplateRenderer
{
    public TemplateRenderer(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
            throw new ReportTemplateException($"No templates folder at '{directory}'.");
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>The templates shipped beside the program, else the repository's templates/ found from the working directory.</summary>
    public static TemplateRenderer Locate()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "templates");
        if (System.IO.Directory.Exists(shipped)) return new TemplateRenderer(shipped);
        for (var dir = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "templates");
            if (File.Exists(Path.Combine(candidate, "partials", "table.sbn-html"))) return new TemplateRenderer(candidate);
        }
        throw new ReportTemplateException($"No templates folder at '{shipped}' or above the working directory.");
    }

    public string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Directory, relativePath));

    public string Render(string templateFile, object model)
    {
        var path = Path.Combine(Directory, templateFile);
        if (!File.Exists(path)) throw new ReportTemplateException($"No template '{path}'.");
        var template = Template.Parse(File.ReadAllText(path), path);
        if (template.HasErrors)
            throw new ReportTemplateException(template.Messages.First(m => m.Type == ParserMessageType.Error).ToString());

        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        var context = new HtmlEscapingTemplateContext
        {
            StrictVariables = true,
            EnableRelaxedMemberAccess = false,
            TemplateLoader = new FolderTemplateLoader(Directory),
            LoopLimit = 100_000,
        };
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new ReportTemplateException($"Template error: {ex.Message}", ex);
        }
    }

    private sealed class HtmlEscapingTemplateContext : TemplateContext
    {
        public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
            textAsObject is RawHtml raw ? Write(raw.Value)
            : textAsObject is null ? this
            : Write(WebUtility.HtmlEncode(ObjectToString(textAsObject)));
    }

    /// <summary>Partials are files under the templates folder, named relative to it.</summary>
    private sealed class FolderTemplateLoader(string root) : ITemplateLoader
    {
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName)
        {
            var full = Path.GetFullPath(Path.Combine(root, templateName));
            if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full))
                throw new ScriptRuntimeException(callerSpan, $"No partial template '{templateName}' under {root}");
            return full;
        }

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => File.ReadAllText(templatePath);

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            ValueTask.FromResult<string?>(File.ReadAllText(templatePath));
    }
}
