using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

/// <summary>The generated identifiers obey the identity rules of docs/feeds.md, so truth.json's person counts are what a correct resolver finds.</summary>
public sealed class IdentityRuleTests
{
    static string CanonicalANumber(string written)
    {
        var digits = new string(written.Where(char.IsAsciiDigit).ToArray()).TrimStart('0');
        Assert.InRange(digits.Length, 1, 9);
        return "A" + digits.PadLeft(9, '0');
    }

    [Fact]
    public void No_two_name_pairs_normalise_to_the_same_letters()
    {
        foreach (var list in new[] { Names.Male, Names.Female, Names.Family })
        {
            Assert.Equal(list.Length, list.Select(Names.Normalise).Distinct().Count());
            var pairs = list.SelectMany(a => list.Select(b => Names.Normalise(a + " " + b))).ToList();
            Assert.Equal(pairs.Count, pairs.Distinct().Count());
        }
    }

    [Fact]
    public void Every_written_form_and_variant_normalises_to_the_same_key()
    {
        foreach (var n in new long[] { 1, 12_345_678, 99_999_999, 100_000_000, 536_870_912 })
        {
            var forms = Enumerable.Range(0, WrittenForms.ANumberForms).Select(f => CanonicalANumber(WrittenForms.ANumber(n, f))).Distinct();
            Assert.Equal("A" + n.ToString("D9"), Assert.Single(forms));
        }
        foreach (var display in new[] { "Hernández López", "De la Cruz Núñez", "D'Angelo San Martín", "María José" })
        {
            var key = Names.Normalise(display);
            foreach (var style in Enum.GetValues<NameStyle>()) Assert.Equal(key, Names.Normalise(WrittenForms.Name(display, style)));
            for (var v = 0; v < WrittenForms.VariantKinds; v++) Assert.Equal(key, Names.Normalise(WrittenForms.Variant(display, v)));
        }
    }

    [Fact]
    public void Distinct_persons_never_share_an_identifier_or_a_name_key()
    {
        var plan = new Plan(0.05, 0.15);
        var people = new Population(42, plan);
        var aNumbers = new HashSet<long>();
        var fins = new HashSet<long>();
        var names = new HashSet<string>();
        for (long i = 0; i < Math.Min(plan.PersonSpace, 300_000); i++)
        {
            var p = people[i];
            Assert.True(p.HasIdentifier);
            if (p.ANumber is { } a) Assert.True(aNumbers.Add(a));
            if (p.Fin is { } f)
            {
                Assert.InRange(f, 1_000_000_000, 9_999_999_999);
                Assert.True(fins.Add(f));
            }
            Assert.True(names.Add(Names.Normalise(p.GivenDisplay) + "|" + Names.Normalise(p.FamilyDisplay)));
        }
    }
}
