using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ServeStatic;

/// <summary>
/// A folder opened once so that the type and size of its entries can be read by name, relative to it (<c>statx(2)</c> on a
/// folder descriptor: no path walk from the root, nothing allocated): a warm start checks tens of thousands of content
/// files this way (FolderContentCheck), from all cores at once. Linux only; <see cref="Open"/> returns null elsewhere, and
/// the caller asks .NET.
/// </summary>
internal sealed class UnixFolder : IDisposable
{
    private readonly int _descriptor;

    private UnixFolder(int descriptor) => _descriptor = descriptor;

    /// <summary>The folder at <paramref name="path"/>, or null when it cannot be opened this way (not Linux, or no such folder).</summary>
    public static UnixFolder? Open(string path)
    {
        if (!OperatingSystem.IsLinux())
            return null;
        var descriptor = OpenFolder(path, PathOnly | Directory | CloseOnExec);
        return descriptor < 0 ? null : new UnixFolder(descriptor);
    }

    /// <summary>
    /// The type and size of the entry <paramref name="name"/> itself (a link is not followed, like <c>lstat</c>).
    /// <see cref="LinkStatus.Unknown"/> for an error other than "no such file": the caller asks .NET.
    /// </summary>
    public LinkStatus Entry(ReadOnlySpan<char> name, out UnixFileType type, out long size)
    {
        type = default;
        size = 0;
        Span<byte> bytes = stackalloc byte[MaxNameBytes];
        if (name.Length >= MaxNameBytes / 3 || name.Contains('\0'))
            return LinkStatus.Unknown;
        bytes[System.Text.Encoding.UTF8.GetBytes(name, bytes)] = 0;
        Span<byte> buffer = stackalloc byte[StatxBytes];
        if (Statx(_descriptor, ref MemoryMarshal.GetReference(bytes), AtSymlinkNoFollow, StatxType | StatxSize, ref MemoryMarshal.GetReference(buffer)) != 0)
            return Marshal.GetLastPInvokeError() is NoSuchFile or NotAFolder ? LinkStatus.Missing : LinkStatus.Unknown;
        // stx_mode: a u16 at 28; stx_size: a u64 at 40 (include/uapi/linux/stat.h).
        type = (UnixFileType)(BinaryPrimitives.ReadUInt16LittleEndian(buffer[28..]) & TypeMask);
        size = (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer[40..]);
        return LinkStatus.Found;
    }

    public void Dispose() => Close(_descriptor);

    /// <summary>Larger than struct statx (256 bytes).</summary>
    private const int StatxBytes = 512;

    /// <summary>PATH_MAX on Linux.</summary>
    private const int MaxNameBytes = 4096;

    private const int TypeMask = 0xF000;
    private const uint StatxType = 0x1;
    private const uint StatxSize = 0x200;
    private const int AtSymlinkNoFollow = 0x100;
    private const int PathOnly = 0x200000;
    private const int Directory = 0x10000;
    private const int CloseOnExec = 0x80000;
    private const int NoSuchFile = 2;
    private const int NotAFolder = 20;

    /// <summary>statx(2) with the name and buffer passed as references to stack memory: nothing is marshalled or allocated.</summary>
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int folder, ref byte name, int flags, uint mask, ref byte buffer);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenFolder([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}

/// <summary>What <see cref="UnixFolder.Entry"/> found.</summary>
internal enum LinkStatus
{
    /// <summary>It could not tell (an error other than "no such file"): ask .NET.</summary>
    Unknown,

    /// <summary>No entry of that name.</summary>
    Missing,

    /// <summary>An entry of the type and size given.</summary>
    Found,
}
