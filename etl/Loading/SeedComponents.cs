namespace PdWarehouse.Etl.Loading;

/// <summary>
/// Union-find over a batch's starting-label ranks (1..count; etl.PersonLabel.SeedNumber). Each component's root is
/// its smallest rank, so it carries the smallest starting label: the label identity resolution gives the component.
/// Holds one integer per rank of the batch, never anything of the population or any hash.
/// </summary>
internal sealed class SeedComponents
{
    private readonly int[] _parent;

    public SeedComponents(int count)
    {
        _parent = new int[count + 1];
        for (var i = 0; i <= count; i++) _parent[i] = i;
    }

    public int Count => _parent.Length - 1;

    public int Find(int seed)
    {
        if (seed < 1 || seed > Count) throw new ArgumentOutOfRangeException(nameof(seed), seed, $"ranks run from 1 to {Count}");
        // Path halving: every other node on the way up points to its grandparent, so later finds are short.
        while (_parent[seed] != seed)
        {
            _parent[seed] = _parent[_parent[seed]];
            seed = _parent[seed];
        }
        return seed;
    }

    /// <summary>Joins the components of two ranks; either may be null (an identifier the row lacks).</summary>
    public void Link(int? a, int? b)
    {
        if (a is not { } x || b is not { } y) return;
        var (rx, ry) = (Find(x), Find(y));
        if (rx == ry) return;
        if (rx < ry) _parent[ry] = rx;
        else _parent[rx] = ry;
    }

    /// <summary>Every rank that is not its component's root, with the root: what etl.PersonComponent holds.</summary>
    public IEnumerable<(int Seed, int Root)> Joined()
    {
        for (var seed = 1; seed <= Count; seed++)
        {
            var root = Find(seed);
            if (root != seed) yield return (seed, root);
        }
    }
}
