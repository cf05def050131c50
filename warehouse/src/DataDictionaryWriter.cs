using System.Text;
using Microsoft.SqlServer.Dac.Model;

namespace PdWarehouse.Warehouse;

/// <summary>
/// Writes docs/data-dictionary.md from the compiled model, so the dictionary analysts read can never
/// disagree with the schema DBAs deploy. The output depends on the model alone (no dates, no paths):
/// a test compares the committed file with a fresh rendering.
/// </summary>
public static class DataDictionaryWriter
{
    private static readonly (string Schema, string Title, string Purpose)[] SchemaOrder =
    [
        ("dw", "dw: dimensions and facts", "The star schema analysts query. Dimensions have a surrogate key `<Name>Key` with an Unknown member 0; facts state their grain below."),
        ("rpt", "rpt: report views", "The views reports and analysts read: each fact with every dimension spelt out."),
        ("stg", "stg: staging", "Typed copies of the delivery files, all business columns nullable, plus the batch and source line. Holds raw identifiers only while a batch runs; no analyst role can read it."),
        ("etl", "etl: load control", "Lineage of every batch, rejects, data-quality results, control totals and the working tables of identity resolution."),
    ];

    public static string Write(WarehouseModel model)
    {
        var md = new StringBuilder();
        md.Append("# PdWarehouse data dictionary\n\n");
        md.Append("Generated from the dacpac model (`warehouse/sql`) by `DataDictionaryWriter`: do not edit by hand. ");
        md.Append("The build rewrites this file; `pdw warehouse dictionary --out FILE` writes it from any dacpac. ");
        md.Append("Descriptions are the `Description` extended properties of each table and column.\n\n");
        md.Append("## Contents\n\n");
        foreach (var (schema, title, _) in SchemaOrder)
        {
            md.Append("- ").Append(title).Append(": ");
            var names = model.Tables.Where(t => t.Schema == schema).Select(t => t.FullName)
                .Concat(model.Views.Where(v => v.Schema == schema).Select(v => v.FullName));
            md.Append(string.Join(", ", names.Select(n => $"[{n}](#{Anchor(n)})"))).Append('\n');
        }
        foreach (var (schema, title, purpose) in SchemaOrder)
        {
            md.Append("\n## ").Append(title).Append("\n\n").Append(purpose).Append('\n');
            foreach (var table in model.Tables.Where(t => t.Schema == schema)) WriteTable(md, model, table);
            foreach (var view in model.Views.Where(v => v.Schema == schema)) WriteView(md, model, view);
        }
        return md.ToString();
    }

    /// <summary>Writes the dictionary to <paramref name="path"/> only when it changed, so builds do not touch the file needlessly.</summary>
    public static bool WriteFile(WarehouseModel model, string path)
    {
        var text = Write(model);
        if (File.Exists(path) && File.ReadAllText(path) == text) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text);
        return true;
    }

    private static void WriteTable(StringBuilder md, WarehouseModel model, TableDefinition table)
    {
        md.Append("\n### ").Append(table.FullName).Append("\n\n");
        md.Append("**Grain:** ").Append(Cell(table.Description ?? "(no description)")).Append("\n\n");
        if (table.PrimaryKey.Count > 0) md.Append("Primary key: ").Append(string.Join(", ", table.PrimaryKey)).Append(". ");
        foreach (var unique in table.UniqueKeys.Skip(table.PrimaryKey.Count > 0 ? 1 : 0))
            md.Append("Unique: ").Append(string.Join(", ", unique)).Append(". ");
        if (table.HasClusteredColumnstore) md.Append("Clustered columnstore. ");
        // By the one-object-per-file convention: a model loaded from a dacpac no longer knows its source files.
        md.Append("Source: `warehouse/sql/").Append(table.Schema).Append("/Tables/").Append(table.Name).Append(".sql`.\n");
        md.Append(Readers(model, table.Schema, table.Name, table.Columns.Select(c => c.Name))).Append("\n\n");
        md.Append("| Column | Type | Null | Description |\n|---|---|---|---|\n");
        foreach (var c in table.Columns)
        {
            var type = c.SqlTypeText + (c.IsIdentity ? " IDENTITY" : "");
            var references = table.ForeignKeys.FirstOrDefault(f => f.Columns.Count == 1 && f.Columns[0] == c.Name);
            var description = c.Description ?? "(no description)";
            if (references is not null) description += $" References {references.ReferencedTable}.{references.ReferencedColumns[0]}.";
            md.Append("| ").Append(c.Name).Append(" | ").Append(type).Append(" | ").Append(c.IsNullable ? "yes" : "no")
              .Append(" | ").Append(Cell(description)).Append(" |\n");
        }
    }

    private static void WriteView(StringBuilder md, WarehouseModel model, ViewDefinition view)
    {
        md.Append("\n### ").Append(view.FullName).Append("\n\n");
        var summary = view.Script.Split('\n').TakeWhile(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal))
            .Select(l => l.Trim().TrimStart('-').Trim()).FirstOrDefault();
        if (!string.IsNullOrEmpty(summary)) md.Append(Cell(summary)).Append("\n\n");
        md.Append("Source: `warehouse/sql/").Append(view.Schema).Append("/Views/").Append(view.Name).Append(".sql`.\n");
        md.Append(Readers(model, view.Schema, view.Name, view.Columns)).Append("\n\n");
        md.Append("| Column | Type | Description | From |\n|---|---|---|---|\n");
        var modelView = model.Model.GetObject(ModelSchema.View, new ObjectIdentifier(view.Schema, view.Name), DacQueryScopes.UserDefined);
        var columns = modelView?.GetReferenced(View.Columns).ToList() ?? [];
        foreach (var name in view.Columns)
        {
            var column = columns.FirstOrDefault(c => c.Name.Parts[^1] == name);
            var sources = column?.GetReferenced(Column.ExpressionDependencies)
                .Where(d => d.ObjectType == ModelSchema.Column).Select(d => string.Join('.', d.Name.Parts)).ToList() ?? [];
            // A column taken straight from one table column carries that column's description.
            var source = sources.Count == 1 ? SourceColumn(model, sources[0]) : null;
            var description = source?.Description;
            var type = source?.SqlTypeText ?? column?.GetReferenced(Column.DataType).FirstOrDefault()?.Name.Parts[^1]?.ToUpperInvariant() ?? "";
            md.Append("| ").Append(name).Append(" | ").Append(type).Append(" | ").Append(Cell(description ?? ""))
              .Append(" | ").Append(string.Join(", ", sources)).Append(" |\n");
        }
    }

    /// <summary>
    /// Which roles may SELECT the object, and which of its columns a role is denied: schema and object GRANTs,
    /// less column DENYs, as SQL Server applies them. Analysts read this to know what they will be able to query.
    /// </summary>
    private static string Readers(WarehouseModel model, string schema, string name, IEnumerable<string> columns)
    {
        var full = $"{schema}.{name}";
        var parts = new List<string>();
        foreach (var role in model.Roles)
        {
            var selects = model.Permissions.Where(p => p.Grantee == role && p.Permission == "SELECT").ToList();
            var granted = selects.Any(p => p.Action == "GRANT" && ((p.SecurableType == "Schema" && p.Securable == schema) || p.Securable == full));
            if (!granted) continue;
            var denied = selects.Where(p => p.Action == "DENY" && p.Securable == full).SelectMany(p => p.Columns)
                .Where(columns.Contains).Distinct().ToList();
            if (selects.Any(p => p.Action == "DENY" && p.Securable == full && p.Columns.Count == 0)) continue;
            parts.Add(denied.Count == 0 ? role : $"{role} (denied {string.Join(", ", denied)})");
        }
        return "Readable by: " + (parts.Count == 0 ? "no warehouse role (db_owner only)" : string.Join(", ", parts)) + ".";
    }

    private static ColumnDefinition? SourceColumn(WarehouseModel model, string column)
    {
        var parts = column.Split('.');
        if (parts.Length != 3) return null;
        var table = model.Tables.FirstOrDefault(t => t.Schema == parts[0] && t.Name == parts[1]);
        return table?.Columns.FirstOrDefault(c => c.Name == parts[2]);
    }

    private static string Anchor(string name) => name.ToLowerInvariant().Replace(".", "", StringComparison.Ordinal);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ');
}
