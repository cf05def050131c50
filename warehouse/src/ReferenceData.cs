using System.Globalization;
using Sylvan.Data.Csv;

namespace PdWarehouse.Warehouse;

/// <summary>The rows of one reference table, typed by the model's column definitions, in key order.</summary>
public sealed record ReferenceTable(TableDefinition Table, IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows)
{
    /// <summary>
    /// SCD2 dimensions only gain missing seed rows on redeploy: updating a seed row in place would
    /// undo versions the loads have since closed.
    /// The published figures too: a figure OIS corrected through a `published-series` delivery is the warehouse's
    /// figure from then on, and a redeploy of the shipped one must not take the correction back.
    /// </summary>
    public bool InsertOnly => Table.IsSlowlyChanging || Table.FullName == "dw.PublishedFigure";

    /// <summary>The primary key's columns: one surrogate key for a dimension, the business columns for dw.PublishedFigure.</summary>
    public IReadOnlyList<string> KeyColumns => Table.PrimaryKey;

    /// <summary>The join of target <c>t</c> to source <c>s</c> on every key column.</summary>
    public string KeyJoin => string.Join(" AND ", KeyColumns.Select(k => $"t.{k} = s.{k}"));
}

/// <summary>
/// Reference data from one source for both engines: every <c>reference/&lt;schema&gt;.&lt;Table&gt;.csv</c> plus the
/// generated date dimension. SQL Server receives it through the generated post-deployment script,
/// DuckDB through <c>pdw warehouse init</c>; both read it from here.
/// </summary>
public static class ReferenceData
{
    /// <summary>LineageKey of rows written by deployment rather than by a load.</summary>
    public const int DeploymentLineageKey = 0;
    public static readonly DateTime SeedValidFrom = new(1900, 1, 1);
    public static readonly DateTime OpenValidTo = new(9999, 12, 31);
    /// <summary>The calendar deployed with the warehouse: FY2004 (the first year of the Yearbook series the project
    /// computes) to FY2030. A load adds the fiscal years its dates need outside it (etl/Loading/CalendarExtension.cs),
    /// within <see cref="EarliestDate"/>..<see cref="LatestDate"/>.</summary>
    public static readonly DateOnly FirstDate = new(2003, 10, 1);   // first day of FY2004
    public static readonly DateOnly LastDate = new(2030, 9, 30);    // last day of FY2030

    /// <summary>
    /// The widest calendar: FY1901 to FY2099. A date a load conforms to dw.DimDate outside it is rejected
    /// (OUT-OF-RANGE), never loaded as the Unknown date. FY1901 starts after 1900-01-01, the Unknown member's date.
    /// Deploying all of it instead of extending on load measured +8.2 MB of post-deployment script (1.4 to 9.6 MB) and
    /// +85 MB of peak memory for `pdw warehouse init`, for years no delivery may ever carry.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1900, 10, 1);
    public static readonly DateOnly LatestDate = new(2099, 9, 30);

    public static IReadOnlyList<ReferenceTable> Load(WarehouseSources sources, WarehouseModel model)
    {
        var tables = new List<ReferenceTable> { DateDimension.Build(model.Table("dw.DimDate")) };
        foreach (var file in Directory.EnumerateFiles(sources.ReferenceDirectory, "*.csv").OrderBy(f => f, StringComparer.Ordinal))
        {
            var tableName = Path.GetFileNameWithoutExtension(file);
            var table = model.Tables.FirstOrDefault(t => t.FullName == tableName)
                ?? throw new ReferenceDataException(sources.RelativePath(file), 1, "(file name)", $"no table {tableName} in the model");
            tables.Add(ReadCsv(sources.RelativePath(file), file, table));
        }
        return tables;
    }

    private static ReferenceTable ReadCsv(string displayName, string path, TableDefinition table)
    {
        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false, true));
        using var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true });
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrEmpty))
            throw new ReferenceDataException(displayName, 1, "(header)", "the file is empty");
        foreach (var name in header)
            if (table.Columns.All(c => c.Name != name))
                throw new ReferenceDataException(displayName, 1, name, $"{table.FullName} has no such column");

        // Columns the CSV does not carry are filled the same way for every row, so the file stays about content.
        var implied = new Dictionary<string, object?> { ["LineageKey"] = DeploymentLineageKey };
        if (table.IsSlowlyChanging)
        {
            implied["ValidFrom"] = SeedValidFrom;
            implied["ValidTo"] = OpenValidTo;
            implied["IsCurrent"] = true;
        }
        var columns = header.Concat(implied.Keys.Where(k => !header.Contains(k) && table.Columns.Any(c => c.Name == k))).ToList();
        var missing = table.Columns.Where(c => !columns.Contains(c.Name) && !c.IsNullable).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            throw new ReferenceDataException(displayName, 1, missing[0], "required column missing from the header");

        var rows = new List<object?[]>();
        long line = 1;
        while (csv.Read())
        {
            line++;
            if (csv.RowFieldCount != header.Length)
                throw new ReferenceDataException(displayName, line, "(row)", $"{csv.RowFieldCount} fields where the header has {header.Length}");
            var row = new object?[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                var column = table.Column(columns[i]);
                if (i < header.Length)
                {
                    var text = csv.GetString(i);
                    try { row[i] = ConvertText(text, column); }
                    catch (FormatException ex) { throw new ReferenceDataException(displayName, line, column.Name, ex.Message); }
                }
                else row[i] = implied[columns[i]];
            }
            rows.Add(row);
        }
        var keyIndexes = table.PrimaryKey.Select(k => columns.IndexOf(k)).ToArray();
        // A table keyed by one surrogate key is a dimension, whose first member is Unknown; a table keyed by its business
        // columns (dw.PublishedFigure: table, year, measure) has no Unknown member.
        if (keyIndexes.Length == 1 && (rows.Count == 0 || Convert.ToInt64(rows[0][keyIndexes[0]], CultureInfo.InvariantCulture) != 0))
            throw new ReferenceDataException(displayName, 2, table.PrimaryKey[0], "the first row must be the Unknown member with key 0");
        var duplicate = rows.GroupBy(r => string.Join('/', keyIndexes.Select(i => Convert.ToString(r[i], CultureInfo.InvariantCulture)))).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ReferenceDataException(displayName, 0, string.Join(", ", table.PrimaryKey), $"key {duplicate.Key} appears more than once");
        return new ReferenceTable(table, columns, rows);
    }

    /// <summary>Turns CSV text into the CLR value of the column's SQL type; empty text is NULL.</summary>
    public static object? ConvertText(string text, ColumnDefinition column)
    {
        if (text.Length == 0)
        {
            if (!column.IsNullable) throw new FormatException("a value is required");
            return null;
        }
        var inv = CultureInfo.InvariantCulture;
        object value = column.SqlType switch
        {
            "int" => int.Parse(text, NumberStyles.Integer, inv),
            "bigint" => long.Parse(text, NumberStyles.Integer, inv),
            "smallint" => short.Parse(text, NumberStyles.Integer, inv),
            "tinyint" => byte.Parse(text, NumberStyles.Integer, inv),
            "bit" => text switch { "1" or "true" or "True" => true, "0" or "false" or "False" => false, _ => throw new FormatException($"'{text}' is not 0 or 1") },
            "date" => DateOnly.ParseExact(text, "yyyy-MM-dd", inv),
            "datetime2" => DateTime.Parse(text, inv, DateTimeStyles.RoundtripKind),
            "decimal" or "numeric" => decimal.Parse(text, NumberStyles.Number, inv),
            "char" or "varchar" or "nchar" or "nvarchar" => text,
            "binary" => Convert.FromHexString(text) is var bytes && bytes.Length == column.Length ? bytes
                : throw new FormatException($"'{text}' is not {column.Length} bytes in hex"),
            _ => throw new FormatException($"type {column.SqlType} is not supported in reference data"),
        };
        if (value is string s && !column.IsMax && s.Length > column.Length)
            throw new FormatException($"'{s}' is longer than {column.SqlTypeText} allows");
        return value;
    }
}

/// <summary>The date dimension: one row per day, calendar and federal fiscal (October–September) attributes.</summary>
public static class DateDimension
{
    public static ReferenceTable Build(TableDefinition table)
    {
        var columns = Columns;
        foreach (var c in columns) table.Column(c);
        var rows = new List<object?[]>
        {
            // The Unknown date: a real date far outside any fiscal year the reports select.
            new object?[] { 0, new DateOnly(1900, 1, 1), (short)1900, (byte)1, (byte)1, "Unknown", (byte)1, (byte)1, "Unknown", (short)1900, (byte)1, (byte)1, "Unknown", false, ReferenceData.DeploymentLineageKey },
        };
        for (var d = ReferenceData.FirstDate; d <= ReferenceData.LastDate; d = d.AddDays(1))
            rows.Add(Row(d, ReferenceData.DeploymentLineageKey));
        return new ReferenceTable(table, columns, rows);
    }

    /// <summary>The columns of <see cref="Row"/>, in its order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "DateKey", "Date", "CalendarYear", "CalendarQuarter", "CalendarMonth", "MonthName", "DayOfMonth",
        "DayOfWeek", "DayName", "FiscalYear", "FiscalQuarter", "FiscalMonth", "FiscalYearLabel", "IsWeekend", "LineageKey",
    ];

    /// <summary>One day's row: what deployment writes and what a load adds when it extends the calendar.</summary>
    public static object?[] Row(DateOnly d, int lineageKey)
    {
        var fiscalYear = FiscalYear(d);
        var fiscalMonth = (d.Month + 2) % 12 + 1;
        var isoDay = d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek;
        return
        [
            DateKey(d), d, (short)d.Year, (byte)((d.Month - 1) / 3 + 1), (byte)d.Month,
            CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(d.Month), (byte)d.Day, (byte)isoDay,
            d.DayOfWeek.ToString(), (short)fiscalYear, (byte)((fiscalMonth - 1) / 3 + 1), (byte)fiscalMonth,
            $"FY{fiscalYear}", isoDay >= 6, lineageKey,
        ];
    }

    /// <summary>The federal fiscal year a day falls in: October to September, named by the year it ends.</summary>
    public static int FiscalYear(DateOnly d) => d.Month >= 10 ? d.Year + 1 : d.Year;

    public static int DateKey(DateOnly d) => d.Year * 10000 + d.Month * 100 + d.Day;
}
