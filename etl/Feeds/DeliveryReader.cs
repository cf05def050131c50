using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace PdWarehouse.Etl.Feeds;

/// <summary>A delivery whose manifest, checksums, headers and row counts have been verified.</summary>
public sealed class Delivery
{
    internal Delivery(string folder, Manifest manifest, FeedDefinition feed, string manifestSha256)
    {
        Folder = folder;
        Manifest = manifest;
        Feed = feed;
        ManifestSha256 = manifestSha256;
        DisplayName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
    }

    /// <summary>Absolute path of the delivery folder.</summary>
    public string Folder { get; }
    public Manifest Manifest { get; }
    public FeedDefinition Feed { get; }
    /// <summary>SHA-256 of manifest.json's bytes: identifies the delivery for lineage and idempotent reloads.</summary>
    public string ManifestSha256 { get; }
    /// <summary>The folder name, e.g. ice-removals-returns-FY2013.</summary>
    public string DisplayName { get; }

    public string PathOf(ManifestFile file) => Path.Combine(Folder, file.Name);
}

/// <summary>Opens a delivery folder and refuses it, as a whole, unless every check of docs/feeds.md §"Verification" passes.</summary>
public static class DeliveryReader
{
    public static Delivery Open(string folder)
    {
        var full = Path.GetFullPath(folder);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(full));
        if (!Directory.Exists(full)) throw new DeliveryRefusedException(name, null, RefusalReason.FolderMissing, $"no such folder '{full}'");
        var realFolder = RealPath(full);

        var manifestPath = Path.Combine(full, ManifestJson.FileName);
        if (!File.Exists(manifestPath))
            throw new DeliveryRefusedException(name, ManifestJson.FileName, RefusalReason.ManifestMissing, "missing: every delivery needs a manifest.json");
        var manifestBytes = File.ReadAllBytes(manifestPath);
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
                $"formatVersion '{manifest.FormatVersion}' is not supported (this reader reads {FeedCatalog.FormatVersion})");
        if (!FeedCatalog.TryGet(manifest.Feed, out var feed))
            throw new DeliveryRefusedException(name, ManifestJson.FileName, RefusalReason.UnknownFeed,
                $"unknown feed '{manifest.Feed}' (known: {string.Join(", ", FeedCatalog.All.Select(f => f.Name))})");
        if (manifest.Component != feed.Component)
            throw new DeliveryRefusedException(name, ManifestJson.FileName, RefusalReason.ComponentMismatch,
                $"component '{manifest.Component}' does not send feed {feed.Name} (expected {feed.Component})");

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in manifest.Files)
        {
            CheckName(name, file.Name);
            if (!seen.Add(file.Name))
                throw new DeliveryRefusedException(name, file.Name, RefusalReason.ManifestInvalid, "listed twice in the manifest");
        }
        foreach (var file in manifest.Files) VerifyFile(name, realFolder, full, feed, file);
        return new Delivery(full, manifest, feed, Convert.ToHexStringLower(SHA256.HashData(manifestBytes)));
    }

    /// <summary>A file name must name a file directly inside the delivery folder: no directories, no '..', nothing absolute.</summary>
    static void CheckName(string delivery, string fileName)
    {
        if (Path.IsPathRooted(fileName) || fileName.Contains('/') || fileName.Contains('\\') || fileName.Contains(':')
            || fileName is "." or ".." || fileName.Contains('\0') || fileName == ManifestJson.FileName)
            throw new DeliveryRefusedException(delivery, fileName, RefusalReason.UnsafeFileName,
                "file names must name a file inside the delivery folder (no paths, no '..', not absolute, not manifest.json)");
    }

    static void VerifyFile(string delivery, string realFolder, string folder, FeedDefinition feed, ManifestFile file)
    {
        var path = Path.Combine(folder, file.Name);
        var info = new FileInfo(path);
        if (!info.Exists) throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.FileMissing, "missing: the manifest lists it but the folder does not hold it");
        // A symbolic link inside the folder may point anywhere; only its final target counts.
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            var real = target is null ? null : RealPath(target.FullName);
            if (real is null || !IsInside(realFolder, real))
                throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.UnsafeFileName, "is a link to a file outside the delivery folder");
        }
        if (info.Length == 0) throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.FileEmpty, "is empty (0 bytes): even a file with no rows has a header");

        var (sha, lines, header) = Scan(path);
        if (sha != file.Sha256)
            throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.ChecksumMismatch,
                $"SHA-256 is {sha} but the manifest says {file.Sha256}: the file was changed or damaged in transit");
        var expected = string.Join(',', feed.Columns.Select(c => c.Name));
        if (header != expected)
            throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.HeaderMismatch,
                $"header is '{Shorten(header)}' but feed {feed.Name} has the columns '{expected}'");
        var dataRows = lines - 1;
        if (dataRows == 0 && file.Rows > 0)
            throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.HeaderOnly,
                $"holds only a header but the manifest says {file.Rows} data rows");
        if (dataRows != file.Rows)
            throw new DeliveryRefusedException(delivery, file.Name, RefusalReason.RowCountMismatch,
                $"holds {dataRows} data rows but the manifest says {file.Rows}");
    }

    /// <summary>One pass over the bytes: SHA-256, physical line count and the decoded header line.</summary>
    static (string Sha, long Lines, string Header) Scan(string path)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
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

    static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "…";

    static bool IsInside(string folder, string path)
    {
        var withSep = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        return path.StartsWith(withSep, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    /// <summary>The path with every symbolic link along it resolved, so containment is judged on real locations.</summary>
    static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                if (target is not null) current = RealPath(target.FullName);
            }
        }
        return current;
    }
}
