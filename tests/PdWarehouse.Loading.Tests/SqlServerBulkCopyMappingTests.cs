using Microsoft.Data.SqlClient;
using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Loading;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// SqlBulkCopy maps columns by name, and a misspelt or missing name fails only on a live server. No server runs
/// here, so the mappings the SQL Server writer would send are checked against the dacpac model instead.
/// The writer is built on a connection that is never opened.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class SqlServerBulkCopyMappingTests(LoadingFixture fixture)
{
    private static SqlServerStagingWriter Writer(string table, IReadOnlyList<string> columns) =>
        new(new SqlConnection("Server=never-opened;TrustServerCertificate=true"), null!, table, columns);

    public static TheoryData<string> Feeds => new(FeedCatalog.All.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Feeds))]
    public void Each_feed_maps_onto_its_staging_table_in_name_and_order(string feedName)
    {
        var feed = FeedCatalog.All.Single(f => f.Name == feedName);
        var table = fixture.Model.Table(feed.StagingTable);
        // What the loader sends: the feed's columns in file order, then the batch and the source line.
        var sent = feed.Columns.Select(c => c.Name).Append("LineageKey").Append("SourceRowNumber").ToList();
        using var writer = Writer(table.FullName, sent);
        var expected = table.Columns.Select(c => (c.Name, c.Name)).ToList();
        Assert.Equal(expected, writer.Mappings);
    }

    [Theory]
    [InlineData("etl.StagedPerson")]
    [InlineData("etl.Reject")]
    [InlineData("etl.DataQualityResult")]
    [InlineData("etl.DecisionSequence")]
    public void Each_load_control_table_written_by_bulk_copy_maps_every_model_column_in_order(string tableName)
    {
        var table = fixture.Model.Table(tableName);
        using var writer = Writer(table.FullName, table.Columns.Select(c => c.Name).ToList());
        Assert.Equal(table.Columns.Select(c => (c.Name, c.Name)), writer.Mappings);
        Assert.Equal(table.Columns.Count, writer.Mappings.Select(m => m.Destination).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void A_staged_person_row_has_one_value_per_etl_StagedPerson_column()
    {
        var columns = fixture.Model.Table("etl.StagedPerson").Columns.Count;
        foreach (var feed in FeedCatalog.All)
        {
            var person = PersonColumns.For(feed);
            if (person is null) continue;
            var row = new FeedRow(2, new object?[feed.Columns.Count], [], "");
            Assert.Equal(columns, person.Stage(row, 1, fixture.Key).Length);
        }
    }
}
