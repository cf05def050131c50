namespace PdWarehouse.Etl.Generation;

/// <summary>The feeds the generator writes, in generation order within a fiscal year (PD feeds before the arrests that may follow them).</summary>
public enum GenFeed
{
    Offices, Countries, EroDecisions, OplaDispositions, UsbpReleases, IceArrests, UsbpApprehensions, OfoInadmissibles, BookIns, Removals, Daca,
}

/// <summary>One DACA outcome cell of an acceptance year: requests decided in <see cref="DecisionFy"/> (null = still pending) with a status.</summary>
public sealed record DacaCell(int? DecisionFy, string Status, long Count);

/// <summary>
/// Every count the generator needs at one scale, for every fiscal year 2004-2015 whatever years are asked for, so that
/// persons (and their identifiers) do not depend on the years generated (FY2015's person ranges come after all others,
/// so adding it moved no earlier person). Also lays out the person index space: each
/// (feed, year) owns a range of "new person" indices, one per record slot.
/// </summary>
public sealed class Plan
{
    public const int FeedCount = 11;
    readonly long[,] counts = new long[FeedCount, Calibration.LastFiscalYear - Calibration.FirstFiscalYear + 1];
    readonly long[,] bases = new long[FeedCount, Calibration.LastFiscalYear - Calibration.FirstFiscalYear + 1];
    readonly long[] rangeStarts;
    readonly (GenFeed Feed, int Fy)[] rangeOwners;

    public double Scale { get; }
    public double RearrestShare { get; }
    public long PersonSpace { get; }

    public Dictionary<int, long[]> SectorCounts { get; } = [];
    public Dictionary<int, long[]> ProgramCounts { get; } = [];      // ICE-ERO, ICE-HSI
    public Dictionary<int, long[]> DepartureCounts { get; } = [];    // removals, returns
    public Dictionary<int, long[]> CriminalRemovalCounts { get; } = []; // criminal, non-criminal (removals only)
    public Dictionary<int, long[]> EroCellCounts { get; } = [];      // action-major × basis
    public Dictionary<int, long[]> OplaCellCounts { get; } = [];
    public Dictionary<int, long[]> UsbpReleaseCounts { get; } = [];  // by basis
    public Dictionary<int, IReadOnlyList<DacaCell>> DacaCells { get; } = [];
    public Dictionary<int, long[]> DacaTypeCounts { get; } = [];     // INITIAL, RENEWAL
    public Dictionary<int, (long Cbp, long Ice)> DacaReferrals { get; } = [];
    public Dictionary<int, (long Previous, long Same)> Rearrests { get; } = [];

    public Plan(double scale, double rearrestShare)
    {
        Scale = scale;
        RearrestShare = rearrestShare;
        var dacaEligible = Allocator.Apportion(Calibration.Scale(Calibration.PinnedUsbpDacaEligible, scale), Calibration.UsbpDacaEligibleByYear);
        for (var fy = Calibration.FirstFiscalYear; fy <= Calibration.LastFiscalYear; fy++)
        {
            var (usbp, hsi, ero) = Calibration.Apprehensions(fy);
            var usbpN = Calibration.Scale(usbp, scale);
            SectorCounts[fy] = Allocator.Apportion(usbpN, Calibration.SectorWeights(fy));
            ProgramCounts[fy] = [Calibration.Scale(ero, scale), Calibration.Scale(hsi, scale)];
            var (removals, returns) = Calibration.Table39[fy];
            DepartureCounts[fy] = [Calibration.Scale(removals, scale), Calibration.Scale(returns, scale)];
            var criminal = Calibration.CriminalRemovals(fy, scale);
            CriminalRemovalCounts[fy] = [criminal, DepartureCounts[fy][0] - criminal];
            Set(GenFeed.UsbpApprehensions, fy, usbpN);
            Set(GenFeed.IceArrests, fy, ProgramCounts[fy].Sum());
            Set(GenFeed.Removals, fy, DepartureCounts[fy].Sum());
            Set(GenFeed.BookIns, fy, Calibration.Scale(Calibration.BookIns[fy], scale));
            Set(GenFeed.OfoInadmissibles, fy, Calibration.Scale(Calibration.Inadmissibles[fy], scale));
            Set(GenFeed.Offices, fy, ReferenceLists.Offices.Count);
            Set(GenFeed.Countries, fy, ReferenceLists.Countries.Count);
            if (fy < Calibration.FirstPdFiscalYear) continue;

            EroCellCounts[fy] = Cells(fy, Calibration.Scale(Calibration.EroDecisions[fy], scale), Calibration.EroActionWeights, Calibration.EroBasisWeights,
                fy == 2014 ? Calibration.Scale(Calibration.PinnedEroRelNotPriority2014, scale) : null);
            OplaCellCounts[fy] = Cells(fy, Calibration.Scale(Calibration.OplaDispositions[fy], scale), Calibration.OplaActionWeights, Calibration.OplaBasisWeights, null);
            var daca = fy - Calibration.FirstPdFiscalYear < dacaEligible.Length
                ? dacaEligible[fy - Calibration.FirstPdFiscalYear]
                : Calibration.Scale(Calibration.UsbpDacaEligible2015, scale);
            var others = Allocator.Apportion(Calibration.Scale(Calibration.UsbpReleases[fy], scale) - daca, Calibration.UsbpBasisWeights);
            others[1] = daca; // DACA-ELIGIBLE is pinned, never drawn from the weights
            UsbpReleaseCounts[fy] = others;
            Set(GenFeed.EroDecisions, fy, EroCellCounts[fy].Sum());
            Set(GenFeed.OplaDispositions, fy, OplaCellCounts[fy].Sum());
            Set(GenFeed.UsbpReleases, fy, others.Sum());
        }
        PlanDaca(scale);
        for (var fy = Calibration.FirstFiscalYear; fy <= Calibration.LastFiscalYear; fy++)
        {
            var previous = fy - 1 >= Calibration.FirstPdFiscalYear ? (long)Math.Round(rearrestShare * Count(GenFeed.EroDecisions, fy - 1)) : 0;
            var same = fy >= Calibration.FirstPdFiscalYear ? (long)Math.Round(rearrestShare / 2 * Count(GenFeed.EroDecisions, fy)) : 0;
            var arrests = Count(GenFeed.IceArrests, fy);
            previous = Math.Min(previous, arrests / 4);
            same = Math.Min(same, arrests / 4);
            Rearrests[fy] = (previous, same);
        }

        // Person index space: one new-person index per record slot of every (feed, year), in a fixed order.
        var starts = new List<long>();
        var owners = new List<(GenFeed, int)>();
        long next = 0;
        for (var fy = Calibration.FirstFiscalYear; fy <= Calibration.LastFiscalYear; fy++)
            for (var f = 0; f < FeedCount; f++)
            {
                if ((GenFeed)f is GenFeed.Offices or GenFeed.Countries) continue;
                bases[f, fy - Calibration.FirstFiscalYear] = next;
                starts.Add(next);
                owners.Add(((GenFeed)f, fy));
                next += counts[f, fy - Calibration.FirstFiscalYear];
            }
        rangeStarts = [.. starts];
        rangeOwners = [.. owners];
        PersonSpace = next;
    }

    void Set(GenFeed feed, int fy, long n) => counts[(int)feed, fy - Calibration.FirstFiscalYear] = n;

    /// <summary>Record slots of a feed in a year (DACA: requests accepted in that year).</summary>
    public long Count(GenFeed feed, int fy) =>
        fy is < Calibration.FirstFiscalYear or > Calibration.LastFiscalYear ? 0 : counts[(int)feed, fy - Calibration.FirstFiscalYear];

    /// <summary>The first new-person index owned by a (feed, year).</summary>
    public long PersonBase(GenFeed feed, int fy) => bases[(int)feed, fy - Calibration.FirstFiscalYear];

    /// <summary>Which (feed, year) a person index was created by: it decides the person's age and country profile.</summary>
    public GenFeed SegmentOf(long person)
    {
        var i = Array.BinarySearch(rangeStarts, person);
        if (i < 0) i = ~i - 1;
        // Empty ranges share a start with the next one; the last range starting at this index owns it.
        while (i + 1 < rangeStarts.Length && rangeStarts[i + 1] == person) i++;
        return rangeOwners[Math.Max(0, i)].Feed;
    }

    static long[] Cells(int fy, long yearTotal, double[] actionWeights, double[] basisWeights, long? pinnedRelNotPriority)
    {
        // Action-major cells: cell = action × Bases.Length + basis. The pinned cell is action 0 (REL), basis 0 (NOT-PRIORITY).
        var weights = new double[actionWeights.Length * basisWeights.Length];
        for (var a = 0; a < actionWeights.Length; a++)
            for (var b = 0; b < basisWeights.Length; b++)
                weights[a * basisWeights.Length + b] = actionWeights[a] * basisWeights[b];
        if (pinnedRelNotPriority is not { } pinned) return Allocator.Apportion(yearTotal, weights);
        weights[0] = 0;
        var rest = Allocator.Apportion(Math.Max(0, yearTotal - pinned), weights);
        rest[0] = pinned;
        return rest;
    }

    /// <summary>
    /// Splits each year's accepted requests into outcome cells so that approvals and denials per decision year are exact:
    /// each year decides the oldest pending requests first, and denials are apportioned over the groups decided.
    /// </summary>
    void PlanDaca(double scale)
    {
        var pending = new List<(int AcceptedFy, long Count)>();
        var cells = new Dictionary<int, List<DacaCell>>();
        foreach (var (fy, (accepted, approved, denied)) in Calibration.Daca.OrderBy(d => d.Key))
        {
            long acceptedN;
            if (fy == 2014)
            {
                var initial = Calibration.Scale(Calibration.DacaInitial2014, scale);
                var renewal = Calibration.Scale(Calibration.DacaRenewal2014, scale);
                DacaTypeCounts[fy] = [initial, renewal];
                acceptedN = initial + renewal;
            }
            else
            {
                acceptedN = Calibration.Scale(accepted, scale);
                DacaTypeCounts[fy] = [acceptedN, 0];
            }
            Set(GenFeed.Daca, fy, acceptedN);
            cells[fy] = [];
            var approvedN = Calibration.Scale(approved, scale);
            var deniedN = Calibration.Scale(denied, scale);
            var decisions = approvedN + deniedN;
            pending.Add((fy, acceptedN));
            var taken = new List<(int AcceptedFy, long Count)>();
            var left = decisions;
            for (var i = 0; i < pending.Count && left > 0; i++)
            {
                var take = Math.Min(left, pending[i].Count);
                if (take == 0) continue;
                taken.Add((pending[i].AcceptedFy, take));
                pending[i] = (pending[i].AcceptedFy, pending[i].Count - take);
                left -= take;
            }
            var deniedSplit = Allocator.Apportion(deniedN, taken.Select(t => (double)t.Count).ToArray());
            for (var i = 0; i < taken.Count; i++)
            {
                var d = Math.Min(deniedSplit[i], taken[i].Count);
                cells[taken[i].AcceptedFy].Add(new DacaCell(fy, "APPROVED", taken[i].Count - d));
                cells[taken[i].AcceptedFy].Add(new DacaCell(fy, "DENIED", d));
            }
            pending.RemoveAll(p => p.Count == 0);
        }
        foreach (var (fy, count) in pending) cells[fy].Add(new DacaCell(null, "PENDING", count));
        foreach (var (fy, list) in cells) DacaCells[fy] = list;
        foreach (var fy in Calibration.Daca.Keys)
        {
            var cbp = (long)Math.Round(0.6 * UsbpReleaseCounts[fy][1]);
            var ice = (long)Math.Round(0.5 * EroCellCounts[fy].Where((_, i) => i % Calibration.Bases.Length == 1).Sum());
            DacaReferrals[fy] = (cbp, ice);
        }
    }
}
