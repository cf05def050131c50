using System.Globalization;
using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Generation;

public sealed record GenerateOptions(IReadOnlyList<int> FiscalYears, double Scale, long Seed, double DirtyRate, double RearrestShare, string OutputFolder)
{
    public const double MaxScale = 5.0;

    /// <summary>"2012-2014", "2013" or "2004,2008,2012-2014".</summary>
    public static IReadOnlyList<int> ParseFiscalYears(string text)
    {
        var years = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            if (range.Length is < 1 or > 2 || !range.All(r => int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw new InvalidGenerateOptionsException($"--fiscal-years '{text}': expected years or ranges such as 2012-2014");
            var from = int.Parse(range[0], CultureInfo.InvariantCulture);
            var to = int.Parse(range[^1], CultureInfo.InvariantCulture);
            if (to < from) throw new InvalidGenerateOptionsException($"--fiscal-years '{part}': the range runs backwards");
            for (var y = from; y <= to; y++) years.Add(y);
        }
        if (years.Count == 0) throw new InvalidGenerateOptionsException("--fiscal-years names no year");
        return [.. years];
    }

    public void Validate()
    {
        foreach (var fy in FiscalYears)
            if (fy is < Calibration.FirstFiscalYear or > Calibration.LastFiscalYear)
                throw new InvalidGenerateOptionsException(
                    $"fiscal year {fy} has no calibration figures: the generator covers FY{Calibration.FirstFiscalYear}-FY{Calibration.LastFiscalYear} (DESIGN §9)");
        if (!(Scale > 0) || Scale > MaxScale) throw new InvalidGenerateOptionsException($"--scale {Scale.ToString(CultureInfo.InvariantCulture)} must be above 0 and at most {MaxScale}");
        if (DirtyRate is < 0 or > 0.5 || double.IsNaN(DirtyRate)) throw new InvalidGenerateOptionsException("--dirty-rate must lie between 0 and 0.5");
        if (RearrestShare is < 0 or > 1 || double.IsNaN(RearrestShare)) throw new InvalidGenerateOptionsException("--rearrest-share must lie between 0 and 1");
    }
}

public sealed class InvalidGenerateOptionsException(string message) : PdWarehouseException(message);
