using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Loading;

/// <summary>A batch that could not complete: everything it did is rolled back; the message says why.</summary>
public abstract class BatchFailedException(string message, Exception? inner = null) : PdWarehouseException(message, inner);

public sealed class RejectThresholdExceededException(string delivery, long rejected, long read, double threshold)
    : BatchFailedException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{delivery}: {rejected:N0} of {read:N0} rows rejected ({(double)rejected / read:P2}), more than the threshold {threshold:P2}; nothing was loaded (see the rejects with --json, or raise --reject-threshold)."));

public sealed class RowCountMismatchException(string delivery, string file, long read, long staged, long rejected)
    : BatchFailedException($"{delivery}/{file}: {read:N0} rows read but {staged:N0} staged + {rejected:N0} rejected; nothing was loaded.");

public sealed class DataTestFailedException(string delivery, IReadOnlyList<DataTestResult> failures)
    : BatchFailedException($"{delivery}: {failures.Count} error-level data test(s) failed, first: {failures[0].Test.Name} ({failures[0].FailingRows:N0} rows); nothing was loaded.")
{
    public IReadOnlyList<DataTestResult> Failures { get; } = failures;
}

public sealed class UnsupportedFeedException(string feed)
    : BatchFailedException($"Feed '{feed}' has no load plan in this version of pdw.");
