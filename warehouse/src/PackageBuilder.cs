using System.IO.Packaging;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac;
using Microsoft.SqlServer.Dac.Model;

namespace PdWarehouse.Warehouse;

/// <summary>
/// Compiles the warehouse project into a DacFx model and a .dacpac (with the pre- and post-deployment
/// scripts inside). Any model error, syntax or unresolved reference, fails the build with file and line.
/// </summary>
public sealed partial class PackageBuilder(WarehouseSources sources)
{
    public const string PackageName = "PdWarehouse";
    public static readonly SqlServerVersion TargetVersion = SqlServerVersion.Sql160;

    public WarehouseSources Sources { get; } = sources;

    /// <summary>Builds and validates the model; throws <see cref="ModelBuildFailedException"/> listing every error.</summary>
    public WarehouseModel BuildModel()
    {
        var model = new TSqlModel(TargetVersion, new TSqlModelOptions
        {
            Collation = "SQL_Latin1_General_CP1_CI_AS",
            PageVerifyMode = PageVerifyMode.Checksum,
            RecoveryMode = RecoveryMode.Simple,
        });
        var problems = new List<ModelProblem>();
        foreach (var file in Sources.ObjectFiles)
        {
            var relative = Sources.RelativePath(file);
            try
            {
                model.AddOrUpdateObjects(File.ReadAllText(file), relative, new TSqlObjectOptions());
            }
            catch (DacModelException)
            {
                // Syntax errors: the located form is in GetModelErrors below.
            }
        }
        problems.AddRange(model.GetModelErrors().Select(e =>
            new ModelProblem(e.SourceName ?? "?", e.Line, e.Column, $"SQL{e.ErrorCode}", e.Message)));
        if (problems.Count == 0)
            problems.AddRange(model.Validate().Where(m => m.MessageType == DacMessageType.Error).Select(m => Locate(model, m)));
        if (problems.Count > 0)
        {
            model.Dispose();
            throw new ModelBuildFailedException(problems);
        }
        return new WarehouseModel(model);
    }

    /// <summary>Builds the dacpac at <paramref name="outputPath"/>; returns the model it contains.</summary>
    public WarehouseModel Build(string outputPath)
    {
        var model = BuildModel();
        var reference = ReferenceData.Load(Sources, model);
        var postDeploy = ReferenceDataScriptWriter.Write(reference);
        var preDeploy = File.Exists(Sources.PreDeploymentScriptPath) ? File.ReadAllText(Sources.PreDeploymentScriptPath) : null;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        var temp = outputPath + ".tmp";
        File.Delete(temp);
        DacPackageExtensions.BuildPackage(temp, model.Model,
            new PackageMetadata { Name = PackageName, Version = "1.0.0.0", Description = "PdWarehouse: prosecutorial discretion data warehouse for DHS OIS." },
            new PackageOptions { TreatWarningsAsErrors = false });
        // DacFx reads the deployment scripts from these two parts of the package (as SSDT writes them).
        using (var package = Package.Open(temp, FileMode.Open, FileAccess.ReadWrite))
        {
            if (preDeploy is not null) AddPart(package, "/predeploy.sql", preDeploy);
            AddPart(package, "/postdeploy.sql", postDeploy);
        }
        File.Move(temp, outputPath, overwrite: true);
        return model;
    }

    private static void AddPart(Package package, string name, string text)
    {
        var uri = new Uri(name, UriKind.Relative);
        if (package.PartExists(uri)) package.DeletePart(uri);
        var part = package.CreatePart(uri, "text/plain", CompressionOption.Normal);
        using var stream = part.GetStream(FileMode.Create);
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>Validation messages name an element, not a file: find the element's source to locate them.</summary>
    private static ModelProblem Locate(TSqlModel model, DacModelMessage message)
    {
        var match = ElementName().Match(message.Message);
        if (match.Success)
        {
            var parts = BracketPart().Matches(match.Groups[1].Value).Select(m => m.Groups[1].Value).ToArray();
            for (var n = parts.Length; n > 0; n--)
            {
                var id = new ObjectIdentifier(parts.Take(n).ToArray());
                var source = model.GetObjects(DacQueryScopes.UserDefined)
                    .Where(o => o.Name.Parts.SequenceEqual(id.Parts))
                    .Select(o => o.GetSourceInformation())
                    .FirstOrDefault(s => s is not null);
                if (source is not null)
                    return new ModelProblem(source.SourceName, source.StartLine, source.StartColumn, $"{message.Prefix}{message.Number}", message.Message);
            }
        }
        return new ModelProblem("(model)", 0, 0, $"{message.Prefix}{message.Number}", message.Message);
    }

    [GeneratedRegex(@"element (\[[^:]+?\])(?::|\s|$)")]
    private static partial Regex ElementName();

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex BracketPart();
}
