using System.Text;
using PdWarehouse.Etl.Feeds;

namespace PdWarehouse.Etl.Tests;

/// <summary>Bad lines are reported on their own physical line with the documented reason code, and reading carries on.</summary>
public sealed class RowErrorTests : IDisposable
{
    readonly TempFolder temp = new();
    public void Dispose() => temp.Dispose();

    List<FeedRow> Read(byte[] content)
    {
        var delivery = DeliveryReader.Open(DeliveryBuilder.Write(temp.Path, content));
        using var reader = new FeedFileReader(delivery, delivery.Manifest.Files[0]);
        return reader.ReadRows().ToList();
    }

    List<FeedRow> Read(params string[] rows) => Read(Encoding.UTF8.GetBytes(DeliveryBuilder.Header + "\n" + string.Join("\n", rows) + "\n"));

    static void AssertReason(FeedRow row, string reason, string? field = null)
    {
        Assert.Null(row.Values);
        var error = Assert.Single(row.Errors);
        Assert.Equal(reason, error.ReasonCode);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Each_reason_code_is_given_on_its_line_and_good_lines_between_them_parse()
    {
        var rows = Read(
            DeliveryBuilder.Row(recordId: "R1"),
            DeliveryBuilder.Row(recordId: "R2", date: "2013-02-30"),
            DeliveryBuilder.Row(recordId: "R3", date: "2014-03-01"),
            DeliveryBuilder.Row(recordId: "R4", type: "DEPORTED"),
            DeliveryBuilder.Row(recordId: "R5", criminal: ""),
            DeliveryBuilder.Row(recordId: "R6", threat: "two"),
            DeliveryBuilder.Row(recordId: "R7", aor: "HOUSTON"),
            DeliveryBuilder.Row(recordId: "R8") + ",EXTRA",
            DeliveryBuilder.Row(recordId: "R9", family: "\"GARCIA LOPEZ"),
            DeliveryBuilder.Row(recordId: "R10", family: "\"GARCIA\"LOPEZ"),
            DeliveryBuilder.Row(recordId: "R1"),
            DeliveryBuilder.Row(recordId: "R12", aor: "ZZZ", country: "QZ"),
            "",
            DeliveryBuilder.Row(recordId: "R14", family: "\"GARCIA, LOPEZ\""));
        Assert.Equal(14, rows.Count);
        Assert.Equal(Enumerable.Range(2, 14).Select(i => (long)i), rows.Select(r => r.LineNumber));
        Assert.True(rows[0].IsValid);
        Assert.Equal("R1", rows[0].Values![0]);
        Assert.Equal(new DateOnly(2013, 3, 1), rows[0].Values![2]);
        Assert.Equal(2, rows[0].Values![5]);
        AssertReason(rows[1], ReasonCodes.InvalidDate, "DepartureDate");
        AssertReason(rows[2], ReasonCodes.DateOutOfPeriod, "DepartureDate");
        AssertReason(rows[3], ReasonCodes.InvalidCode, "DepartureType");
        AssertReason(rows[4], ReasonCodes.MissingRequired, "CriminalStatus");
        AssertReason(rows[5], ReasonCodes.InvalidNumber, "ThreatLevel");
        AssertReason(rows[6], ReasonCodes.TooLong, "AreaOfResponsibility");
        AssertReason(rows[7], ReasonCodes.MalformedRow);
        AssertReason(rows[8], ReasonCodes.MalformedRow);
        AssertReason(rows[9], ReasonCodes.MalformedRow);
        AssertReason(rows[10], ReasonCodes.DuplicateRecord);
        // Unknown dimension codes are the loader's business: the reader accepts them.
        Assert.True(rows[11].IsValid);
        Assert.Equal("QZ", rows[11].Values![12]);
        AssertReason(rows[12], ReasonCodes.MalformedRow);
        Assert.True(rows[13].IsValid);
        Assert.Equal("GARCIA, LOPEZ", rows[13].Values![8]);
        Assert.Equal(DeliveryBuilder.Row(recordId: "R2", date: "2013-02-30"), rows[1].RawText);
    }

    [Fact]
    public void Invalid_utf8_is_reported_for_its_line_and_reading_continues()
    {
        var good = Encoding.UTF8.GetBytes(DeliveryBuilder.Row(recordId: "R1", family: "NÚÑEZ") + "\n");
        var bad = Encoding.Latin1.GetBytes(DeliveryBuilder.Row(recordId: "R2", family: "NÚÑEZ") + "\n");
        var after = Encoding.UTF8.GetBytes(DeliveryBuilder.Row(recordId: "R3") + "\n");
        var rows = Read([.. Encoding.UTF8.GetBytes(DeliveryBuilder.Header + "\n"), .. good, .. bad, .. after]);
        Assert.Equal(3, rows.Count);
        Assert.Equal("NÚÑEZ", rows[0].Values![8]);
        AssertReason(rows[1], ReasonCodes.InvalidEncoding);
        Assert.Contains('\uFFFD', rows[1].RawText);
        Assert.Equal(3, rows[1].LineNumber);
        Assert.True(rows[2].IsValid);
    }

    [Fact]
    public void A_csv_bomb_becomes_one_rejected_line_not_an_out_of_memory()
    {
        var huge = new string('A', 3 * 1024 * 1024);
        var rows = Read(DeliveryBuilder.Row(recordId: "R1"), DeliveryBuilder.Row(recordId: "R2", family: huge), DeliveryBuilder.Row(recordId: "R3"));
        Assert.Equal(3, rows.Count);
        Assert.True(rows[0].IsValid);
        AssertReason(rows[1], ReasonCodes.TooLong);
        Assert.True(rows[1].RawText.Length < 1000);
        Assert.True(rows[2].IsValid);
        Assert.Equal(4, rows[2].LineNumber);
    }

    [Fact]
    public void A_field_just_over_its_limit_is_too_long_and_crlf_line_ends_are_accepted()
    {
        var rows = Read(Encoding.UTF8.GetBytes(DeliveryBuilder.Header + "\r\n" + DeliveryBuilder.Row(recordId: "R1") + "\r\n"
            + DeliveryBuilder.Row(recordId: "R2", family: new string('X', 101)) + "\r\n"));
        Assert.True(rows[0].IsValid);
        AssertReason(rows[1], ReasonCodes.TooLong, "FamilyName");
    }

    [Fact]
    public void Broken_quoting_does_not_swallow_the_following_lines()
    {
        var rows = Read(
            DeliveryBuilder.Row(recordId: "R1", family: "\"A\"B"),
            DeliveryBuilder.Row(recordId: "R2"),
            DeliveryBuilder.Row(recordId: "R3", family: "\"A\"B"),
            DeliveryBuilder.Row(recordId: "R4"));
        Assert.Equal(4, rows.Count);
        AssertReason(rows[0], ReasonCodes.MalformedRow);
        Assert.Equal("R2", rows[1].Values![0]);
        AssertReason(rows[2], ReasonCodes.MalformedRow);
        Assert.Equal("R4", rows[3].Values![0]);
    }

    [Theory]
    [InlineData("-3", ReasonCodes.InvalidCode)]
    [InlineData("257", ReasonCodes.InvalidCode)]
    [InlineData("7", ReasonCodes.InvalidCode)]
    [InlineData("0", ReasonCodes.InvalidCode)]
    [InlineData("+2", ReasonCodes.InvalidNumber)]
    [InlineData(" 2", ReasonCodes.InvalidNumber)]
    [InlineData("2.0", ReasonCodes.InvalidNumber)]
    [InlineData("٢", ReasonCodes.InvalidNumber)]
    [InlineData("99999999999", ReasonCodes.InvalidCode)]
    public void An_integer_outside_the_catalogs_code_list_or_not_plain_digits_is_rejected(string threat, string reason)
    {
        var rows = Read(DeliveryBuilder.Row(recordId: "R1", threat: "3"), DeliveryBuilder.Row(recordId: "R2", threat: threat));
        Assert.Equal(3, rows[0].Values![5]);
        AssertReason(rows[1], reason, "ThreatLevel");
    }

    [Theory]
    [InlineData("AB\"CD\"EF")]
    [InlineData("AB\"\"")]
    [InlineData("\"AB\"\"CD\"x")]
    [InlineData("\"\"\"\"X")]
    public void Misplaced_quotes_are_a_malformed_row(string family)
    {
        var rows = Read(DeliveryBuilder.Row(recordId: "R1"), DeliveryBuilder.Row(recordId: "R2", family: family), DeliveryBuilder.Row(recordId: "R3"));
        Assert.True(rows[0].IsValid);
        AssertReason(rows[1], ReasonCodes.MalformedRow);
        Assert.True(rows[2].IsValid);
    }

    [Theory]
    [InlineData("\"GARCIA \"\"EL\"\" LOPEZ\"", "GARCIA \"EL\" LOPEZ")]
    [InlineData("\"\"", null)]
    [InlineData("\"\"\"\"", "\"")]
    public void Quotes_as_RFC_4180_writes_them_are_accepted(string family, string? value)
    {
        var rows = Read(DeliveryBuilder.Row(recordId: "R1", family: family));
        Assert.True(rows[0].IsValid, string.Join("; ", rows[0].Errors.Select(e => e.Message)));
        Assert.Equal(value, rows[0].Values![8]);
    }
}

public sealed class DateParsingTests
{
    [Theory]
    [InlineData("2013-02-28")]
    [InlineData("2012-02-29")]
    [InlineData("2013-02-29")]
    [InlineData("2013-02-30")]
    [InlineData("2013-13-01")]
    [InlineData("2013-00-10")]
    [InlineData("2013-04-31")]
    [InlineData("0000-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2013-1-01")]
    [InlineData("2013/01/01")]
    [InlineData("20130101")]
    [InlineData("01/02/2013")]
    [InlineData(" 2013-01-01")]
    [InlineData("2013-01-0a")]
    [InlineData("２０１３-01-01")]
    public void The_date_parser_agrees_with_DateOnly_TryParseExact(string text)
    {
        var expected = DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var e);
        Assert.Equal(expected, FeedFileReader.TryParseIsoDate(text, out var actual));
        if (expected) Assert.Equal(e, actual);
    }
}
