namespace PdWarehouse.Etl.Generation;

/// <summary>
/// Who and when, for every record slot of every feed, as pure functions of (seed, feed, year, slot). Recurrence across
/// feeds and years is index arithmetic: a record "takes" the person of a record slot of another feed (an apprehended
/// person later booked in, then removed; an arrested person released under PD, then arrested again; a released
/// DACA-eligible person who then requests DACA), so the population is connected without being stored.
/// </summary>
public sealed class Model
{
    public readonly ulong Seed;
    public readonly Plan Plan;
    public readonly Population People;
    readonly System.Collections.Concurrent.ConcurrentDictionary<(GenFeed, int, string), Allocator> allocators = new();

    public Model(ulong seed, Plan plan)
    {
        Seed = seed;
        Plan = plan;
        People = new Population(seed, plan);
    }

    // ---- randomness keyed by (feed, year, slot, purpose)
    static ulong Key(GenFeed feed, int fy, long slot) => ((ulong)feed << 56) ^ ((ulong)(fy - 2000) << 48) ^ (ulong)slot;
    public double U(GenFeed feed, int fy, long slot, ulong stream) => Prng.Unit(Seed, stream, Key(feed, fy, slot));
    public long Below(GenFeed feed, int fy, long slot, ulong stream, long n) => Prng.Below(Seed, stream, Key(feed, fy, slot), n);

    static readonly ulong SRecur = Prng.Stream("recur");
    static readonly ulong SPick = Prng.Stream("pick");
    static readonly ulong SDate = Prng.Stream("date");
    static readonly ulong SLag = Prng.Stream("lag");
    static readonly ulong SGap = Prng.Stream("gap");

    public Allocator Alloc(GenFeed feed, int fy, string name, IReadOnlyList<long> counts)
    {
        return allocators.TryGetValue((feed, fy, name), out var a)
            ? a
            : allocators.GetOrAdd((feed, fy, name), _ => new Allocator(counts, Seed, Prng.Stream($"alloc.{feed}.{fy}.{name}")));
    }

    public long NewPerson(GenFeed feed, int fy, long slot) => Plan.PersonBase(feed, fy) + slot;

    public DateOnly DateIn(DateOnly lo, DateOnly hi, double u) => lo.AddDays((int)(u * (hi.DayNumber - lo.DayNumber + 1)));
    public DateOnly DateInYear(GenFeed feed, int fy, long slot) =>
        DateIn(Calibration.FyStart(fy), Calibration.FyEnd(fy), U(feed, fy, slot, SDate));

    // ---- Border Patrol apprehensions: 15% of persons were apprehended the year before (plausible recidivism).
    public long UsbpPerson(int fy, long slot)
    {
        while (fy > Calibration.FirstFiscalYear && U(GenFeed.UsbpApprehensions, fy, slot, SRecur) < 0.15)
        {
            var previous = Plan.Count(GenFeed.UsbpApprehensions, fy - 1);
            if (previous == 0) break;
            slot = Below(GenFeed.UsbpApprehensions, fy, slot, SPick, previous);
            fy--;
        }
        return NewPerson(GenFeed.UsbpApprehensions, fy, slot);
    }

    public DateOnly UsbpDate(int fy, long slot) => DateInYear(GenFeed.UsbpApprehensions, fy, slot);

    // ---- ICE arrests: the first slots re-arrest persons who received an ERO PD decision (the year before, or
    // earlier the same year); 25% of the others were apprehended by Border Patrol; the rest are new to the data.
    public long ArrestPerson(int fy, long slot)
    {
        var (previous, same) = Plan.Rearrests[fy];
        if (slot < previous) return EroDecision(fy - 1, slot * Plan.Count(GenFeed.EroDecisions, fy - 1) / previous).Person;
        if (slot < previous + same) return EroDecision(fy, (slot - previous) * Plan.Count(GenFeed.EroDecisions, fy) / same).Person;
        return OrdinaryArrestPerson(fy, slot);
    }

    long OrdinaryArrestPerson(int fy, long slot)
    {
        var u = U(GenFeed.IceArrests, fy, slot, SRecur);
        if (u < 0.25)
        {
            var from = u < 0.15 || fy == Calibration.FirstFiscalYear ? fy : fy - 1;
            return UsbpPerson(from, Below(GenFeed.IceArrests, fy, slot, SPick, Plan.Count(GenFeed.UsbpApprehensions, from)));
        }
        return NewPerson(GenFeed.IceArrests, fy, slot);
    }

    public DateOnly ArrestDate(int fy, long slot)
    {
        var (previous, same) = Plan.Rearrests[fy];
        if (slot >= previous && slot < previous + same)
        {
            var decided = EroDecision(fy, (slot - previous) * Plan.Count(GenFeed.EroDecisions, fy) / same).Date;
            if (decided < Calibration.FyEnd(fy)) return DateIn(decided.AddDays(1), Calibration.FyEnd(fy), U(GenFeed.IceArrests, fy, slot, SDate));
        }
        return DateInYear(GenFeed.IceArrests, fy, slot);
    }

    /// <summary>Slots an ERO decision may take its arrested person from: never a re-arrest slot, so the recursion ends.</summary>
    long OrdinaryArrestSlot(int fy, GenFeed feed, long slot, int attempt)
    {
        var (previous, same) = Plan.Rearrests[fy];
        var first = previous + same;
        var n = Plan.Count(GenFeed.IceArrests, fy) - first;
        return first + Prng.Below(Seed, SPick + (ulong)attempt, Key(feed, fy, slot), n);
    }

    // ---- ERO PD decisions: cell (action × basis) and position inside it; the first pairs of some cells are the
    // same decision recorded at ARREST and again at DETENTION 1-60 days later.
    /// <param name="Anchor">The slot both records of a pair share, and <paramref name="FirstDate"/> the first record's date: what
    /// decides anything the two must agree on (their basis after the 2014 memo).</param>
    public readonly record struct EroSlot(int Action, int Basis, long Person, DateOnly Date, string Stage, bool SecondStage, long Anchor, DateOnly FirstDate);

    public Allocator EroCells(int fy) => Alloc(GenFeed.EroDecisions, fy, "cells", Plan.EroCellCounts[fy]);

    public static long PairsIn(int action, long cellCount) =>
        action is 0 or 1 or 4 ? (long)(cellCount * Calibration.TwoStageShare / 2) : 0; // REL, NTA-NOT-ISSUED, DEFERRED

    public EroSlot EroDecision(int fy, long slot)
    {
        var cells = EroCells(fy);
        var cell = cells.Category(slot, out var within);
        var action = cell / Calibration.Bases.Length;
        var basis = cell % Calibration.Bases.Length;
        var pairs = PairsIn(action, cells.CountOf(cell));
        var paired = within < 2 * pairs;
        // The anchor is what the two records of a pair share: their arrest, person and first date.
        var anchor = cells.StartOf(cell) + (paired ? within & ~1L : within);
        var (person, arrested) = ArrestedPerson(fy, GenFeed.EroDecisions, anchor, basis == 1);
        var date = arrested.AddDays((int)Below(GenFeed.EroDecisions, fy, anchor, SLag, 21));
        if (basis == 1 && date < Calibration.DacaAnnounced) date = Calibration.DacaAnnounced;
        var end = Calibration.FyEnd(fy);
        if (!paired)
        {
            if (date > end) date = end;
            var stage = action switch { 2 => "CHARGING", 3 => "POST-ORDER", _ => U(GenFeed.EroDecisions, fy, anchor, SGap) < 0.6 ? "ARREST" : "DETENTION" };
            return new EroSlot(action, basis, person, date, stage, false, anchor, date);
        }
        var gap = 1 + (int)Below(GenFeed.EroDecisions, fy, anchor, SGap, 60);
        if (date.AddDays(gap) > end) date = end.AddDays(-gap);
        var second = (within & 1) == 1;
        return new EroSlot(action, basis, person, second ? date.AddDays(gap) : date, second ? "DETENTION" : "ARREST", second, anchor, date);
    }

    /// <summary>An ICE-arrested person for a PD decision (DACA-eligible decisions look for someone of DACA age) and the arrest date.</summary>
    (long Person, DateOnly Date) ArrestedPerson(int fy, GenFeed feed, long anchor, bool dacaAge)
    {
        for (var attempt = 0; ; attempt++)
        {
            var a = OrdinaryArrestSlot(fy, feed, anchor, attempt);
            var person = OrdinaryArrestPerson(fy, a);
            if (!dacaAge || attempt >= 64 || Population.IsDacaAge(People[person])) return (person, ArrestDate(fy, a));
        }
    }

    // ---- OPLA dispositions: persons booked in the year before (in proceedings since), 30% new to the data.
    public Allocator OplaCells(int fy) => Alloc(GenFeed.OplaDispositions, fy, "cells", Plan.OplaCellCounts[fy]);

    public long OplaPerson(int fy, long slot, bool dacaAge)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var u = Prng.Unit(Seed, SRecur + (ulong)attempt, Key(GenFeed.OplaDispositions, fy, slot));
            long person;
            if (u < 0.7)
            {
                var from = Math.Max(Calibration.FirstFiscalYear, fy - 1);
                person = BookInPerson(from, Prng.Below(Seed, SPick + (ulong)attempt, Key(GenFeed.OplaDispositions, fy, slot), Plan.Count(GenFeed.BookIns, from)));
            }
            else person = NewPerson(GenFeed.OplaDispositions, fy, slot);
            if (!dacaAge || Population.IsDacaAge(People[person])) return person;
        }
        return NewPerson(GenFeed.OplaDispositions, fy, slot);
    }

    // ---- Detention book-ins: 45% follow an ICE arrest, 30% a Border Patrol apprehension, of the same year.
    public long BookInPerson(int fy, long slot)
    {
        var u = U(GenFeed.BookIns, fy, slot, SRecur);
        if (u < 0.45) return ArrestPerson(fy, Below(GenFeed.BookIns, fy, slot, SPick, Plan.Count(GenFeed.IceArrests, fy)));
        if (u < 0.75) return UsbpPerson(fy, Below(GenFeed.BookIns, fy, slot, SPick, Plan.Count(GenFeed.UsbpApprehensions, fy)));
        return NewPerson(GenFeed.BookIns, fy, slot);
    }

    // ---- Removals follow book-ins (55%) or apprehensions (15%); returns are mostly Border Patrol voluntary returns (70%).
    public long RemovalPerson(int fy, long slot, bool removal)
    {
        var u = U(GenFeed.Removals, fy, slot, SRecur);
        if (removal && u < 0.55) return BookInPerson(fy, Below(GenFeed.Removals, fy, slot, SPick, Plan.Count(GenFeed.BookIns, fy)));
        if (u < 0.70) return UsbpPerson(fy, Below(GenFeed.Removals, fy, slot, SPick, Plan.Count(GenFeed.UsbpApprehensions, fy)));
        return NewPerson(GenFeed.Removals, fy, slot);
    }

    // ---- OFO: travellers mostly new to the data; 5% were apprehended by Border Patrol the year before.
    public long OfoPerson(int fy, long slot)
    {
        if (fy > Calibration.FirstFiscalYear && U(GenFeed.OfoInadmissibles, fy, slot, SRecur) < 0.05)
            return UsbpPerson(fy - 1, Below(GenFeed.OfoInadmissibles, fy, slot, SPick, Plan.Count(GenFeed.UsbpApprehensions, fy - 1)));
        return NewPerson(GenFeed.OfoInadmissibles, fy, slot);
    }

    // ---- Border Patrol PD releases: each releases the person of one apprehension of the year, 0-3 days after it.
    public readonly record struct ReleaseSlot(int Basis, long ApprehensionSlot, long Person, DateOnly Date);

    public Allocator ReleaseBases(int fy) => Alloc(GenFeed.UsbpReleases, fy, "basis", Plan.UsbpReleaseCounts[fy]);

    public ReleaseSlot UsbpRelease(int fy, long slot)
    {
        var basis = ReleaseBases(fy).Category(slot, out _);
        var n = Plan.Count(GenFeed.UsbpApprehensions, fy);
        for (var attempt = 0; ; attempt++)
        {
            var a = Prng.Below(Seed, SPick + (ulong)attempt, Key(GenFeed.UsbpReleases, fy, slot), n);
            var person = UsbpPerson(fy, a);
            var date = UsbpDate(fy, a).AddDays((int)Below(GenFeed.UsbpReleases, fy, slot, SLag, 4));
            if (date > Calibration.FyEnd(fy)) date = Calibration.FyEnd(fy);
            var ok = basis != 1 || (Population.IsDacaAge(People[person]) && date >= Calibration.DacaAnnounced);
            if (ok || attempt >= 256)
            {
                if (basis == 1 && date < Calibration.DacaAnnounced) date = Calibration.DacaAnnounced;
                return new ReleaseSlot(basis, a, person, date);
            }
        }
    }

    // ---- DACA requests, keyed by acceptance year and slot.
    public readonly record struct DacaSlot(
        long Person, string Type, string Referral, DateOnly Receipt, DateOnly Accepted, int? DecisionFy, string FinalStatus, DateOnly? Decision, int CenterIndex);

    public Allocator DacaOutcomes(int fy) => Alloc(GenFeed.Daca, fy, "outcome", Plan.DacaCells[fy].Select(c => c.Count).ToArray());
    public Allocator DacaTypes(int fy) => Alloc(GenFeed.Daca, fy, "type", Plan.DacaTypeCounts[fy]);
    static readonly double[] CenterWeights = Prng.Cumulative(Calibration.ServiceCenters.Select(c => c.Weight).ToArray());
    static readonly ulong SCenter = Prng.Stream("center");
    static readonly ulong SReceipt = Prng.Stream("receipt");

    public DacaSlot Daca(int fy, long slot)
    {
        var cell = Plan.DacaCells[fy][DacaOutcomes(fy).Category(DacaOutcomes(fy).Slot(slot), out _)];
        var renewal = DacaTypes(fy).Category(DacaTypes(fy).Slot(slot), out _) == 1;
        var start = fy == 2012 ? Calibration.DacaFirstAcceptance : renewal ? Calibration.RenewalsOpened : Calibration.FyStart(fy);
        var (cbp, ice) = Plan.DacaReferrals[fy];
        long person;
        var referral = "SELF";
        if (renewal) person = RenewalPerson(fy, slot);
        else if (slot < cbp)
        {
            var bases = ReleaseBases(fy);
            var release = UsbpRelease(fy, bases.StartOf(1) + slot * bases.CountOf(1) / cbp);
            person = release.Person;
            referral = "CBP";
            if (release.Date > start) start = release.Date;
        }
        else if (slot < cbp + ice)
        {
            var decision = EroDecision(fy, IceDacaSlot(fy, (slot - cbp) * IceDacaCount(fy) / ice));
            person = decision.Person;
            referral = "ICE";
            if (decision.Date > start) start = decision.Date;
        }
        else person = NewPerson(GenFeed.Daca, fy, slot);

        var end = Calibration.FyEnd(fy);
        var accepted = DateIn(start, end, U(GenFeed.Daca, fy, slot, SDate));
        var receipt = accepted.AddDays(-(int)Below(GenFeed.Daca, fy, slot, SReceipt, 15));
        if (receipt < Calibration.DacaFirstAcceptance) receipt = Calibration.DacaFirstAcceptance;
        DateOnly? decided = cell.DecisionFy switch
        {
            null => null,
            int d when d == fy => DateIn(accepted, end, U(GenFeed.Daca, fy, slot, SLag)),
            int d => DateIn(Calibration.FyStart(d), Calibration.FyEnd(d), U(GenFeed.Daca, fy, slot, SLag)),
        };
        var center = Prng.Pick(CenterWeights, U(GenFeed.Daca, fy, slot, SCenter));
        return new DacaSlot(person, renewal ? "RENEWAL" : "INITIAL", referral, receipt, accepted, cell.DecisionFy, cell.Status, decided, center);
    }

    long IceDacaCount(int fy)
    {
        var cells = Plan.EroCellCounts[fy];
        long n = 0;
        for (var c = 1; c < cells.Length; c += Calibration.Bases.Length) n += cells[c];
        return n;
    }

    /// <summary>The r-th ERO decision slot with basis DACA-ELIGIBLE (slot order: cell by cell).</summary>
    long IceDacaSlot(int fy, long r)
    {
        var cells = EroCells(fy);
        for (var c = 1; c < Plan.EroCellCounts[fy].Length; c += Calibration.Bases.Length)
        {
            var n = cells.CountOf(c);
            if (r < n) return cells.StartOf(c) + r;
            r -= n;
        }
        throw new InvalidOperationException("no DACA-eligible ERO decision slot");
    }

    /// <summary>A renewal is requested by someone whose initial request was approved two years earlier (FY2012/2013 acceptances).</summary>
    long RenewalPerson(int fy, long slot)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var from = Prng.Unit(Seed, SRecur + (ulong)attempt, Key(GenFeed.Daca, fy, slot)) < 0.3 ? 2012 : 2013;
            var n = Plan.Count(GenFeed.Daca, from);
            if (n == 0) continue;
            var s = Prng.Below(Seed, SPick + (ulong)attempt, Key(GenFeed.Daca, fy, slot), n);
            var cell = Plan.DacaCells[from][DacaOutcomes(from).Category(DacaOutcomes(from).Slot(s), out _)];
            if (cell.Status == "APPROVED" && cell.DecisionFy < fy) return Daca(from, s).Person;
        }
        return NewPerson(GenFeed.Daca, fy, slot);
    }
}
