using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac.Model;

namespace PdWarehouse.Warehouse;

/// <summary>
/// Proves shared SQL against the dacpac model without a server: each statement is compiled into a
/// throwaway procedure in a fresh copy of the model, and DacFx resolves every table and column it names.
/// A column renamed in warehouse/ therefore fails this check, not a night's load.
/// </summary>
public static partial class SharedSqlBinder
{
    public sealed record BindProblem(string Statement, string Message);

    public static IReadOnlyList<BindProblem> Bind(WarehouseSources sources, IEnumerable<(string Name, string Sql)> statements)
    {
        var list = statements.ToList();
        using var model = new PackageBuilder(sources).BuildModel();
        var tsql = model.Model;
        var problems = new List<BindProblem>();
        for (var i = 0; i < list.Count; i++)
        {
            var (name, sql) = list[i];
            var parameters = Parameter().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(p => $"@{p} NVARCHAR(4000)");
            var body = $"CREATE PROCEDURE dbo.SharedSqlCheck{i} {string.Join(", ", parameters)}\nAS\nBEGIN\n{sql.TrimEnd().TrimEnd(';')};\nEND";
            try { tsql.AddOrUpdateObjects(body, $"shared-sql-{i}.sql", new TSqlObjectOptions()); }
            catch (DacModelException ex)
            {
                problems.Add(new BindProblem(name, string.Join("; ", ex.Messages.Select(m => m.Message))));
            }
        }
        foreach (var message in tsql.Validate().Where(m => m.MessageType == Microsoft.SqlServer.Dac.DacMessageType.Error))
        {
            var match = CheckName().Match(message.Message);
            var name = match.Success ? list[int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)].Name : "(model)";
            problems.Add(new BindProblem(name, message.Message));
        }
        return problems;
    }

    /// <summary>Constructs outside the subset both engines run (DESIGN §4), found in a statement's text.</summary>
    public static IReadOnlyList<string> EngineSpecificConstructs(string sql)
    {
        var found = new List<string>();
        var text = StringLiteral().Replace(sql, "''");
        if (text.Contains('[')) found.Add("brackets");
        foreach (var word in new[] { "TOP", "LIMIT", "ISNULL", "IIF", "GETDATE", "GETUTCDATE", "SYSUTCDATETIME", "COUNT_BIG", "NOW", "LEN", "DATEADD", "DATEDIFF", "NEWID" })
            if (Regex.IsMatch(text, $@"\b{word}\b\s*(\(|\s)", RegexOptions.IgnoreCase)) found.Add(word);
        return found;
    }

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"SharedSqlCheck(\d+)")]
    private static partial Regex CheckName();

    [GeneratedRegex(@"'(?:[^']|'')*'")]
    private static partial Regex StringLiteral();
}
