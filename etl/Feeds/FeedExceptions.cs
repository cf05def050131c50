using PdWarehouse.Warehouse;

namespace PdWarehouse.Etl.Feeds;

/// <summary>What made a delivery unacceptable as a whole; tests and the loader's summary key on it.</summary>
public enum RefusalReason
{
    FolderMissing,
    ManifestMissing,
    ManifestInvalid,
    UnsupportedFormatVersion,
    UnknownFeed,
    ComponentMismatch,
    UnsafeFileName,
    FileMissing,
    FileEmpty,
    ChecksumMismatch,
    HeaderMismatch,
    HeaderOnly,
    RowCountMismatch,
    /// <summary>The operating system could not open or read a file (permissions, an I/O error, a link loop the open did not catch).</summary>
    Unreadable,
}

/// <summary>
/// A delivery refused before anything is staged: one line naming the delivery, the file and the problem.
/// <paramref name="delivery"/> is the display name (<see cref="DeliveryReader.NameOf"/>); the file name, which a
/// manifest chose, is shown through <see cref="Echo"/>.
/// </summary>
public sealed class DeliveryRefusedException(string delivery, string? file, RefusalReason reason, string problem)
    : PdWarehouseException($"delivery {delivery} refused: {(file is null ? "" : Echo.Value(file) + ": ")}{problem}")
{
    public string Delivery { get; } = delivery;
    public string? File { get; } = file;
    public RefusalReason Reason { get; } = reason;
}

public sealed class UnknownFeedException(string feed)
    : PdWarehouseException($"unknown feed '{feed}'; known feeds: {string.Join(", ", FeedCatalog.All.Select(f => f.Name))}");
