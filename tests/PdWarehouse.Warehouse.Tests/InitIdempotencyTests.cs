using System.Security.Cryptography;
using System.Text;
using PdWarehouse.Etl.Engines;

namespace PdWarehouse.Warehouse.Tests;

[Collection(WarehouseCollection.Name)]
public sealed class InitIdempotencyTests(WarehouseFixture fixture)
{
    [Fact]
    public void The_first_init_creates_every_table_and_loads_every_reference_row()
    {
        Assert.True(fixture.InitResult.Created);
        Assert.Equal(fixture.Model.Tables.Count, fixture.InitResult.TablesCreated);
        Assert.Equal(fixture.Reference.Sum(r => r.Rows.Count), fixture.InitResult.Reference.Sum(r => r.Inserted));
    }

    [Fact]
    public void Init_twice_on_the_same_file_leaves_identical_contents_and_says_nothing_changed()
    {
        var path = Path.Combine(fixture.Directory, "twice.duckdb");
        var initializer = new DuckDbWarehouseInitializer(fixture.Model, fixture.Reference);
        initializer.Initialize(path);
        var before = Checksums(path);

        var second = initializer.Initialize(path);

        Assert.False(second.Created);
        Assert.Equal(0, second.TablesCreated);
        Assert.Equal(fixture.Model.Tables.Count, second.TablesExisting);
        Assert.All(second.Reference, r => Assert.True(r.Inserted == 0 && r.Updated == 0, $"{r.Table} changed on re-init"));
        Assert.Equal(before, Checksums(path));
    }

    [Fact]
    public void Init_repairs_a_reference_row_edited_by_hand_and_reports_it()
    {
        var path = Path.Combine(fixture.Directory, "repair.duckdb");
        var initializer = new DuckDbWarehouseInitializer(fixture.Model, fixture.Reference);
        initializer.Initialize(path);
        var before = Checksums(path);
        using (var c = DuckDbConnectionFactory.OpenExisting(path))
        using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "UPDATE dw.DimCountry SET Region = 'Europe' WHERE CountryCode = 'MX'";
            cmd.ExecuteNonQuery();
        }

        var result = initializer.Initialize(path);

        Assert.Equal(1, result.Reference.Single(r => r.Table == "dw.DimCountry").Updated);
        Assert.Equal(before, Checksums(path));
    }

    [Fact]
    public void Init_on_a_warehouse_from_an_earlier_release_adds_the_nullable_columns_the_model_has_since_gained()
    {
        var path = Path.Combine(fixture.Directory, "older.duckdb");
        var initializer = new DuckDbWarehouseInitializer(fixture.Model, fixture.Reference);
        initializer.Initialize(path);
        var before = Checksums(path);
        Execute(path, "ALTER TABLE etl.PersonLabel DROP COLUMN KnownPersonHash");   // as the release before it was added made it

        initializer.Initialize(path);

        Assert.Equal(before, Checksums(path));
        Assert.Equal(1L, Scalar(path, "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = 'etl' AND table_name = 'PersonLabel' AND column_name = 'KnownPersonHash'"));
    }

    [Fact]
    public void Init_on_a_warehouse_from_before_PersonId_gives_every_version_its_persons_first_key()
    {
        var path = Path.Combine(fixture.Directory, "before-person-id.duckdb");
        var initializer = new DuckDbWarehouseInitializer(fixture.Model, fixture.Reference);
        initializer.Initialize(path);
        // Person A has two versions (keys 5 and 9), person B one (key 7), as an earlier release loaded them.
        Execute(path, """
            INSERT INTO dw.DimPerson (PersonKey, PersonId, PersonHash, Sex, BirthYear, CitizenshipCountryCode, CriminalStatus, ThreatLevel, ValidFrom, ValidTo, IsCurrent, LineageKey) VALUES
            (5, 0, 170, 'U', NULL, 'ZZ', 'NON-CRIMINAL', NULL, TIMESTAMP '1900-01-01', TIMESTAMP '2014-06-01', false, 0),
            (9, 0, 170, 'U', NULL, 'ZZ', 'CRIMINAL', NULL, TIMESTAMP '2014-06-01', TIMESTAMP '9999-12-31', true, 0),
            (7, 0, 187, 'U', NULL, 'ZZ', 'UNKNOWN', NULL, TIMESTAMP '1900-01-01', TIMESTAMP '9999-12-31', true, 0)
            """);
        Execute(path, "ALTER TABLE dw.DimPerson DROP COLUMN PersonId");

        var result = initializer.Initialize(path);

        Assert.Equal([new AddedColumn("dw.DimPerson.PersonId", 3)], result.ColumnsAdded);   // key 0 already holds 0
        Assert.Equal("0:0 5:5 7:7 9:5", Text(path, "SELECT string_agg(PersonKey || ':' || PersonId, ' ' ORDER BY PersonKey) FROM dw.DimPerson"));
        Assert.Equal("NO", Text(path, "SELECT is_nullable FROM information_schema.columns WHERE table_schema = 'dw' AND table_name = 'DimPerson' AND column_name = 'PersonId'"));
    }

    [Fact]
    public void Init_refuses_a_warehouse_lacking_a_not_null_column_and_names_it()
    {
        var path = Path.Combine(fixture.Directory, "lacking.duckdb");
        var initializer = new DuckDbWarehouseInitializer(fixture.Model, fixture.Reference);
        initializer.Initialize(path);
        Execute(path, "ALTER TABLE etl.PersonLabel DROP COLUMN PersonHash");

        var error = Assert.Throws<WarehouseDatabaseException>(() => initializer.Initialize(path));

        Assert.Contains("etl.PersonLabel", error.Message, StringComparison.Ordinal);
        Assert.Contains("Label", error.Message, StringComparison.Ordinal);
    }

    private static void Execute(string path, string sql)
    {
        using var c = DuckDbConnectionFactory.OpenExisting(path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static string Text(string path, string sql) =>
        Convert.ToString(FirstValue(path, sql), System.Globalization.CultureInfo.InvariantCulture)!;

    private static long Scalar(string path, string sql) =>
        Convert.ToInt64(FirstValue(path, sql), System.Globalization.CultureInfo.InvariantCulture);

    private static object? FirstValue(string path, string sql)
    {
        using var c = DuckDbConnectionFactory.OpenExisting(path);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    /// <summary>An ordered checksum of every table: equal checksums mean row-for-row equal contents.</summary>
    internal static Dictionary<string, string> Checksums(string path)
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(path);
        var tables = new List<string>();
        using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' ORDER BY 1";
            using var r = cmd.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        var result = new Dictionary<string, string>();
        foreach (var t in tables)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT * FROM {t} ORDER BY ALL";
            using var r = cmd.ExecuteReader();
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            while (r.Read())
                for (var i = 0; i < r.FieldCount; i++)
                    sha.AppendData(Encoding.UTF8.GetBytes((r.IsDBNull(i) ? "\u0000" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)) + "\u001f"));
            result[t] = Convert.ToHexString(sha.GetHashAndReset());
        }
        return result;
    }
}
