using System.Globalization;
using Google.OrTools.LinearSolver;

namespace PdWarehouse.Reports.Tables;

/// <summary>
/// What a reader can deduce about a withheld cell from everything the table prints: it is at least <see cref="Low"/> and
/// at most <see cref="High"/> (null: no upper bound at all).
/// </summary>
public readonly record struct FeasibleRange(long Low, long? High)
{
    /// <summary>High − Low; null when the cell has no upper bound.</summary>
    public long? Width => High - Low;

    public bool Spans(long width) => High is not long high || high - Low >= width;

    public override string ToString() => High is long high ? $"{Low} to {high}" : $"{Low} or more";
}

/// <summary>
/// The audit of one table's suppression, as the report publishes it: every withheld cell was proven to span the
/// protection interval, and <see cref="Narrowest"/> is the exact range of the narrowest (first in row, then column order
/// among equals); null when nothing is withheld.
/// </summary>
public sealed record TableAudit(
    string TableId, string TableNumber, int MinimumCell, int Withheld, int AddedByAudit,
    (CellRef Cell, FeasibleRange Range)? Narrowest, TimeSpan Elapsed)
{
    /// <summary>The protection interval every withheld cell's range must span (docs/reports.md).</summary>
    public long RequiredWidth => Disclosure.ProtectionWidth(MinimumCell);

    /// <summary>One sentence for the data-quality appendix.</summary>
    public string Statement
    {
        get
        {
            if (Narrowest is not var (_, range)) return $"{TableNumber}: no cell withheld.";
            var i = CultureInfo.InvariantCulture;
            var cells = Withheld == 1 ? "1 cell withheld" : string.Create(i, $"{Withheld:#,##0} cells withheld");
            var added = AddedByAudit == 0 ? "" : string.Create(i, $" ({AddedByAudit:#,##0} of them withheld because the audit found a range too narrow)");
            var narrowest = range.Width is long w ? string.Create(i, $"the narrowest range a reader can deduce spans {w:#,##0}") : "no withheld cell has an upper bound";
            return string.Create(i, $"{TableNumber}: {cells}{added}; no withheld cell can be narrowed to a range of less than {RequiredWidth:#,##0}: {narrowest}.");
        }
    }
}

/// <summary>The audit as the report prints it: what was proven, then one sentence per table with withheld cells.</summary>
public static class DisclosureAuditText
{
    public static IReadOnlyList<string> Paragraphs(IEnumerable<ReportTable> tables, int minimumCell)
    {
        var controlled = tables.Where(t => t.DisclosureControlled).ToList();
        if (minimumCell <= 1 || controlled.Count == 0) return ["Disclosure audit: no cell is withheld in this report (minimum cell 1)."];
        var audited = controlled.Where(t => t.Audit is { Withheld: > 0 }).ToList();
        var clear = controlled.Where(t => t.Audit is not { Withheld: > 0 }).Select(t => t.Number["Table ".Length..]).ToList();
        var paragraphs = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Disclosure audit: for every table with withheld cells, the smallest and the largest value each withheld cell could take were computed from everything the table prints, by a linear program per cell: its totals and subtotals and every row and column that adds up to them, read together; its published cells; zeros, printed \u201c-\u201d; and so every withheld count at least 1. A withheld cell must not be narrowed to a range spanning less than {minimumCell:#,##0}, the minimum cell; wherever one could be, further cells were withheld until none can. Each table's result:"),
        };
        paragraphs.AddRange(audited.Select(t => t.Audit!.Statement));
        if (clear.Count > 0)
            paragraphs.Add((clear.Count == 1 ? $"Table {clear[0]} has" : $"Tables {string.Join(", ", clear)} have") + " no withheld cell.");
        return paragraphs;
    }
}

/// <summary>
/// The feasible range of withheld cells, as a reader with the printed table computes it: every additive relation of the
/// table (<see cref="ReportTable.Relations"/>) at once, published cells at their printed value, zeros (printed "-") at
/// zero, and every withheld cell at least 1, since a zero would have been printed. Each cell's range is the minimum and
/// the maximum of one linear program (GLOP). Only withheld cells are variables, and the program of a cell holds only its
/// component: the withheld cells linked to it through relations that contain withheld cells, so the programs stay small
/// and one solver serves every cell of a component.
/// <para>Linear bounds are integer bounds here: each table is a two-way table whose rows nest in at most one hierarchy
/// (detail, subtotal, total) and whose columns add up to at most one total column, so its relations form a network
/// matrix, which is totally unimodular, and with integer printed values every vertex of the program is integral. The
/// bounds are still rounded inwards (ceiling of the minimum, floor of the maximum) against floating-point noise.</para>
/// </summary>
public sealed class DisclosureAudit
{
    private readonly ReportTable _table;
    private readonly List<AdditiveRelation> _relations;
    /// <summary>Every withheld cell's upper bound; a maximum above <see cref="_bounded"/> means none (see the constructor).</summary>
    private readonly double _cap;
    private readonly double _bounded;

    public DisclosureAudit(ReportTable table)
    {
        _table = table;
        _relations = [];
        foreach (var relation in table.Relations())
        {
            // A total that is not applicable states nothing; a part that is not applicable is not in the sum.
            if (table.Value(relation.Total) is not long total) continue;
            var parts = relation.Parts.Where(p => table.Value(p) is not null).ToList();
            var sum = parts.Sum(p => table.Value(p)!.Value);
            // The programs assume that what the table states holds: a relation that does not would make them wrong.
            if (sum != total)
                throw new DisclosureControlException($"{table.Id}: row '{table.Rows[relation.Total.Row].Label}', column '{table.Columns[relation.Total.Column].Header}' is {total} but its parts add up to {sum}; the table's relations must hold before its suppression can be audited.");
            _relations.Add(new AdditiveRelation(relation.Total, parts));
        }
        // A bounded maximum lies at a vertex of {parts − total = printed, x ≥ 1}. The relations form a totally unimodular
        // matrix, whose bases have inverses of entries −1, 0 and 1, so there a withheld cell is 1 plus a sum of right-hand
        // sides (less the lower bounds) with coefficients of magnitude 1 at most. A right-hand side is at most the sum of
        // the printed figures of its relation, and a cell is in at most four relations (as a part and as a total, down
        // and across), so no bounded maximum exceeds _bounded. The cap keeps every program bounded: a cell that could
        // grow without limit grows, along a ray of the network, past _bounded before any variable reaches the cap.
        var everything = table.Rows.SelectMany(r => r.Values).Sum(v => Math.Abs(v ?? 0));
        var cells = table.Rows.Sum(r => r.Values.Length);
        _bounded = 4.0 * (everything + cells) + 1;
        _cap = 2 * _bounded + everything + 2;
    }

    public IReadOnlyList<AdditiveRelation> Relations => _relations;

    /// <summary>The withheld cells of the table's current suppression, in row, then column order.</summary>
    public List<CellRef> WithheldCells() =>
        [.. _table.Rows.SelectMany((r, i) => Enumerable.Range(0, r.Values.Length).Where(c => r.Withheld[c] && r.Values[c] is not null).Select(c => new CellRef(i, c)))];

    /// <summary>
    /// The withheld cells in components, each a list in row, then column order, the components in the order of their
    /// first cell: cells are in one component when a chain of relations with withheld cells links them.
    /// </summary>
    public List<List<CellRef>> Components()
    {
        var withheld = WithheldCells();
        var index = withheld.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var parent = Enumerable.Range(0, withheld.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        foreach (var relation in _relations)
        {
            var first = -1;
            foreach (var cell in relation.Parts.Append(relation.Total))
            {
                if (!index.TryGetValue(cell, out var i)) continue;
                if (first < 0) first = i;
                else parent[Find(i)] = Find(first);
            }
        }
        return [.. withheld.Select((c, i) => (c, root: Find(i))).GroupBy(x => x.root).Select(g => g.Select(x => x.c).ToList()).OrderBy(g => g[0].Row).ThenBy(g => g[0].Column)];
    }

    /// <summary>The linear program of one component, to ask for the range of any of its cells (one solver for all).</summary>
    public ComponentProgram Program(IReadOnlyList<CellRef> component) => new(this, component);

    /// <summary>The feasible range of every cell of one component.</summary>
    public Dictionary<CellRef, FeasibleRange> Ranges(IReadOnlyList<CellRef> component)
    {
        using var program = Program(component);
        return component.ToDictionary(c => c, c => program.Range(c));
    }

    /// <summary>
    /// The program of one component: a variable per withheld cell, from 1 to the cap, and an equation per relation that
    /// holds one of them (parts − total = 0, printed figures moved to the right-hand side).
    /// </summary>
    public sealed class ComponentProgram : IDisposable
    {
        private readonly DisclosureAudit _audit;
        private readonly Solver? _solver;
        private readonly Dictionary<CellRef, Variable> _variables = [];

        internal ComponentProgram(DisclosureAudit audit, IReadOnlyList<CellRef> component)
        {
            _audit = audit;
            Cells = component;
            var members = component.ToHashSet();
            var touching = audit._relations.Where(r => r.Total is var t && (members.Contains(t) || r.Parts.Any(members.Contains))).ToList();
            // In no relation: nothing printed says more than "at least 1", and no program is needed.
            if (touching.Count == 0) return;
            _solver = Solver.CreateSolver("GLOP")
                ?? throw new DisclosureControlException("The GLOP linear solver of Google.OrTools is not available.");
            // Without presolve, GLOP starts each program from the last one's optimal basis: the programs of a component
            // differ only in their objective, and solved 6 to 10 times faster so (452 programs of the largest Yearbook
            // table: 20 ms against 130 to 220 ms).
            if (!_solver.SetSolverSpecificParametersAsString("use_preprocessing: false"))
                throw new DisclosureControlException("GLOP refused the disclosure audit's parameters.");
            foreach (var c in component) _variables[c] = _solver.MakeNumVar(1, audit._cap, $"r{c.Row}c{c.Column}");
            foreach (var relation in touching)
            {
                double rhs = 0;
                var terms = new List<(Variable Variable, double Coefficient)>();
                foreach (var (cell, sign) in relation.Parts.Select(p => (p, 1.0)).Append((relation.Total, -1.0)))
                {
                    if (_variables.TryGetValue(cell, out var v)) terms.Add((v, sign));
                    else rhs -= sign * audit._table.Value(cell)!.Value;
                }
                var constraint = _solver.MakeConstraint(rhs, rhs);
                foreach (var (v, coefficient) in terms) constraint.SetCoefficient(v, coefficient);
            }
        }

        public IReadOnlyList<CellRef> Cells { get; }

        /// <summary>The exact feasible range of a cell; <paramref name="observe"/> sees every solution found on the way.</summary>
        public FeasibleRange Range(CellRef cell, Action<CellRef, double>? observe = null)
        {
            if (_solver is null) return new FeasibleRange(1, null);
            var low = Optimise(cell, [cell], maximise: false, observe);
            var high = Optimise(cell, [cell], maximise: true, observe);
            return new FeasibleRange((long)Math.Ceiling(low - 1e-6), high > _audit._bounded + 0.5 ? null : (long)Math.Floor(high + 1e-6));
        }

        /// <summary>
        /// The minimum, then the maximum of a cell; <paramref name="enough"/>, asked after the minimum, can spare the
        /// maximum (when the solutions seen already tell what the caller wants to know).
        /// </summary>
        public FeasibleRange? Range(CellRef cell, Action<CellRef, double> observe, Func<bool> enough)
        {
            if (_solver is null) return new FeasibleRange(1, null);
            var low = Optimise(cell, [cell], maximise: false, observe);
            if (enough()) return null;
            var high = Optimise(cell, [cell], maximise: true, observe);
            return new FeasibleRange((long)Math.Ceiling(low - 1e-6), high > _audit._bounded + 0.5 ? null : (long)Math.Floor(high + 1e-6));
        }

        /// <summary>
        /// Maximises, then minimises a signed sum of <paramref name="cells"/>, the signs drawn from the cells' places and
        /// <paramref name="draw"/> (the same every run): two solutions that push the cells of each relation in opposite
        /// directions, and so usually show most cells at values far apart, proving their ranges wide without a program
        /// of their own.
        /// </summary>
        public void Survey(IReadOnlyList<CellRef> cells, int draw, Action<CellRef, double> observe)
        {
            if (_solver is null)
            {
                foreach (var c in cells) { observe(c, 1); observe(c, double.PositiveInfinity); }
                return;
            }
            var weights = cells.Select(c => ((uint)(c.Row * 73856093) ^ (uint)(c.Column * 19349663) ^ (uint)(draw * 83492791)) * 2654435761u >> 31 == 0 ? 1.0 : -1.0).ToList();
            Optimise(cells[0], cells, maximise: true, observe, weights);
            Optimise(cells[0], cells, maximise: false, observe, weights);
        }

        private double Optimise(CellRef named, IReadOnlyList<CellRef> sum, bool maximise, Action<CellRef, double>? observe, IReadOnlyList<double>? weights = null)
        {
            var objective = _solver!.Objective();
            objective.Clear();
            for (var i = 0; i < sum.Count; i++) objective.SetCoefficient(_variables[sum[i]], weights?[i] ?? 1);
            if (maximise) objective.SetMaximization(); else objective.SetMinimization();
            var status = _solver.Solve();
            // The true figures satisfy every relation and the cap bounds every variable: anything but optimal is a fault.
            if (status != Solver.ResultStatus.OPTIMAL)
                throw new DisclosureControlException($"{_audit._table.Id}: the disclosure audit's linear program for row '{_audit._table.Rows[named.Row].Label}', column '{_audit._table.Columns[named.Column].Header}' ended {status}.");
            if (observe is not null)
                foreach (var (c, v) in _variables)
                    observe(c, v.SolutionValue() is var value && value > _audit._bounded + 0.5 ? double.PositiveInfinity : value);
            return objective.Value();
        }

        public void Dispose() => _solver?.Dispose();
    }

    /// <summary>Every withheld cell's feasible range under the table's current suppression.</summary>
    public Dictionary<CellRef, FeasibleRange> AllRanges()
    {
        var ranges = new Dictionary<CellRef, FeasibleRange>();
        foreach (var component in Components())
            foreach (var (cell, range) in Ranges(component))
                ranges[cell] = range;
        return ranges;
    }
}
