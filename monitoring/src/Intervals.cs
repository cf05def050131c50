using MathNet.Numerics.Distributions;

namespace PdWarehouse.Monitoring;

/// <summary>
/// The 95% intervals the measurement gives each kind (docs/monitoring.md, "Intervals"): Wilson for shares (in
/// <see cref="IndicatorMeasurer.Wilson"/>), Garwood's exact Poisson interval for counts and for a rate's numerator,
/// and the distribution-free order-statistic interval for medians.
/// </summary>
public static class Intervals
{
    /// <summary>
    /// Garwood's exact 95% interval for the mean of a Poisson count k: [χ²(0.025; 2k) / 2, χ²(0.975; 2k + 2) / 2], with
    /// 0 as the lower end when k = 0. Exact in the sense that it never covers less than 95%; it covers more for small
    /// means, which is the price of never being too short where the counts are small.
    /// </summary>
    public static (double Low, double High) Garwood(long k)
    {
        var low = k == 0 ? 0 : ChiSquared.InvCDF(2.0 * k, 0.025) / 2;
        var high = ChiSquared.InvCDF(2.0 * k + 2, 0.975) / 2;
        return (low, high);
    }

    /// <summary>
    /// A rate k per <paramref name="per"/> of n: Garwood's interval for k, divided by n and multiplied by the base. The
    /// denominator (removals, say) is taken as known, not estimated: it is a count of the whole period, not a sample.
    /// </summary>
    public static (double Low, double High) Rate(long k, long n, int per)
    {
        var (low, high) = Garwood(k);
        return (low / n * per, high / n * per);
    }

    /// <summary>
    /// The order-statistic 95% interval for a median of n values (sorted): [x(l), x(n+1−l)] where l is the largest rank
    /// with P(Binomial(n, ½) ≤ l − 1) ≤ 0.025. It assumes only that the values are independent draws of one
    /// distribution, not its shape (interval lengths are skewed); it covers at least 95%. Null below 6 values, where no
    /// such rank exists.
    /// </summary>
    public static (double Low, double High)? Median(IReadOnlyList<int> sorted)
    {
        var n = sorted.Count;
        if (n < 6) return null;
        var binomial = new Binomial(0.5, n);
        var l = 0;
        while (binomial.CumulativeDistribution(l) <= 0.025) l++;
        // CDF(l − 1) ≤ 0.025 < CDF(l): the 1-based rank is l.
        return l < 1 ? null : (sorted[l - 1], sorted[n - l]);
    }
}
