using System.Buffers;
using Microsoft.Win32.SafeHandles;
using System.Security.Cryptography;
using System.Text;

namespace PdWarehouse.Etl.Feeds;

/// <summary>
/// A delivery whose manifest, checksums, headers and row counts have been verified. It holds every file it names open,
/// from verification to loading: each is opened once, and what loads is what was verified.
/// </summary>
public sealed class Delivery : IDisposable
{
    readonly IReadOnlyList<SafeFileHandle> handles;

    internal Delivery(string folder, Manifest manifest, FeedDefinition feed, string manifestSha256, IReadOnlyList<SafeFileHandle> handles)
    {
        Folder = folder;
        Manifest = manifest;
        Feed = feed;
        ManifestSha256 = manifestSha256;
        DisplayName = DeliveryReader.NameOf(folder);
        this.handles = handles;
    }

    /// <summary>Absolute path of the delivery folder.</summary>
    public string Folder { get; }
    public Manifest Manifest { get; }
    public FeedDefinition Feed { get; }
    /// <summary>SHA-256 of manifest.json's bytes: identifies the delivery for lineage and idempotent reloads.</summary>
    public string ManifestSha256 { get; }
    /// <summary>The folder name, e.g. ice-removals-returns-FY2013, as messages show it (control characters escaped).</summary>
    public string DisplayName { get; }

    public string PathOf(ManifestFile file) => Path.Combine(Folder, file.Name);

    /// <summary>The verified file's bytes from its start, through the handle verification opened.</summary>
    internal Stream OpenRead(ManifestFile file)
    {
        for (var i = 0; i < Manifest.Files.Count; i++)
            if (ReferenceEquals(Manifest.Files[i], file) || Manifest.Files[i] == file)
            {
                ObjectDisposedException.ThrowIf(handles[i].IsClosed, this);
                return new HandleStream(handles[i]);
            }
        throw new ArgumentException($"{Echo.Value(file.Name)} is not a file of delivery {DisplayName}", nameof(file));
    }

    public void Dispose()
    {
        foreach (var h in handles) h.Dispose();
    }
}

/// <summary>Opens a delivery folder and refuses it, as a whole, unless every check of docs/feeds.md §"Verification" passes.</summary>
public static class DeliveryReader
{
    /// <summary>The delivery's name as every message shows it.</summary>
    public static string NameOf(string folder) => Echo.Value(Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))));

    /// <summary>
    /// The manifest, read as <see cref="Open"/> reads it (confined, bounded) but without verifying the files, or null when
    /// it cannot be: for ordering deliveries before they load, where a bad manifest simply sorts first and is refused then.
    /// </summary>
    public static Manifest? PeekManifest(string folder)
    {
        var full = Path.GetFullPath(folder);
        try
        {
            using var handle = ConfinedFile.Open(NameOf(full), full, ManifestJson.FileName, RefusalReason.ManifestMissing);
            return ManifestJson.Parse(ConfinedFile.ReadAll(NameOf(full), ManifestJson.FileName, handle, ConfinedFile.MaxManifestBytes));
        }
        catch (Exception ex) when (ex is DeliveryRefusedException or FormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Verifies the delivery. Every failure, an I/O error included, is a <see cref="DeliveryRefusedException"/>.</summary>
    public static Delivery Open(string folder)
    {
        var full = Path.GetFullPath(folder);
        var name = NameOf(full);
        if (!Directory.Exists(full)) throw new DeliveryRefusedException(name, null, RefusalReason.FolderMissing, $"no such folder '{Echo.Value(full)}'");

        var handles = new List<SafeFileHandle>();
        var current = ManifestJson.FileName;
        try
        {
            byte[] manifestBytes;
            using (var manifestHandle = ConfinedFile.Open(name, full, ManifestJson.FileName, RefusalReason.ManifestMissing))
                manifestBytes = ConfinedFile.ReadAll(name, ManifestJson.FileName, manifestHandle, ConfinedFile.MaxManifestBytes);
            Manifest manifest;
            try
            {
                manifest = ManifestJson.Parse(manifestBytes);
            }
            catch (FormatException ex)
            {
                throw new DeliveryRefusedException(name, ManifestJson.FileName, RefusalReason.ManifestInvalid, ex.Message);
            }
            if (manifest.FormatVersion != FeedCatalog.FormatVersion)
                throw new DeliveryRefusedException(name, ManifestJson.FileName, RefusalReason.UnsupportedFormatVersion,
                    $"formatVersion '{Echo.Value(manifest.FormatVersion)}' is not supported (this reader reads {FeedCatalog.FormatVersion})");
            if (!FeedCatalog.TryGet(manifest.Feed, out var feed))
                throw new DeliveryRefusedException(name, ManifestJson.FileName, RefusalReason.UnknownFeed,
                    $"feed: unknown feed '{Echo.Value(manifest.Feed)}' (known: {string.Join(", ", FeedCatalog.All.Select(f => f.Name))})");
            if (manifest.Component != feed.Component)
                throw new DeliveryRefusedException(name, ManifestJson.FileName, RefusalReason.ComponentMismatch,
                    $"component: '{Echo.Value(manifest.Component)}' does not send feed {feed.Name} (expected {feed.Component})");

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in manifest.Files)
            {
                CheckName(name, file.Name);
                if (!seen.Add(file.Name))
                    throw new DeliveryRefusedException(name, file.Name, RefusalReason.ManifestInvalid, "listed twice in the manifest");
            }
            foreach (var file in manifest.Files)
            {
                current = file.Name;
                var handle = ConfinedFile.Open(name, full, file.Name, RefusalReason.FileMissing);
                handles.Add(handle);
                VerifyFile(name, feed, file, handle);
            }
            return new Delivery(full, manifest, feed, Convert.ToHexStringLower(SHA256.HashData(manifestBytes)), handles);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            foreach (var h in handles) h.Dispose();
            throw ConfinedFile.Unreadable(name, current, ex);
        }
        catch
        {
            foreach (var h in handles) h.Dispose();
            throw;
        }
    }

    /// <summary>A file name must name a file directly inside the delivery folder: no directories, no '..', nothing absolute.</summary>
    static void CheckName(string delivery, string fileName)
    {
        if (Path.IsPathRooted(fileName) || fileName.Contains('/') || fileName.Contains('\\') || fileName.Contains(':')
            || fileName is "." or ".." || fileName.Contains('\0') || fileName == ManifestJson.FileName)
            throw new DeliveryRefusedException(delivery, fileName, RefusalReason.UnsafeFileName,
                "file names must name a file inside the delivery folder (no paths, no '..', not absolute, not manifest.json)");
    }

    static void VerifyFile(string delivery, FeedDefinition feed, ManifestFile file, SafeFileHandle handle)
    {
        if (RandomAccess.GetLength(handle) == 0)
            throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.FileEmpty, "is empty (0 bytes): even a file with no rows has a header");

        var (sha, lines, header) = Scan(handle);
        if (sha != file.Sha256)
            throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.ChecksumMismatch,
                $"SHA-256 is {sha} but the manifest says {file.Sha256}: the file was changed or damaged in transit");
        var expected = string.Join(',', feed.Columns.Select(c => c.Name));
        if (header != expected)
            throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.HeaderMismatch,
                $"line 1: header is '{Echo.Line(header, 200)}' but feed {feed.Name} has the columns '{expected}'");
        var dataRows = lines - 1;
        if (dataRows == 0 && file.Rows > 0)
            throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.HeaderOnly,
                $"holds only a header but the manifest says {file.Rows} data rows");
        if (dataRows != file.Rows)
            throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.RowCountMismatch,
                $"holds {dataRows} data rows but the manifest says {file.Rows}");
    }

    /// <summary>One pass over the bytes: SHA-256, physical line count and the decoded header line.</summary>
    static (string Sha, long Lines, string Header) Scan(SafeFileHandle handle)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using var stream = new HandleStream(handle);
            long newlines = 0;
            var last = (byte)'\n';
            var header = new List<byte>();
            var headerDone = false;
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var chunk = buffer.AsSpan(0, n);
                hash.AppendData(chunk);
                newlines += chunk.Count((byte)'\n');
                last = chunk[^1];
                if (!headerDone)
                {
                    var nl = chunk.IndexOf((byte)'\n');
                    var take = nl < 0 ? chunk : chunk[..nl];
                    if (header.Count + take.Length > 64 * 1024) take = take[..Math.Max(0, 64 * 1024 - header.Count)];
                    header.AddRange(take);
                    headerDone = nl >= 0 || header.Count >= 64 * 1024;
                }
            }
            var lines = newlines + (last == (byte)'\n' ? 0 : 1);
            var headerBytes = header.ToArray().AsSpan();
            if (headerBytes.StartsWith("\uFEFF"u8)) headerBytes = headerBytes[3..];
            if (headerBytes.Length > 0 && headerBytes[^1] == (byte)'\r') headerBytes = headerBytes[..^1];
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), lines, Encoding.UTF8.GetString(headerBytes));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
