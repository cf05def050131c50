using System.Text.Json.Nodes;

namespace PdWarehouse.Monitoring;

/// <summary>Records that count: a population and the values its fields must have (every field must match one of its values).</summary>
public sealed record RecordSet(string Population, IReadOnlyDictionary<string, IReadOnlyList<string>> Where);

/// <summary>
/// How an indicator is measured. share: records of <see cref="Denominator"/> that also match <see cref="NumeratorWhere"/>;
/// rate: records of <see cref="Numerator"/> per <see cref="Per"/> records of <see cref="Denominator"/>; count: records of
/// <see cref="Denominator"/>; median-days: median days from <see cref="FromEvent"/> to <see cref="ToEvent"/> over
/// <see cref="Denominator"/>'s records.
/// </summary>
public sealed record MeasureDefinition(
    string Kind, RecordSet Denominator, IReadOnlyDictionary<string, IReadOnlyList<string>>? NumeratorWhere,
    RecordSet? Numerator, int? Per, string? FromEvent, string? ToEvent, JsonObject Json)
{
    /// <summary>The population an indicator is about: the numerator's for a rate, the only one otherwise.</summary>
    public string Population => Numerator?.Population ?? Denominator.Population;
}

public sealed record Indicator(
    string Id, string Statement, string PolicyCode, DateOnly PeriodStart, DateOnly? PeriodEnd, MeasureDefinition Measure,
    string Direction, decimal Target, decimal? ToleranceLow, decimal? ToleranceHigh, string? Note, int Line);

/// <summary>A goals file that passed validation.</summary>
public sealed record GoalsFile(string Version, string Owner, IReadOnlyList<Indicator> Indicators);
