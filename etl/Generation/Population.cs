namespace PdWarehouse.Etl.Generation;

/// <summary>A person's fixed attributes. Written forms (A-number layout, name spelling) vary by record, not here.</summary>
public readonly record struct Person(
    long Index, bool Female, int Given1, int Given2, int Family1, int Family2, DateOnly BirthDate, string Country, long? ANumber, long? Fin)
{
    public string GivenDisplay => $"{(Female ? Names.Female : Names.Male)[Given1]} {(Female ? Names.Female : Names.Male)[Given2]}";
    public string FamilyDisplay => $"{Names.Family[Family1]} {Names.Family[Family2]}";
    public bool HasIdentifier => ANumber is not null || Fin is not null;
}

/// <summary>
/// Person attributes as pure functions of (seed, person index): nothing about the population is stored. Distinct
/// indices get distinct A-numbers, FINs and (normalised) names through keyed bijections, so the identity rules of
/// docs/feeds.md can never merge two generated persons by accident.
/// </summary>
public sealed class Population
{
    static readonly DateOnly AgeReference = new(2013, 1, 1);
    static readonly DateOnly DacaBornAfter = new(1981, 6, 16);
    static readonly DateOnly DacaBornBefore = new(1997, 12, 31);

    readonly ulong seed;
    readonly Plan plan;
    readonly Permutation names, aNumbers, fins;
    readonly ulong nameSpace;
    readonly double[] borderCountries, portCountries, dacaCountries;
    readonly string[] borderCodes, portCodes, dacaCodes;
    static readonly ulong SAge = Prng.Stream("person.age");
    static readonly ulong SDay = Prng.Stream("person.day");
    static readonly ulong SCountry = Prng.Stream("person.country");
    static readonly ulong SIds = Prng.Stream("person.identifiers");

    public Population(ulong seed, Plan plan)
    {
        this.seed = seed;
        this.plan = plan;
        // Two different given names (never "JUAN JUAN"): the second is drawn from the 63 others.
        nameSpace = 2UL * (ulong)Names.Male.Length * (ulong)(Names.Male.Length - 1) * (ulong)Names.Family.Length * (ulong)Names.Family.Length;
        if ((ulong)plan.PersonSpace > nameSpace || plan.PersonSpace >= 999_999_999)
            throw new ArgumentOutOfRangeException(nameof(plan), $"scale {plan.Scale} needs {plan.PersonSpace:N0} distinct persons; the name space holds {nameSpace:N0}");
        names = new Permutation(nameSpace, seed, Prng.Stream("perm.names"));
        aNumbers = new Permutation(999_999_999, seed, Prng.Stream("perm.anumber"));
        fins = new Permutation(9_000_000_000, seed, Prng.Stream("perm.fin"));
        (borderCodes, borderCountries) = Mix(Calibration.BorderCountries, Calibration.BorderTail);
        (portCodes, portCountries) = Mix(Calibration.PortCountries, Calibration.PortTail);
        (dacaCodes, dacaCountries) = Mix(Calibration.DacaCountries, Calibration.DacaTail);
    }

    public Person this[long index]
    {
        get
        {
            var segment = plan.SegmentOf(index);
            var code = names[(ulong)index];
            var female = (code & 1) == 1;
            code >>= 1;
            var g = (ulong)Names.Male.Length;
            var f = (ulong)Names.Family.Length;
            var given1 = (int)(code % g); code /= g;
            var given2 = (int)((ulong)given1 + 1 + code % (g - 1)) % (int)g; code /= g - 1;
            var family1 = (int)(code % f); code /= f;
            var family2 = (int)(code % f);

            var (aShare, finShare, codes, weights) = segment switch
            {
                GenFeed.UsbpApprehensions or GenFeed.UsbpReleases => (0.45, 1.0, borderCodes, borderCountries),
                GenFeed.OfoInadmissibles => (0.35, 0.90, portCodes, portCountries),
                GenFeed.Daca => (0.45, 0.35, dacaCodes, dacaCountries),
                _ => (0.97, 0.92, borderCodes, borderCountries),
            };
            var country = codes[Prng.Pick(weights, Prng.Unit(seed, SCountry, (ulong)index))];
            var ids = Prng.Hash(seed, SIds, (ulong)index);
            var hasA = (ids & 0xFFFF) < aShare * 65536;
            var hasFin = ((ids >> 16) & 0xFFFF) < finShare * 65536 || !hasA;
            long? aNumber = hasA ? (long)aNumbers[(ulong)index] + 1 : null;
            long? fin = hasFin ? 1_000_000_000 + (long)fins[(ulong)index] : null;
            return new Person(index, female, given1, given2, family1, family2, BirthDate(index, segment), country, aNumber, fin);
        }
    }

    public static bool IsDacaAge(in Person p) => p.BirthDate >= DacaBornAfter && p.BirthDate <= DacaBornBefore;

    /// <summary>
    /// DACA requestors were born after 15 June 1981 and arrived young; everyone else follows an enforcement age profile
    /// (plausible: mostly young adults): 7% 5-17, 55% 18-34, 30% 35-49, 8% 50-69 on 1 January 2013.
    /// </summary>
    DateOnly BirthDate(long index, GenFeed segment)
    {
        var day = Prng.Unit(seed, SDay, (ulong)index);
        if (segment == GenFeed.Daca)
            return DacaBornAfter.AddDays((int)(day * (DacaBornBefore.DayNumber - DacaBornAfter.DayNumber)));
        var u = Prng.Unit(seed, SAge, (ulong)index);
        var (lo, hi) = u switch { < 0.07 => (5, 17), < 0.62 => (18, 34), < 0.92 => (35, 49), _ => (50, 69) };
        var latest = AgeReference.AddYears(-lo);
        var earliest = AgeReference.AddYears(-hi - 1).AddDays(1);
        return earliest.AddDays((int)(day * (latest.DayNumber - earliest.DayNumber)));
    }

    static (string[] Codes, double[] Cumulative) Mix((string Code, double Weight)[] main, double tail)
    {
        var listed = main.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);
        var rest = ReferenceLists.Nationalities.Select(c => c.CountryCode).Where(c => !listed.Contains(c)).ToArray();
        var codes = main.Select(m => m.Code).Concat(rest).ToArray();
        var weights = main.Select(m => m.Weight).Concat(rest.Select(_ => tail / rest.Length)).ToArray();
        return (codes, Prng.Cumulative(weights));
    }
}
