namespace PdWarehouse.Warehouse;

/// <summary>
/// The warehouse project on disk: T-SQL object files under <c>sql/</c> (one object per file),
/// the pre-deployment script under <c>sql/Scripts</c>, and reference data under <c>reference/</c>.
/// </summary>
public sealed class WarehouseSources
{
    private WarehouseSources(string root) => Root = root;

    public string Root { get; }
    public string SqlDirectory => Path.Combine(Root, "sql");
    public string ScriptsDirectory => Path.Combine(SqlDirectory, "Scripts");
    public string ReferenceDirectory => Path.Combine(Root, "reference");
    public string PreDeploymentScriptPath => Path.Combine(ScriptsDirectory, "Script.PreDeployment.sql");
    public string PostDeploymentScriptPath => Path.Combine(ScriptsDirectory, "Script.PostDeployment.sql");

    /// <summary>Object files in a stable order, so the model and dacpac are built the same way every time.</summary>
    public IReadOnlyList<string> ObjectFiles =>
        Directory.EnumerateFiles(SqlDirectory, "*.sql", SearchOption.AllDirectories)
            .Where(f => !Path.GetFullPath(f).StartsWith(Path.GetFullPath(ScriptsDirectory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

    public string RelativePath(string file) => Path.GetRelativePath(Root, file).Replace('\\', '/');

    public static WarehouseSources Open(string root)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(Path.Combine(full, "sql")))
            throw new WarehouseSourceNotFoundException(full);
        return new WarehouseSources(full);
    }

    /// <summary>
    /// The sources a program was built with: the copy shipped beside the executable, else the
    /// repository's <c>warehouse/</c> folder found by walking up from the working directory.
    /// </summary>
    public static WarehouseSources Locate()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "warehouse");
        if (Directory.Exists(Path.Combine(shipped, "sql"))) return new WarehouseSources(shipped);
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "warehouse");
            if (Directory.Exists(Path.Combine(candidate, "sql"))) return new WarehouseSources(candidate);
        }
        throw new WarehouseSourceNotFoundException(shipped);
    }
}
