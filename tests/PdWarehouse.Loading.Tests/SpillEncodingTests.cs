using DuckDB.NET.Data;
using PdWarehouse.Etl.Engines;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// Whatever a string holds, DuckDB's spill files carry it to the table unchanged: a rejected row keeps its raw line,
/// and a raw line can hold any character a sender typed or a broken system wrote (issue 24: one carriage return in a
/// rejected row made read_csv refuse the spill, and nothing of the delivery loaded). The only substitutions are those
/// no DuckDB string can hold (NUL) and no UTF-8 text can encode (a lone UTF-16 surrogate): both become U+FFFD.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class SpillEncodingTests(LoadingFixture fixture)
{
    private static readonly TableDefinition Probe = new("main", "SpillProbe",
        [
            new ColumnDefinition("Id", "int", 0, false, 10, 0, false, false),
            new ColumnDefinition("Text", "nvarchar", 0, true, 0, 0, true, false),
            new ColumnDefinition("After", "nvarchar", 20, false, 0, 0, true, false),
        ], null, ["Id"], false, "");

    /// <summary>Every value that ever broke, or could break, a CSV dialect: each control character alone and inside text,
    /// line ends of every kind, quotes and delimiters at every position, escapes, surrogates, and text that looks like
    /// the encoding itself.</summary>
    public static IEnumerable<string> Values()
    {
        for (var c = 1; c < 0x20; c++)
        {
            yield return ((char)c).ToString();
            yield return $"AB{(char)c}CD";
        }
        yield return "\u007F";
        yield return "\u0085 next line \u2028 line separator \u2029 paragraph";
        yield return "AB\rCD";
        yield return "\r";
        yield return "\n";
        yield return "\r\n";
        yield return "\n\r";
        yield return "line one\nline two\r\nline three\rline four";
        yield return "\"";
        yield return "\"\"";
        yield return "\"quoted\"";
        yield return "AB\"CD\"EF";
        yield return "a,b";
        yield return ",";
        yield return "\\";
        yield return "\\n";
        yield return "\\\"";
        yield return "'";
        yield return "";
        yield return " ";
        yield return "NULL";
        yield return "\u001b[2J\u001b]0;pwned\u0007";
        yield return "ñandú 漢字 😀";
        yield return "\uFFFD";
        yield return "\uFEFF at the start";
        yield return new string('x', 40_000) + "\r" + new string('y', 10);
        for (var i = 0; i < 4; i++) yield return Escaped(i);
    }

    /// <summary>Strings that look like the escaped form of something: they must come back as themselves.</summary>
    private static string Escaped(int i) => i switch
    {
        0 => "\\u000D",
        1 => "%0D%0A",
        2 => "&#13;",
        _ => "\\r\\n",
    };

    private static List<string?> Read(DuckDBConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT Text, After FROM main.SpillProbe ORDER BY Id";
        using var reader = cmd.ExecuteReader();
        var values = new List<string?>();
        while (reader.Read())
        {
            Assert.Equal("after", reader.GetString(1));   // nothing in Text spilled over into the next column
            values.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }
        return values;
    }

    private List<string?> RoundTrip(IReadOnlyList<string?> values, int chunkRows = DuckDbBulkWriter.ChunkRows)
    {
        using var connection = DuckDbConnectionFactory.OpenExisting(fixture.NewWarehouse());
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE main.SpillProbe (Id INTEGER, Text VARCHAR, After VARCHAR)";
            create.ExecuteNonQuery();
        }
        using var tx = connection.BeginTransaction();
        using (var writer = new DuckDbBulkWriter(connection, Probe, ["Id", "Text", "After"], chunkRows, tx))
        {
            for (var i = 0; i < values.Count; i++) writer.Add([i, values[i], "after"]);
            writer.Complete();
        }
        tx.Commit();
        return Read(connection);
    }

    [Fact]
    public void Every_control_character_line_end_and_quote_arrives_unchanged()
    {
        var values = Values().ToList<string?>();
        values.Add(null);
        Assert.Equal(values, RoundTrip(values));
    }

    [Fact]
    public void NUL_and_lone_surrogates_become_the_replacement_character_and_nothing_else_changes()
    {
        string?[] values = ["A\0B", "\0", "x\uD800y", "\uDC00", "end\uD83D", "\uD83D\uDE00 is whole"];
        Assert.Equal(["A\uFFFDB", "\uFFFD", "x\uFFFDy", "\uFFFD", "end\uFFFD", "\uD83D\uDE00 is whole"], RoundTrip(values));
    }

    private const string Awkward = "\r\n\"\\,'\t\u001b\u0001 aZ";

    [Theory]
    [InlineData("AB\rCD")]
    [InlineData("\r")]
    [InlineData("R1,ATL,\"AB\rCD\",x")]
    [InlineData("\n")]
    [InlineData("AB\nCD")]
    [InlineData("\r\n")]
    public void A_line_end_in_the_first_row_of_a_spill_arrives_unchanged(string value)
    {
        Assert.Equal([value, "plain"], RoundTrip([value, "plain"]));
    }

    [Fact]
    public void Random_strings_of_any_UTF16_code_units_round_trip_across_chunks()
    {
        var random = new Random(24);
        var values = new List<string?>();
        for (var i = 0; i < 3_000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
                // Mostly the characters CSV dialects care about, some of the whole range.
                chars[j] = random.Next(4) == 0 ? (char)random.Next(1, 0xD800) : Awkward[random.Next(Awkward.Length)];
            values.Add(new string(chars));
        }
        Assert.Equal(values, RoundTrip(values, chunkRows: 700));
    }
}
