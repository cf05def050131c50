namespace PdWarehouse.Etl.Generation;

/// <summary>
/// Counter-based randomness: every draw is a pure function of (seed, stream, index), so any record or person can be
/// recomputed from its index alone — which is what keeps the generator's memory flat and its output order-independent.
/// </summary>
public static class Prng
{
    /// <summary>SplitMix64-style avalanche of the three inputs.</summary>
    public static ulong Hash(ulong seed, ulong stream, ulong index)
    {
        var z = seed * 0x9E3779B97F4A7C15UL ^ (stream + 0x632BE59BD9B4E019UL) * 0xBF58476D1CE4E5B9UL ^ index * 0x94D049BB133111EBUL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        z = (z ^ (z >> 29)) * 0xBF58476D1CE4E5B9UL;
        return z ^ (z >> 32);
    }

    public static double Unit(ulong seed, ulong stream, ulong index) => (Hash(seed, stream, index) >> 11) * (1.0 / (1UL << 53));

    public static long Below(ulong seed, ulong stream, ulong index, long n) => n <= 0 ? 0 : (long)(Hash(seed, stream, index) % (ulong)n);

    /// <summary>Index drawn from cumulative weights (last element = total).</summary>
    public static int Pick(double[] cumulative, double unit)
    {
        var target = unit * cumulative[^1];
        var lo = 0;
        var hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cumulative[mid] > target) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    public static double[] Cumulative(IReadOnlyList<double> weights)
    {
        var c = new double[weights.Count];
        double sum = 0;
        for (var i = 0; i < c.Length; i++) c[i] = sum += weights[i];
        return c;
    }

    /// <summary>Stream ids: one per purpose, so that draws for different attributes never correlate.</summary>
    public static ulong Stream(string purpose)
    {
        ulong h = 1469598103934665603UL;
        foreach (var ch in purpose) h = (h ^ ch) * 1099511628211UL;
        return h;
    }
}

/// <summary>
/// A keyed bijection on [0, size): a xorshift-multiply permutation of the enclosing power of two, cycle-walked back
/// into range. Used to give every person a distinct A-number, FIN and name without storing any of them.
/// </summary>
public sealed class Permutation
{
    readonly ulong size;
    readonly int bits;
    readonly ulong mask;
    readonly ulong[] keys;

    public Permutation(ulong size, ulong seed, ulong stream)
    {
        this.size = size;
        bits = Math.Max(8, 64 - System.Numerics.BitOperations.LeadingZeroCount(size - 1));
        mask = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        keys = new ulong[8];
        for (var i = 0; i < keys.Length; i++) keys[i] = Prng.Hash(seed, stream, (ulong)i);
    }

    public ulong this[ulong x]
    {
        get
        {
            do x = Round(x); while (x >= size);
            return x;
        }
    }

    ulong Round(ulong x)
    {
        for (var r = 0; r < 4; r++)
        {
            x = (x + keys[2 * r]) & mask;
            x = (x * (keys[2 * r + 1] | 1)) & mask;
            x ^= x >> (bits / 2 + 1);
        }
        return x;
    }
}

/// <summary>
/// Exact apportionment of n records to categories: record k lands in the category whose cumulative range holds
/// (k·P + offset) mod n for a prime P &gt; n — a full-period stride, so categories are spread through the file and
/// every category receives exactly its count.
/// </summary>
public sealed class Allocator
{
    const long Stride = 2_147_483_647; // prime
    readonly long n;
    readonly long offset;
    readonly long[] cumulative;

    public Allocator(IReadOnlyList<long> counts, ulong seed, ulong stream)
    {
        cumulative = new long[counts.Count];
        long sum = 0;
        for (var i = 0; i < counts.Count; i++) cumulative[i] = sum += counts[i];
        n = sum;
        if (n >= Stride) throw new ArgumentOutOfRangeException(nameof(counts), "too many records for one allocator");
        offset = n == 0 ? 0 : (long)(Prng.Hash(seed, stream, 0) % (ulong)n);
    }

    public long Total => n;

    /// <summary>The position of record k in category order (a bijection on [0, n)).</summary>
    public long Slot(long k) => (long)(((UInt128)(ulong)k * Stride + (ulong)offset) % (ulong)n);

    /// <summary>Category of a slot and the slot's index inside its category.</summary>
    public int Category(long slot, out long within)
    {
        var lo = 0;
        var hi = cumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (cumulative[mid] > slot) hi = mid; else lo = mid + 1;
        }
        within = slot - (lo == 0 ? 0 : cumulative[lo - 1]);
        return lo;
    }

    public long CountOf(int category) => cumulative[category] - (category == 0 ? 0 : cumulative[category - 1]);
    public long StartOf(int category) => category == 0 ? 0 : cumulative[category - 1];

    /// <summary>Largest-remainder apportionment of total to weights; ties go to the lower index. Exact when weights sum to total.</summary>
    public static long[] Apportion(long total, IReadOnlyList<double> weights)
    {
        var sum = weights.Sum();
        var result = new long[weights.Count];
        if (total <= 0 || sum <= 0) return result;
        var remainders = new (double Rem, int Index)[weights.Count];
        long assigned = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = total * weights[i] / sum;
            result[i] = (long)Math.Floor(exact + 1e-9);
            assigned += result[i];
            remainders[i] = (exact - result[i], i);
        }
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Rem).ThenBy(r => r.Index).Take((int)(total - assigned)))
            result[index]++;
        return result;
    }
}
