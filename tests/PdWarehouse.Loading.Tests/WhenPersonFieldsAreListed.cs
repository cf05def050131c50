using PdWarehouse.Etl.Feeds;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Loading.Tests;

/// <summary>
/// PersonFields is the one list of identifying fields the loader, the upgrade scrub and the scans use: it must name the
/// person columns of every feed that carries persons, as the feed catalog and the staging tables spell them.
/// </summary>
[Collection(LoadingCollection.Name)]
public sealed class WhenPersonFieldsAreListed(LoadingFixture fixture)
{
    [Fact]
    public void Every_person_feed_and_its_staging_table_have_every_identifying_field()
    {
        var personFeeds = FeedCatalog.All.Where(f => f.IndexOf(PersonFields.ANumber) >= 0).ToList();
        Assert.True(personFeeds.Count >= 9, $"only {personFeeds.Count} feeds carry persons");
        foreach (var feed in personFeeds)
            foreach (var field in PersonFields.Identifying)
            {
                Assert.True(feed.IndexOf(field) >= 0, $"{feed.Name} has no {field}");
                Assert.True(fixture.Model.Table(feed.StagingTable).Columns.Any(c => c.Name == field && c.IsNullable), $"{feed.StagingTable}.{field} missing or NOT NULL");
            }
        // Feeds without persons carry no identifying field either: nothing of theirs is withheld by mistake or kept by mistake.
        Assert.All(FeedCatalog.All.Except(personFeeds), f => Assert.DoesNotContain(f.Columns, c => PersonFields.IsIdentifying(c.Name)));
    }
}
