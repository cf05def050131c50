namespace PdWarehouse.Etl.Generation;

/// <summary>
/// The generator's documented effect of the DHS memo of 20 November 2014 ("Policies for the Apprehension, Detention and
/// Removal of Undocumented Immigrants"), stated here and nowhere else: docs/feeds.md and docs/monitoring.md quote these
/// figures, and truth.json writes them (`monitoring.policyEffects`) so tests compute expected indicator values and
/// before/after changes from the truth, not from the code that measures them. The amounts are plausible, chosen to be
/// large enough to see at small scales; they are not published figures. Records dated before the memo follow the
/// 2011 rules exactly as FY2012–FY2014 always did, so those years' output is unchanged.
/// </summary>
public static class PolicyEffect
{
    public const string PolicyCode = "DHS-2014-11-20-PRI";
    public static readonly DateOnly Effective = new(2014, 11, 20);

    /// <summary>
    /// Share of ICE administrative arrests in enforcement priority level 1, by program. Before: the 2011 framework gives
    /// priority 1 to every arrest of a person with a criminal conviction, which is the arrests' criminal share
    /// (<see cref="ArrestCriminalShare"/>). After: the 2014 framework; convicted persons stay in priority 1 (1(d)/1(e)),
    /// and the rest of the after share is non-criminal persons arrested at the border (1(b)).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (double Before, double After)> ArrestPriority1Share = new Dictionary<string, (double, double)>(StringComparer.Ordinal)
    {
        ["ICE-ERO"] = (ArrestCriminalShare, 0.70),
        ["ICE-HSI"] = (ArrestCriminalShare, 0.62),
    };

    /// <summary>ICE arrests of persons with a criminal conviction (both programs, every year; unchanged by the memo).</summary>
    public const double ArrestCriminalShare = 0.55;

    /// <summary>
    /// Share of PD decisions recorded without a basis (NOT-RECORDED), by component. Before: the basis weights of
    /// <see cref="Calibration"/> (their NOT-RECORDED weight over their sum). After: officers record a basis for part of
    /// what they would have left blank, so the share falls to Before × <c>Factor</c>; the basis they record is
    /// NOT-PRIORITY. Border Patrol's DACA-eligible releases are pinned outside its weights, so its realised share is
    /// slightly below the weight share.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, double> BasisNotRecordedFactor = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["ICE-ERO"] = 1.0 / 3,   // 3% → 1%
        ["ICE-OPLA"] = 0.5,      // 2% → 1%
        ["CBP-USBP"] = 0.4,      // 5% → 2% (of releases other than DACA-eligible)
    };

    /// <summary>Share of a component's PD decisions without a basis before the memo, from its basis weights.</summary>
    public static double BasisNotRecordedBefore(string component)
    {
        var weights = component switch
        {
            "ICE-ERO" => Calibration.EroBasisWeights,
            "ICE-OPLA" => Calibration.OplaBasisWeights,
            _ => Calibration.UsbpBasisWeights,
        };
        return weights[^1] / weights.Sum();
    }

    public static bool InForce(DateOnly date) => date >= Effective;

    /// <summary>The 2011 PD memo a record cites becomes the 2014 memo from the day it takes effect.</summary>
    public static string Policy(string policy2011, DateOnly date) =>
        InForce(date) && policy2011 is "ICE-2011-06-17-PD" or "ICE-2011-03-02-PRI" ? PolicyCode : policy2011;

    /// <summary>A PD record's 2011 priority code as the 2014 framework records it from the memo on (2 → 2(c) recent entrant, 3 → 3).</summary>
    public static string? Priority(string? code2011, DateOnly date) => !InForce(date) || code2011 is null ? code2011 : code2011 switch
    {
        "2011-NP" => "2014-NP",
        "2011-1" => "2014-1D",
        "2011-2" => "2014-2C",
        "2011-3" => "2014-3",
        _ => code2011,
    };

    /// <summary>The priority level (1, 2, 3 or NONE) of a dw.DimEnforcementPriority code, as the measurement reads it.</summary>
    public static string Level(string code) => code switch
    {
        "2011-NP" or "2014-NP" => "NONE",
        _ when code.Length > 5 => code[5..6],
        _ => "UNKNOWN",
    };
}
