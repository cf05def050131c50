using PdWarehouse.Etl.Feeds;
using PdWarehouse.Etl.Generation;

namespace PdWarehouse.Etl.Tests;

/// <summary>The generated identifiers obey the identity rules of docs/feeds.md, so truth.json's person counts are what a correct resolver finds.</summary>
public sealed class IdentityRuleTests
{
    static string CanonicalANumber(string written) => IdentityKeys.CanonicalANumber(written) ?? throw new Xunit.Sdk.XunitException($"{written} is not a valid A-number");

    [Theory]
    [InlineData("A012345678", "A012345678")]
    [InlineData("A12345678", "A012345678")]
    [InlineData("012345678", "A012345678")]
    [InlineData("12345678", "A012345678")]
    [InlineData("A-012-345-678", "A012345678")]
    [InlineData("a 0012 345 678", "A012345678")]
    [InlineData("A1234567890", null)]
    [InlineData("A000000000", null)]
    [InlineData("", null)]
    public void A_numbers_canonicalise_by_the_documented_rule(string written, string? canonical) =>
        Assert.Equal(canonical, IdentityKeys.CanonicalANumber(written));

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

public sealed class WrittenNameTests
{
    [Fact]
    public void Precomputed_written_forms_equal_the_forms_of_the_display_name()
    {
        var p = new Person(0, true, 3, 7, 25, 140, new DateOnly(1990, 1, 1), "MX", 1, null);
        foreach (var style in Enum.GetValues<NameStyle>())
        {
            Assert.Equal(WrittenForms.Name(p.FamilyDisplay, style), Names.FamilyWritten(p.Family1, p.Family2, style));
            Assert.Equal(WrittenForms.Name(p.GivenDisplay, style), Names.GivenWritten(p.Female, p.Given1, p.Given2, style));
        }
    }
}
