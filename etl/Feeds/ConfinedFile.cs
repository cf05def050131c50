using Microsoft.Win32.SafeHandles;
using Mono.Unix.Native;

namespace PdWarehouse.Etl.Feeds;

/// <summary>
/// Opens a file a delivery names as a regular file inside the delivery folder, once, and answers every question about
/// it from the opened handle: a check of the path followed by an open of the path could be raced (the name re-pointed
/// in between), a check of the handle cannot. On Unix the open itself refuses a symbolic link (O_NOFOLLOW) and cannot
/// block on a named pipe (O_NONBLOCK); fstat of the handle then refuses anything but a regular file, and a file with
/// more than one hard link, because its other name may lie outside the folder and nothing tells where.
/// </summary>
internal static class ConfinedFile
{
    /// <summary>A manifest is a few kilobytes; a larger one is refused before it is read whole.</summary>
    public const int MaxManifestBytes = 1 << 20;

    /// <param name="missing">The refusal when the name does not exist (the manifest's reason differs from a data file's).</param>
    public static SafeFileHandle Open(string delivery, string folder, string name, RefusalReason missing)
    {
        var path = Path.Combine(folder, name);
        try
        {
            return OperatingSystem.IsWindows() ? OpenOnWindows(delivery, path, name, missing) : OpenOnUnix(delivery, path, name, missing);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unreadable(delivery, name, ex);
        }
    }

    public static DeliveryRefusedException Unreadable(string delivery, string name, Exception ex) =>
        new(delivery, name, RefusalReason.Unreadable, $"cannot be read: {Echo.Line(ex.Message.Split('\n')[0], 300)}");

    static SafeFileHandle OpenOnUnix(string delivery, string path, string name, RefusalReason missing)
    {
        var fd = Syscall.open(path, OpenFlags.O_RDONLY | OpenFlags.O_NOFOLLOW | OpenFlags.O_NONBLOCK | OpenFlags.O_NOCTTY | OpenFlags.O_CLOEXEC);
        if (fd < 0)
        {
            var errno = Stdlib.GetLastError();
            throw errno switch
            {
                Errno.ENOENT => Missing(delivery, name, missing),
                // Linux answers ELOOP, the BSDs EMLINK, when O_NOFOLLOW meets a link.
                Errno.ELOOP or Errno.EMLINK => new DeliveryRefusedException(delivery, name, RefusalReason.UnsafeFileName,
                    "is a symbolic link: a delivery holds its files themselves, because a link may lead outside the delivery folder"),
                _ => new DeliveryRefusedException(delivery, name, RefusalReason.Unreadable, $"cannot be opened: {Mono.Unix.UnixMarshal.GetErrorDescription(errno)}"),
            };
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            if (Syscall.fstat(fd, out var stat) != 0)
                throw new DeliveryRefusedException(delivery, name, RefusalReason.Unreadable, $"cannot be examined: {Mono.Unix.UnixMarshal.GetErrorDescription(Stdlib.GetLastError())}");
            var type = stat.st_mode & FilePermissions.S_IFMT;
            if (type != FilePermissions.S_IFREG)
                throw new DeliveryRefusedException(delivery, name, RefusalReason.UnsafeFileName,
                    $"is not a regular file but {Kind(type)}: a delivery holds regular files only");
            if (stat.st_nlink > 1)
                throw new DeliveryRefusedException(delivery, name, RefusalReason.UnsafeFileName,
                    $"has {stat.st_nlink} hard links: its other names may lie outside the delivery folder, so it is refused (send a copy)");
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    static string Kind(FilePermissions type) => type switch
    {
        FilePermissions.S_IFIFO => "a named pipe",
        FilePermissions.S_IFCHR => "a character device",
        FilePermissions.S_IFBLK => "a block device",
        FilePermissions.S_IFDIR => "a directory",
        FilePermissions.S_IFSOCK => "a socket",
        _ => "a special file",
    };

    /// <summary>Windows has no O_NOFOLLOW through .NET: links are refused by their attributes, before and after the open.</summary>
    static SafeFileHandle OpenOnWindows(string delivery, string path, string name, RefusalReason missing)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw Directory.Exists(path)
            ? new DeliveryRefusedException(delivery, name, RefusalReason.UnsafeFileName, "is not a regular file but a directory: a delivery holds regular files only")
            : Missing(delivery, name, missing);
        if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            throw new DeliveryRefusedException(delivery, name, RefusalReason.UnsafeFileName,
                "is a symbolic link: a delivery holds its files themselves, because a link may lead outside the delivery folder");
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (File.GetAttributes(handle).HasFlag(FileAttributes.ReparsePoint))
        {
            handle.Dispose();
            throw new DeliveryRefusedException(delivery, name, RefusalReason.UnsafeFileName, "is a link: a delivery holds its files themselves");
        }
        return handle;
    }

    static DeliveryRefusedException Missing(string delivery, string name, RefusalReason reason) => new(delivery, name, reason,
        reason == RefusalReason.ManifestMissing ? "missing: every delivery needs a manifest.json" : "missing: the manifest lists it but the folder does not hold it");

    /// <summary>All of a small file, refusing it when it holds more than <paramref name="max"/> bytes (whatever its size claims).</summary>
    public static byte[] ReadAll(string delivery, string name, SafeFileHandle handle, int max)
    {
        var buffer = new byte[Math.Min(max + 1L, Math.Max(4096L, RandomAccess.GetLength(handle) + 1))];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > max) break;
                Array.Resize(ref buffer, (int)Math.Min(max + 1L, buffer.Length * 2L));
            }
            var n = RandomAccess.Read(handle, buffer.AsSpan(total), total);
            if (n == 0) return buffer[..total];
            total += n;
        }
        throw new DeliveryRefusedException(delivery, name, RefusalReason.ManifestInvalid,
            $"is larger than {max / 1024} KiB: a manifest lists files and totals, a few kilobytes");
    }
}

/// <summary>
/// Reads an opened file from its start without owning it: the delivery's one handle serves the checksum pass and then
/// the row reader, so the bytes loaded are the bytes verified.
/// </summary>
internal sealed class HandleStream(SafeFileHandle handle) : Stream
{
    long position;

    public override int Read(Span<byte> buffer)
    {
        var n = RandomAccess.Read(handle, buffer, position);
        position += n;
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => position; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
