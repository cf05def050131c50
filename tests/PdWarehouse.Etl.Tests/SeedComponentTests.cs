using PdWarehouse.Etl.Loading;

namespace PdWarehouse.Etl.Tests;

/// <summary>
/// Identity resolution joins the batch's starting-label ranks in memory; each component must take its smallest rank,
/// since that rank carries the smallest label (the existing person that wins, or the smallest new identifier).
/// </summary>
public sealed class SeedComponentTests
{
    [Fact]
    public void A_chain_linked_from_its_far_end_takes_its_smallest_rank()
    {
        var components = new SeedComponents(6);
        foreach (var (a, b) in new[] { (6, 5), (5, 4), (4, 3), (3, 2) }) components.Link(a, b);

        Assert.Equal([(3, 2), (4, 2), (5, 2), (6, 2)], components.Joined().ToArray());
        Assert.Equal(1, components.Find(1));
    }

    [Fact]
    public void A_missing_identifier_links_nothing()
    {
        var components = new SeedComponents(3);
        components.Link(null, 2);
        components.Link(3, null);

        Assert.Empty(components.Joined());
    }

    [Fact]
    public void A_rank_outside_the_batch_is_refused()
    {
        var components = new SeedComponents(3);

        Assert.Throws<ArgumentOutOfRangeException>(() => components.Link(1, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => components.Find(0));
    }

    [Theory]
    [InlineData(1, 2_000, 1_500)]
    [InlineData(2, 2_000, 3_000)]
    [InlineData(3, 50_000, 40_000)]
    public void Random_links_give_the_components_a_graph_search_finds(int seed, int count, int links)
    {
        var random = new Random(seed);
        var edges = Enumerable.Range(0, links).Select(_ => (random.Next(1, count + 1), random.Next(1, count + 1))).ToList();
        var components = new SeedComponents(count);
        foreach (var (a, b) in edges) components.Link(a, b);

        var expected = SmallestReachable(count, edges);
        var joined = components.Joined().ToDictionary(j => j.Seed, j => j.Root);
        for (var node = 1; node <= count; node++)
            Assert.Equal(expected[node], joined.GetValueOrDefault(node, node));
        Assert.All(joined, j => Assert.True(j.Value < j.Key));
    }

    /// <summary>The reference: a breadth-first search from each node in ascending order labels its whole component.</summary>
    private static int[] SmallestReachable(int count, List<(int, int)> edges)
    {
        var neighbours = Enumerable.Range(0, count + 1).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in edges) { neighbours[a].Add(b); neighbours[b].Add(a); }
        var label = new int[count + 1];
        for (var start = 1; start <= count; start++)
        {
            if (label[start] != 0) continue;
            var queue = new Queue<int>([start]);
            label[start] = start;
            while (queue.TryDequeue(out var node))
                foreach (var next in neighbours[node].Where(n => label[n] == 0))
                {
                    label[next] = start;
                    queue.Enqueue(next);
                }
        }
        return label;
    }
}
