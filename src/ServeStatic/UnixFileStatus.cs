using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ServeStatic;

/// <summary>The type of a file as <c>stat(2)</c> tells it (the <c>S_IFMT</c> bits of <c>st_mode</c>).</summary>
internal enum UnixFileType
{
    Fifo = 0x1000,
    CharacterDevice = 0x2000,
    Directory = 0x4000,
    BlockDevice = 0x6000,
    Regular = 0x8000,
    SymbolicLink = 0xA000,
    Socket = 0xC000,
}

/// <summary>
/// What <c>stat(2)</c> says of a path on Linux and macOS that .NET does not: its type (to .NET a named pipe, a device
/// or a socket is an ordinary empty file, and opening a named pipe blocks until a writer comes) and the device and
/// inode that tell one folder from another made at the same path. Links are followed, like <c>stat</c>.
/// </summary>
/// <param name="Type">The file's type.</param>
/// <param name="Device">The device it is on.</param>
/// <param name="Inode">Its inode on that device.</param>
internal readonly record struct UnixFileStatus(UnixFileType Type, ulong Device, ulong Inode)
{
    /// <summary>Whether <see cref="Of"/> works here: Linux and macOS. Other systems have no such special files in a folder.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Says what a special type is, for a message: <c>a named pipe (FIFO)</c>.</summary>
    public static string Describe(UnixFileType type) => type switch
    {
        UnixFileType.Fifo => "a named pipe (FIFO)",
        UnixFileType.CharacterDevice => "a character device",
        UnixFileType.BlockDevice => "a block device",
        UnixFileType.Socket => "a socket",
        _ => $"a {type}",
    };

    /// <summary>The status of <paramref name="path"/> (links followed), or null when it cannot be had (it does not exist, is unreadable, or <see cref="IsSupported"/> is false).</summary>
    public static UnixFileStatus? Of(string path)
    {
        var buffer = new byte[BufferSize];
        if (OperatingSystem.IsLinux())
        {
            // statx(2) has one layout on every Linux architecture, where struct stat has several: stx_mode is a u16 at 28,
            // stx_ino a u64 at 32, stx_dev_major and stx_dev_minor u32s at 136 and 140 (include/uapi/linux/stat.h).
            if (Statx(AtCurrentFolder, path, 0, StatxType | StatxInode, buffer) != 0)
                return null;
            return Read(BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28)), BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(32)),
                (ulong)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(136)) << 32 | BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(140)));
        }
        if (OperatingSystem.IsMacOS())
        {
            // The 64-bit-inode struct stat (the only one on arm64, "stat$INODE64" on x64): st_dev an i32 at 0, st_mode a u16
            // at 4, st_ino a u64 at 8 (sys/stat.h, __DARWIN_STRUCT_STAT64). Both architectures are little-endian.
            var result = RuntimeInformation.OSArchitecture == Architecture.X64 ? StatInode64(path, buffer) : Stat(path, buffer);
            if (result != 0)
                return null;
            return Read(BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(4)), BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(8)),
                BinaryPrimitives.ReadUInt32LittleEndian(buffer));
        }
        return null;
    }

    private static UnixFileStatus Read(ushort mode, ulong inode, ulong device) => new((UnixFileType)(mode & TypeMask), device, inode);

    /// <summary>Larger than struct statx (256 bytes) and macOS's struct stat (144 bytes).</summary>
    private const int BufferSize = 512;

    private const int TypeMask = 0xF000;
    private const int AtCurrentFolder = -100;
    private const uint StatxType = 0x1;
    private const uint StatxInode = 0x100;

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);

    [DllImport("libc", EntryPoint = "stat$INODE64", SetLastError = true)]
    private static extern int StatInode64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}
