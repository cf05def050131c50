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
/// The audit of one table's suppression, as the report publishes it: every one of its <see cref="Withheld"/> cells was
/// proven to span the protection interval, <see cref="AddedByAudit"/> of them withheld because the audit found a range
/// too narrow.
/// </summary>
public sealed record TableAudit(string TableId, string TableNumber, int MinimumCell, int Withheld, int AddedByAudit, TimeSpan Elapsed)
{
    /// <summary>The protection interval every withheld cell's range must span (docs/reports.md).</summary>
    public long RequiredWidth => Disclosure.ProtectionWidth(MinimumCell);

    /// <summary>One sentence for the report's audit.</summary>
    public string Statement
    {
        get
        {
            if (Withheld == 0) return $"{TableNumber}: no cell withheld.";
            var i = CultureInfo.InvariantCulture;
            var cells = Withheld == 1 ? "1 cell withheld" : string.Create(i, $"{Withheld:#,##0} cells withheld");
            var added = AddedByAudit == 0 ? "" : string.Create(i, $" ({AddedByAudit:#,##0} of them because the audit found a range too narrow)");
            return string.Create(i, $"{TableNumber}: {cells}{added}; no withheld cell can be narrowed to a range spanning less than {RequiredWidth:#,##0}.");
        }
    }
}

/// <summary>The audit as the report prints it: what was proven, then one sentence per table with withheld cells.</summary>
public static class DisclosureAuditText
{
    /// <param name="minimumCell">The threshold set for every table, or null when each table has its kind's.</param>
    public static IReadOnlyList<string> Paragraphs(IEnumerable<ReportTable> tables, int? minimumCell)
    {
        var controlled = tables.Where(t => t.DisclosureControlled).ToList();
        if (minimumCell <= 1 || controlled.Count == 0) return ["Disclosure audit: no cell is withheld in this report (minimum cell 1)."];
        var rule = minimumCell is int m
            ? string.Create(CultureInfo.InvariantCulture, $"{m:#,##0}, the minimum cell")
            : $"the minimum cell of the table's kind: {Definitions.DisclosurePolicy.EnforcementEvents} for enforcement events, {Definitions.DisclosurePolicy.DecisionsAboutPersons} for decisions about persons";
        var audited = controlled.Where(t => t.Audit is { Withheld: > 0 }).ToList();
        var clear = controlled.Where(t => t.Audit is not { Withheld: > 0 }).Select(t => t.Number["Table ".Length..]).ToList();
        var paragraphs = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Disclosure audit: for every table with withheld cells, the values each withheld cell could take were computed by linear programs from everything the table prints: its totals and subtotals and every row and column that adds up to them, read together; its published cells; zeros, printed \u201c-\u201d; and so every withheld count at least 1. No withheld cell may be narrowed to a range spanning less than {rule}; wherever one could be, further cells were withheld until none can. Each table's result:"),
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
/// zero, and every withheld cell at least 1, since a zero would have been printed. A cell's range is the minimum and the
/// maximum of a linear program (GLOP) whose variables are the withheld cells.
/// <para>Linear bounds are integer bounds here: each table is a two-way table whose rows nest in at most one hierarchy
/// (detail, subtotal, total) and whose columns add up to at most one total column, so its relations form a network
/// matrix, which is totally unimodular, and with integer printed values every vertex of the program is integral. The
/// bounds are still rounded inwards (ceiling of the minimum, floor of the maximum) against floating-point noise.</para>
/// </summary>
public sealed class DisclosureAudit
{
    private readonly ReportTable _table;
    private readonly List<AdditiveRelation> _relations = [];
    /// <summary>Each cell's relations, by index into <see cref="_relations"/>, with its sign there: +1 a part, −1 the total.</summary>
    private readonly Dictionary<CellRef, List<(int Relation, double Sign)>> _memberships = [];
    /// <summary>Every withheld cell's upper bound; a value above <see cref="_bounded"/> means none (see the constructor).</summary>
    private readonly double _bounded;
    private readonly double _cap;

    public DisclosureAudit(ReportTable table)
    {
        _table = table;
        foreach (var relation in table.Relations())
        {
            // A total that is not applicable states nothing; a part that is not applicable is not in the sum.
            if (table.Value(relation.Total) is not long total) continue;
            var parts = relation.Parts.Where(p => table.Value(p) is not null).ToList();
            var sum = parts.Sum(p => table.Value(p)!.Value);
            // The programs assume that what the table states holds: a relation that does not would make them wrong.
            if (sum != total)
                throw new DisclosureControlException($"{table.Id}: row '{table.Rows[relation.Total.Row].Label}', column '{table.Columns[relation.Total.Column].Header}' is {total} but its parts add up to {sum}; the table's relations must hold before its suppression can be audited.");
            var index = _relations.Count;
            _relations.Add(new AdditiveRelation(relation.Total, parts));
            foreach (var (cell, sign) in parts.Select(p => (p, 1.0)).Append((relation.Total, -1.0)))
            {
                if (!_memberships.TryGetValue(cell, out var list)) _memberships[cell] = list = [];
                list.Add((index, sign));
            }
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

    /// <summary>The relations a cell is in, as a part or as the total.</summary>
    public IEnumerable<AdditiveRelation> RelationsOf(CellRef cell) =>
        _memberships.TryGetValue(cell, out var list) ? list.Select(m => _relations[m.Relation]) : [];

    /// <summary>The withheld cells of the table's current suppression, in row, then column order.</summary>
    public List<CellRef> WithheldCells()
    {
        var cells = new List<CellRef>();
        for (var r = 0; r < _table.Rows.Count; r++)
            for (var c = 0; c < _table.Rows[r].Values.Length; c++)
                if (_table.Rows[r].Withheld[c] && _table.Rows[r].Values[c] is not null) cells.Add(new CellRef(r, c));
        return cells;
    }

    /// <summary>
    /// The withheld cells in components, each a list in row, then column order, the components in the order of their
    /// first cell: cells are in one component when a chain of relations with withheld cells links them, and a cell's
    /// range depends only on its component.
    /// </summary>
    public List<List<CellRef>> Components()
    {
        var withheld = WithheldCells();
        var index = new Dictionary<CellRef, int>(withheld.Count);
        for (var i = 0; i < withheld.Count; i++) index[withheld[i]] = i;
        var parent = Enumerable.Range(0, withheld.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        foreach (var relation in _relations)
        {
            var first = index.TryGetValue(relation.Total, out var t) ? t : -1;
            foreach (var cell in relation.Parts)
            {
                if (!index.TryGetValue(cell, out var i)) continue;
                if (first < 0) first = i;
                else parent[Find(i)] = Find(first);
            }
        }
        var groups = new Dictionary<int, List<CellRef>>();
        var order = new List<List<CellRef>>();
        for (var i = 0; i < withheld.Count; i++)
        {
            var root = Find(i);
            if (!groups.TryGetValue(root, out var group)) { groups[root] = group = []; order.Add(group); }
            group.Add(withheld[i]);
        }
        return order;
    }

    /// <summary>Every withheld cell's feasible range under the table's current suppression, a program per component.</summary>
    public Dictionary<CellRef, FeasibleRange> AllRanges()
    {
        var ranges = new Dictionary<CellRef, FeasibleRange>();
        foreach (var component in Components())
        {
            using var program = new Program(this, component);
            foreach (var cell in component) ranges[cell] = program.Range(cell, [], (_, _) => { }, () => false)!.Value;
        }
        return ranges;
    }

    /// <summary>A program over some withheld cells (a component), to which more can be withheld.</summary>
    public Program NewProgram(IEnumerable<CellRef> withheld) => new(this, withheld);

    /// <summary>
    /// A program: a variable per withheld cell, from 1 to the cap, and an equation per relation holding one (parts − total
    /// = 0, the printed figures moved to the right-hand side). Without presolve, GLOP starts each solve from the last
    /// one's optimal basis, and the programs of a component differ only in their objective or by a cell withheld (a new
    /// column and new right-hand sides): on the largest tables that solved 6 to 10 times faster than GLOP's default.
    /// </summary>
    public sealed class Program : IDisposable
    {
        private readonly DisclosureAudit _audit;
        private readonly Solver _solver;
        private readonly Dictionary<CellRef, Variable> _variables = [];
        private readonly Dictionary<int, (Constraint Constraint, double Rhs)> _equations = [];

        internal Program(DisclosureAudit audit, IEnumerable<CellRef> withheld)
        {
            _audit = audit;
            _solver = Solver.CreateSolver("GLOP")
                ?? throw new DisclosureControlException("The GLOP linear solver of Google.OrTools is not available.");
            if (!_solver.SetSolverSpecificParametersAsString("use_preprocessing: false"))
                throw new DisclosureControlException("GLOP refused the disclosure audit's parameters.");
            foreach (var cell in withheld) Withhold(cell);
        }

        /// <summary>Makes a cell unknown: a variable, in every relation it is in, whose printed value it no longer is.</summary>
        public void Withhold(CellRef cell)
        {
            var variable = _solver.MakeNumVar(1, _audit._cap, $"r{cell.Row}c{cell.Column}");
            _variables[cell] = variable;
            if (!_audit._memberships.TryGetValue(cell, out var memberships)) return;
            foreach (var (index, sign) in memberships)
            {
                double rhs;
                if (_equations.TryGetValue(index, out var equation))
                    rhs = equation.Rhs + sign * _audit._table.Value(cell)!.Value;
                else
                {
                    // The relation's first unknown: every other cell of it is printed.
                    var relation = _audit._relations[index];
                    rhs = -relation.Parts.Append(relation.Total).Where(c => c != cell)
                        .Sum(c => (c == relation.Total ? -1.0 : 1.0) * _audit._table.Value(c)!.Value);
                    equation = (_solver.MakeConstraint(rhs, rhs), rhs);
                }
                equation.Constraint.SetCoefficient(variable, sign);
                equation.Constraint.SetBounds(rhs, rhs);
                _equations[index] = (equation.Constraint, rhs);
            }
        }

        /// <summary>
        /// The exact feasible range of a cell: its maximum, then its minimum, unless <paramref name="enough"/> says after
        /// the maximum that the caller knows what it wants (null then): the minimum, usually 1, has mostly been seen
        /// already. <paramref name="observe"/> sees the value of each of <paramref name="watched"/> in every solution.
        /// </summary>
        public FeasibleRange? Range(CellRef cell, IReadOnlyList<CellRef> watched, Action<CellRef, double> observe, Func<bool> enough)
        {
            var high = Optimise(cell, [(cell, 1.0)], maximise: true, watched, observe);
            if (enough()) return null;
            var low = Optimise(cell, [(cell, 1.0)], maximise: false, watched, observe);
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
            var terms = cells.Select(c => (c, ((uint)(c.Row * 73856093) ^ (uint)(c.Column * 19349663) ^ (uint)(draw * 83492791)) * 2654435761u >> 31 == 0 ? 1.0 : -1.0)).ToList();
            Optimise(cells[0], terms, maximise: true, cells, observe);
            Optimise(cells[0], terms, maximise: false, cells, observe);
        }

        private double Optimise(CellRef named, IReadOnlyList<(CellRef Cell, double Weight)> terms, bool maximise, IReadOnlyList<CellRef> watched, Action<CellRef, double> observe)
        {
            var objective = _solver.Objective();
            objective.Clear();
            foreach (var (c, weight) in terms) objective.SetCoefficient(_variables[c], weight);
            if (maximise) objective.SetMaximization(); else objective.SetMinimization();
            var status = _solver.Solve();
            // The true figures satisfy every relation and the cap bounds every variable: anything but optimal is a fault.
            if (status != Solver.ResultStatus.OPTIMAL)
                throw new DisclosureControlException($"{_audit._table.Id}: the disclosure audit's linear program for row '{_audit._table.Rows[named.Row].Label}', column '{_audit._table.Columns[named.Column].Header}' ended {status}.");
            // A value past _bounded shows the cell has no upper bound at all.
            foreach (var c in watched)
                observe(c, _variables[c].SolutionValue() is var value && value > _audit._bounded + 0.5 ? double.PositiveInfinity : value);
            return objective.Value();
        }

        public void Dispose() => _solver.Dispose();
    }
}
