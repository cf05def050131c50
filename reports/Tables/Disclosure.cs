using System.Diagnostics;

namespace PdWarehouse.Reports.Tables;

/// <summary>
/// Yearbook disclosure control. Primary suppression withholds every count of people from 1 to
/// <c>minimumCell - 1</c>. Complementary suppression then makes sure no withheld cell can be
/// recovered by subtraction: in every additive relation (a row or column and its total) a withheld
/// cell must have company, so when exactly one cell of a relation is withheld the smallest other
/// non-zero published cell (a part, or failing that the total) is withheld too, until nothing changes.
/// Zeros are never withheld: they are shown as "-" and tell a reader nothing about the other cells.
/// <para>Company in every line is not protection: lines read together, and every withheld cell being at least 1 (a
/// zero would print "-"), can still force a cell. So the table is then audited (<see cref="DisclosureAudit"/>): every
/// withheld cell's feasible range, from everything printed, must span the protection interval
/// (<see cref="ProtectionWidth"/>), and while one does not, a further cell of its relations is withheld.</para>
/// </summary>
public static class Disclosure
{
    /// <summary>
    /// The protection interval: a reader must not be able to narrow any withheld cell to a range spanning fewer than
    /// <c>minimumCell</c> (hi − lo ≥ minimumCell). A withheld count is at least 1, so a cell below the threshold then
    /// has a range reaching past the threshold: the printed table cannot tell it from a count that would have been
    /// published, and no cell is known more closely than the threshold itself (docs/reports.md).
    /// </summary>
    public static long ProtectionWidth(int minimumCell) => minimumCell;

    /// <summary>
    /// Loads GLOP (about a hundred native libraries) and compiles the audit, on a thread of its own while the report's
    /// queries run, over a table of nine cells that needs a complement: a Yearbook at scale 0.1 spent 0.4–0.7 s more
    /// in tables than before the audit when its first table paid for both. Once per process; a warm-up that fails changes
    /// nothing, since the real suppression reports the failure.
    /// </summary>
    public static Task WarmUp() => Warm.Value;

    private static readonly Lazy<Task> Warm = new(() => Task.Factory.StartNew(() =>
    {
        var table = new ReportTable
        {
            Id = "warm-up", Number = "Table 1", Title = "Warm-up", StubHeader = "Row", Source = "Warm-up.", TotalColumn = 0,
            Columns = [new("Total", "Total", SumsAcross: false), new("A", "A"), new("B", "B")],
        };
        foreach (var (label, kind, a, b) in new[] { ("Total", RowKind.Total, 15L, 30L), ("x", RowKind.Detail, 1L, 15L), ("y", RowKind.Detail, 14L, 15L) })
        {
            var row = new TableRow(label, kind, null, 3);
            (row.Values[0], row.Values[1], row.Values[2]) = (a + b, a, b);
            table.Rows.Add(row);
        }
        Apply(table, 10);
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));

    public static void Apply(ReportTable table, int minimumCell)
    {
        if (!table.DisclosureControlled || minimumCell <= 1) return;
        var started = Stopwatch.GetTimestamp();
        foreach (var row in table.Rows)
            for (var c = 0; c < row.Values.Length; c++)
                if (row.Values[c] is long v && v > 0 && v < minimumCell)
                    row.Withheld[c] = true;

        var relations = table.Relations();
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in relations)
            {
                var cells = relation.Parts.Append(relation.Total).ToList();
                if (cells.Count(table.IsWithheld) != 1) continue;
                var companion = relation.Parts
                    .Where(c => !table.IsWithheld(c) && table.Value(c) is > 0)
                    .OrderBy(c => table.Value(c)).ThenBy(c => c.Row).ThenBy(c => c.Column)
                    .Select(c => (CellRef?)c).FirstOrDefault();
                if (companion is null && !table.IsWithheld(relation.Total) && table.Value(relation.Total) is > 0)
                    companion = relation.Total;
                if (companion is CellRef cell)
                {
                    table.Rows[cell.Row].Withheld[cell.Column] = true;
                    changed = true;
                }
            }
        } while (changed);

        var (withheld, added) = Protect(table, ProtectionWidth(minimumCell));
        table.Audit = new TableAudit(table.Id, table.Number, minimumCell, withheld, added, Stopwatch.GetElapsedTime(started));
        WithholdFigures(table);
    }

    /// <summary>
    /// A share printed beside its denominator gives back its numerator; an interval narrows it further. Every figure
    /// computed from a row's counts is therefore withheld with any of them (<see cref="CellContent.Figure"/>).
    /// </summary>
    private static void WithholdFigures(ReportTable table)
    {
        foreach (var row in table.Rows)
        {
            var anyWithheld = Enumerable.Range(0, table.Columns.Count).Any(c => table.Columns[c].Content == CellContent.Count && row.Withheld[c]);
            if (!anyWithheld) continue;
            for (var c = 0; c < table.Columns.Count; c++)
                if (table.Columns[c].Content == CellContent.Figure && row.Texts[c] is not null) row.Withheld[c] = true;
        }
    }

    /// <summary>
    /// Audits the table and withholds more until every withheld cell's range spans <paramref name="width"/>; returns how
    /// many cells are withheld and how many of them the audit added.
    /// <para>Most cells need no program of their own: every solution found (the true figures, and each program's optimum)
    /// is a filling of the withheld cells consistent with the printed table, so a cell seen at two values
    /// <paramref name="width"/> apart spans the interval. Each component is first surveyed (<see
    /// cref="DisclosureAudit.Program.Survey"/>), and only the cells still seen too close get their own minimum and
    /// maximum.</para>
    /// <para>Withholding only takes knowledge away, so a range never narrows when another cell is withheld: a cell that
    /// passed keeps passing, and what was seen stays possible (the new cell at its true value). Each round gives each
    /// component with failing cells one further cell, chosen for its first failing cell (detail cells first), since that
    /// may be all the others needed: several chosen at once climb to the grand total (each failing cell of a region
    /// taking another region). A component keeps its program while it grows, and GLOP starts every solve from the last
    /// one's basis.</para>
    /// </summary>
    private static (int Withheld, int Added) Protect(ReportTable table, long width)
    {
        var audit = new DisclosureAudit(table);
        var totals = audit.Relations.Select(r => r.Total).ToHashSet();
        var seen = new Dictionary<CellRef, (double Low, double High)>();
        void Observe(CellRef cell, double value) =>
            seen[cell] = seen.TryGetValue(cell, out var s) ? (Math.Min(s.Low, value), Math.Max(s.High, value)) : (value, value);
        // Integers a reader cannot rule out: the values seen, rounded inwards against floating-point noise.
        double Spread(CellRef cell) => Math.Floor(seen[cell].High + 1e-6) - Math.Ceiling(seen[cell].Low - 1e-6);
        foreach (var cell in audit.WithheldCells()) Observe(cell, table.Value(cell)!.Value);

        // A program per component, kept while the component grows: a new cell joins its program, unless it joins
        // components, which then get a new one. Components only ever grow together, never apart.
        var owner = new Dictionary<CellRef, DisclosureAudit.Program>();
        DisclosureAudit.Program ProgramOf(List<CellRef> component)
        {
            var existing = component.Where(owner.ContainsKey).Select(c => owner[c]).Distinct().ToList();
            if (existing.Count == 1)
            {
                foreach (var c in component.Where(c => !owner.ContainsKey(c))) { existing[0].Withhold(c); owner[c] = existing[0]; }
                return existing[0];
            }
            foreach (var old in existing) old.Dispose();
            var program = audit.NewProgram(component);
            foreach (var c in component) owner[c] = program;
            return program;
        }

        var passed = new HashSet<CellRef>();
        var added = 0;
        try
        {
            while (true)
            {
                var failing = new List<(CellRef Cell, FeasibleRange Range, List<CellRef> Component)>();
                foreach (var component in audit.Components().Where(c => !c.All(passed.Contains)))
                {
                    var program = ProgramOf(component);
                    // Surveys while they prove cells by the handful, then a program per cell still seen too close.
                    var open = component.Where(c => !passed.Contains(c) && Spread(c) < width).ToList();
                    for (var draw = 0; open.Count > 0; draw++)
                    {
                        program.Survey(open, draw, Observe);
                        var still = open.Where(c => Spread(c) < width).ToList();
                        var proven = open.Count - still.Count;
                        open = still;
                        if (proven * 8 < open.Count + 8) break;
                    }
                    // Detail cells first: the first cell found failing is the one served this round, and a complement chosen
                    // for a total is a total, which hides most. The cells after it wait for the next round.
                    var unproven = open.ToHashSet();
                    passed.UnionWith(component.Where(c => !unproven.Contains(c)));
                    foreach (var cell in open.OrderBy(totals.Contains).ThenBy(c => c.Row).ThenBy(c => c.Column))
                    {
                        if (Spread(cell) < width && program.Range(cell, component, Observe, () => Spread(cell) >= width) is { } range && !range.Spans(width))
                        {
                            failing.Add((cell, range, component));
                            break;
                        }
                        passed.Add(cell);
                    }
                }
                if (failing.Count == 0) return (audit.WithheldCells().Count, added);

                foreach (var (cell, range, component) in failing)
                {
                    // Withholding every printed cell of its relations would always do, so this is a fault, not a table.
                    var next = Complement(table, audit, totals, component, cell, width - (range.Width ?? width))
                        ?? throw new DisclosureControlException(
                            $"{table.Id}: the withheld cell in row '{table.Rows[cell.Row].Label}', column '{table.Columns[cell.Column].Header}' can be narrowed to {range}, " +
                            $"less than the protection interval of {width}, and no printed cell is left in its relations to withhold with it.");
                    table.Rows[next.Row].Withheld[next.Column] = true;
                    Observe(next, table.Value(next)!.Value);
                    added++;
                }
            }
        }
        finally
        {
            foreach (var program in owner.Values.Distinct()) program.Dispose();
        }
    }

    /// <summary>
    /// The printed cell to withhold for a cell whose range is <paramref name="deficit"/> short. Where to look, nearest
    /// first: the relations of the cell itself, then those of the withheld cells it shares a relation with, then those of
    /// its whole component. What to take: a detail cell from any of them before a subtotal or row total, and those before
    /// a cell of the total row or of a subtotal row that repeats it (a withheld total hides most, and charts and key
    /// findings quote the totals). Among the cells found, the smallest whose own slack (value − 1) covers the deficit,
    /// or failing that the largest, which gives the most; ties go to the first in row, then column order, so the same
    /// table always gets the same suppression.
    /// </summary>
    private static CellRef? Complement(ReportTable table, DisclosureAudit audit, HashSet<CellRef> totals, IReadOnlyList<CellRef> component, CellRef cell, long deficit)
    {
        List<AdditiveRelation> Of(IEnumerable<CellRef> cells) => [.. cells.SelectMany(audit.RelationsOf).Distinct()];
        List<CellRef> Printed(IEnumerable<AdditiveRelation> relations) => [.. relations
            .SelectMany(r => r.Parts.Append(r.Total)).Distinct()
            .Where(c => !table.IsWithheld(c) && table.Value(c) is > 0)];
        // A table of one group prints its subtotal row again as the total row: withholding one withholds both.
        var oneGroup = table.Rows.Count(r => r.Kind == RowKind.Subtotal) == 1;
        int Rank(CellRef c) => table.Rows[c.Row].Kind is RowKind.Total || oneGroup && table.Rows[c.Row].Kind is RowKind.Subtotal ? 2 : totals.Contains(c) ? 1 : 0;
        var own = Of([cell]);
        // Each wider search only when the narrower ones found nothing: a component can span the whole table.
        var searches = new Lazy<List<CellRef>>[]
        {
            new(() => Printed(own)),
            new(() => Printed(Of(own.SelectMany(r => r.Parts.Append(r.Total)).Where(table.IsWithheld).Distinct()))),
            new(() => Printed(Of(component))),
        };
        for (var rank = 0; rank <= 2; rank++)
            foreach (var found in searches)
            {
                var pool = found.Value.Where(c => Rank(c) == rank).OrderBy(c => table.Value(c)).ThenBy(c => c.Row).ThenBy(c => c.Column).ToList();
                if (pool.Count == 0) continue;
                foreach (var c in pool)
                    if (table.Value(c) - 1 >= deficit) return c;
                return pool.OrderByDescending(c => table.Value(c)).ThenBy(c => c.Row).ThenBy(c => c.Column).First();
            }
        return null;
    }
}
