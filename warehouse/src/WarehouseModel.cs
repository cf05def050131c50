using Microsoft.SqlServer.Dac.Model;

namespace PdWarehouse.Warehouse;

/// <summary>A column of a warehouse table as the dacpac model defines it.</summary>
public sealed record ColumnDefinition(
    string Name, string SqlType, int Length, bool IsMax, int Precision, int Scale, bool IsNullable, bool IsIdentity)
{
    /// <summary>The column's Description extended property: what analysts read in docs/data-dictionary.md.</summary>
    public string? Description { get; init; }

    /// <summary>The column's type as T-SQL writes it, e.g. <c>NVARCHAR(100)</c>.</summary>
    public string SqlTypeText => SqlType switch
    {
        "char" or "varchar" or "nchar" or "nvarchar" or "binary" or "varbinary" =>
            $"{SqlType.ToUpperInvariant()}({(IsMax ? "MAX" : Length.ToString(System.Globalization.CultureInfo.InvariantCulture))})",
        "decimal" or "numeric" => $"{SqlType.ToUpperInvariant()}({Precision},{Scale})",
        "datetime2" or "time" or "datetimeoffset" => $"{SqlType.ToUpperInvariant()}({Scale})",
        _ => SqlType.ToUpperInvariant(),
    };
}

/// <summary>
/// What a table is for; a Summary is an aggregate of a fact table that loads keep equal to it (<see cref="FactSummaries"/>);
/// Published holds figures OIS published (dw.PublishedFigure), keyed by what they count, with no surrogate key or Unknown member.
/// </summary>
public enum TableRole { Staging, Dimension, Fact, Summary, Control, Published }

/// <summary>A table of the model: its columns in order, its grain description and physical traits.</summary>
/// <summary>A foreign key: relationships are data tests on DuckDB, where they are not declared.</summary>
public sealed record ForeignKeyDefinition(string Name, IReadOnlyList<string> Columns, string ReferencedTable, IReadOnlyList<string> ReferencedColumns);

public sealed record TableDefinition(
    string Schema, string Name, IReadOnlyList<ColumnDefinition> Columns, string? Description,
    IReadOnlyList<string> PrimaryKey, bool HasClusteredColumnstore, string SourceFile)
{
    /// <summary>Column sets that must be unique: the primary key first, then each UNIQUE constraint.</summary>
    public IReadOnlyList<IReadOnlyList<string>> UniqueKeys { get; init; } = [];
    public IReadOnlyList<ForeignKeyDefinition> ForeignKeys { get; init; } = [];

    public string FullName => $"{Schema}.{Name}";
    public TableRole Role => Schema switch
    {
        "stg" => TableRole.Staging,
        "etl" => TableRole.Control,
        _ when Name.StartsWith("Fact", StringComparison.Ordinal) && Name.EndsWith("Summary", StringComparison.Ordinal) => TableRole.Summary,
        _ when Name.StartsWith("Fact", StringComparison.Ordinal) => TableRole.Fact,
        _ when Name.StartsWith("Published", StringComparison.Ordinal) => TableRole.Published,
        _ => TableRole.Dimension,
    };
    public ColumnDefinition? Identity => Columns.FirstOrDefault(c => c.IsIdentity);
    /// <summary>SCD type 2 dimensions carry ValidFrom/ValidTo/IsCurrent.</summary>
    public bool IsSlowlyChanging => Columns.Any(c => c.Name == "ValidFrom") && Columns.Any(c => c.Name == "ValidTo");
    public ColumnDefinition Column(string name) =>
        Columns.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"{FullName} has no column {name}");
}

public sealed record ViewDefinition(string Schema, string Name, string Script, IReadOnlyList<string> Columns, string SourceFile)
{
    public string FullName => $"{Schema}.{Name}";
}

/// <summary>A permission statement of the model (GRANT or DENY), as a flat record analysts and tests can reason about.</summary>
public sealed record PermissionDefinition(string Action, string Permission, string Grantee, string SecurableType, string Securable, IReadOnlyList<string> Columns);

/// <summary>
/// A read-only view over the compiled <see cref="TSqlModel"/>: the tables, views, roles and permissions
/// everything else (DuckDB schema, reference data, data dictionary, tests) is derived from.
/// </summary>
public sealed class WarehouseModel : IDisposable
{
    public WarehouseModel(TSqlModel model)
    {
        Model = model;
        var descriptions = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.ExtendedProperty)
            .Where(p => p.Name.Parts.Count > 0 && p.Name.Parts[^1] == "Description")
            .Select(p => (Host: p.GetReferenced(ExtendedProperty.Host).FirstOrDefault(), Value: Unquote(p.GetProperty(ExtendedProperty.Value)?.ToString())))
            .Where(p => p.Host is not null)
            .GroupBy(p => Key(p.Host!.Name))
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var columnstores = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.ColumnStoreIndex)
            .Where(i => i.GetProperty<bool>(ColumnStoreIndex.Clustered))
            .Select(i => Key(i.GetReferenced(ColumnStoreIndex.IndexedObject).First().Name))
            .ToHashSet(StringComparer.Ordinal);
        var primaryKeys = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.PrimaryKeyConstraint)
            .ToDictionary(
                pk => Key(pk.GetReferenced(PrimaryKeyConstraint.Host).First().Name),
                pk => (IReadOnlyList<string>)pk.GetReferenced(PrimaryKeyConstraint.Columns).Select(c => c.Name.Parts[^1]).ToList(),
                StringComparer.Ordinal);

        var uniques = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.UniqueConstraint)
            .Select(u => (Table: Key(u.GetReferenced(UniqueConstraint.Host).First().Name),
                          Columns: (IReadOnlyList<string>)u.GetReferenced(UniqueConstraint.Columns).Select(c => c.Name.Parts[^1]).ToList()))
            .ToLookup(u => u.Table, u => u.Columns, StringComparer.Ordinal);
        var foreignKeys = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.ForeignKeyConstraint)
            .Select(fk => (Table: Key(fk.GetReferenced(ForeignKeyConstraint.Host).First().Name),
                           Key: new ForeignKeyDefinition(fk.Name.Parts[^1],
                               fk.GetReferenced(ForeignKeyConstraint.Columns).Select(c => c.Name.Parts[^1]).ToList(),
                               Key(fk.GetReferenced(ForeignKeyConstraint.ForeignTable).First().Name),
                               fk.GetReferenced(ForeignKeyConstraint.ForeignColumns).Select(c => c.Name.Parts[^1]).ToList())))
            .ToLookup(f => f.Table, f => f.Key, StringComparer.Ordinal);

        Tables = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Table)
            .Select(t =>
            {
                var key = Key(t.Name);
                var primaryKey = primaryKeys.GetValueOrDefault(key) ?? [];
                return new TableDefinition(
                    t.Name.Parts[0], t.Name.Parts[1],
                    t.GetReferenced(Microsoft.SqlServer.Dac.Model.Table.Columns)
                        .Select(c => ReadColumn(c) with { Description = descriptions.GetValueOrDefault(Key(c.Name)) }).ToList(),
                    descriptions.GetValueOrDefault(key), primaryKey, columnstores.Contains(key),
                    t.GetSourceInformation()?.SourceName ?? "")
                {
                    UniqueKeys = (primaryKey.Count > 0 ? [primaryKey] : Array.Empty<IReadOnlyList<string>>()).Concat(uniques[key]).ToList(),
                    ForeignKeys = foreignKeys[key].OrderBy(f => f.Name, StringComparer.Ordinal).ToList(),
                };
            })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToList();
        Views = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.View)
            .Select(v => new ViewDefinition(
                v.Name.Parts[0], v.Name.Parts[1],
                v.TryGetScript(out var script) ? script : throw new InvalidOperationException($"View {v.Name} has no script"),
                v.GetReferenced(View.Columns).Select(c => c.Name.Parts[^1]).ToList(),
                v.GetSourceInformation()?.SourceName ?? ""))
            .OrderBy(v => v.FullName, StringComparer.Ordinal)
            .ToList();
        Schemas = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Schema).Select(s => s.Name.Parts[0]).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Roles = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Role).Select(r => r.Name.Parts[0]).OrderBy(s => s, StringComparer.Ordinal).ToList();
        Permissions = model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.Permission).Select(ReadPermission).ToList();
    }

    public TSqlModel Model { get; }
    public IReadOnlyList<TableDefinition> Tables { get; }
    public IReadOnlyList<ViewDefinition> Views { get; }
    public IReadOnlyList<string> Schemas { get; }
    public IReadOnlyList<string> Roles { get; }
    public IReadOnlyList<PermissionDefinition> Permissions { get; }

    public TableDefinition Table(string fullName) =>
        Tables.FirstOrDefault(t => t.FullName == fullName) ?? throw new KeyNotFoundException($"The model has no table {fullName}");

    public static WarehouseModel LoadDacpac(string path)
    {
        if (!File.Exists(path)) throw new DacpacNotFoundException(path);
        return new WarehouseModel(TSqlModel.LoadFromDacpac(path, new ModelLoadOptions { LoadAsScriptBackedModel = true }));
    }

    public void Dispose() => Model.Dispose();

    private static ColumnDefinition ReadColumn(TSqlObject c)
    {
        var type = c.GetReferenced(Column.DataType).FirstOrDefault()?.Name.Parts[^1] ?? "sql_variant";
        return new ColumnDefinition(
            c.Name.Parts[^1], type.ToLowerInvariant(),
            c.GetProperty<int>(Column.Length), c.GetProperty<bool>(Column.IsMax),
            c.GetProperty<int>(Column.Precision), c.GetProperty<int>(Column.Scale),
            c.GetProperty<bool>(Column.Nullable), c.GetProperty<bool>(Column.IsIdentity));
    }

    private static PermissionDefinition ReadPermission(TSqlObject p)
    {
        var action = p.GetProperty<PermissionAction>(Permission.PermissionAction).ToString().ToUpperInvariant();
        var permission = p.GetProperty<PermissionType>(Permission.PermissionType).ToString().ToUpperInvariant();
        var grantee = p.GetReferenced(Permission.Grantee).FirstOrDefault()?.Name.Parts[^1] ?? "";
        var securable = p.GetReferenced(Permission.SecuredObject).FirstOrDefault();
        var columns = p.GetReferenced(Permission.ExcludedColumns).Select(c => c.Name.Parts[^1]).ToList();
        if (securable is null)
            return new PermissionDefinition(action, permission, grantee, "Database", "", columns);
        // A column-level permission secures the column; report it as its table plus the column list.
        if (securable.ObjectType.Name == "Column")
            return new PermissionDefinition(action, permission, grantee, "Table",
                string.Join('.', securable.Name.Parts.SkipLast(1)), [securable.Name.Parts[^1], .. columns]);
        return new PermissionDefinition(action, permission, grantee, securable.ObjectType.Name, string.Join('.', securable.Name.Parts), columns);
    }

    private static string Key(ObjectIdentifier id) => string.Join('.', id.Parts);

    private static string Unquote(string? value)
    {
        var v = value ?? "";
        if (v.StartsWith("N'", StringComparison.Ordinal)) v = v[1..];
        if (v.Length >= 2 && v[0] == '\'' && v[^1] == '\'') v = v[1..^1];
        return v.Replace("''", "'", StringComparison.Ordinal);
    }
}
