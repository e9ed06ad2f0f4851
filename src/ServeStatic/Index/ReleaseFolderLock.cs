
namespace ServeStatic.Index;

/// <summary>
/// The right to change a release folder, or to read it while nobody changes it. A build holds it exclusively from its
/// first look at the stored content until <c>current</c> names its release, and so does a prune; a publish shares it
/// with other readers while it reads and uploads the folder's content. Two builds into one folder (two CI jobs sharing
/// a cache) therefore run their critical sections one after the other: the second reuses what the first stored,
/// whichever activates last wins, and a prune never deletes content that another build has decided to reuse but not
/// yet named in an index, nor content a publish is uploading.
/// The lock is the file <see cref="FileName"/> in the folder, opened with <see cref="FileShare.None"/> to change the
/// folder and <see cref="FileShare.Read"/> to read it (an exclusive or shared <c>flock</c> on Unix, a sharing mode on
/// Windows): the operating system releases it when the process ends, however it ends, so a crashed build never leaves
/// the folder locked. The file itself stays; only the open handle locks.
/// </summary>
internal sealed class ReleaseFolderLock : IDisposable
{
    /// <summary>The lock file's name: a dot-name, so it is never a release id, a content key or a site file.</summary>
    public const string FileName = ".build-lock";

    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _file;

    private ReleaseFolderLock(FileStream file) => _file = file;

    /// <summary>
    /// Takes the lock of <paramref name="folder"/>, waiting as long as a holder it excludes has it: exclusively (the folder
    /// and the lock file are created if missing) while any holder has it; shared while a build or prune has it.
    /// </summary>
    /// <param name="folder">The release folder.</param>
    /// <param name="exclusive">True to change the folder, false to read it.</param>
    /// <param name="waiting">Called once, before waiting, when another holder has the lock.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <exception cref="InvalidReleaseException">The folder or its lock file cannot be created or opened.</exception>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    internal static ReleaseFolderLock Acquire(string folder, bool exclusive, Action? waiting, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(folder);
        var path = Path.Join(root, FileName);
        var told = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (!exclusive)
                    return new ReleaseFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.Read, bufferSize: 0));
                Directory.CreateDirectory(root);
                return new ReleaseFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0));
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                if (!told)
                {
                    told = true;
                    waiting?.Invoke();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidReleaseException(path, $"the release folder's lock cannot be taken: {e.Message}", e);
            }
            cancellationToken.WaitHandle.WaitOne(RetryInterval);
        }
    }

    public void Dispose() => _file.Dispose();

    /// <summary>
    /// The failure to open a file another handle holds exclusively: on Windows a sharing or lock violation (Win32 errors
    /// 32 and 33, in the HResult's low word); on Unix the failed non-blocking <c>flock</c>, whose HResult is the errno
    /// EWOULDBLOCK (11 on Linux, 35 on macOS and the BSDs).
    /// </summary>
    private static bool IsHeldElsewhere(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33
        : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);
}
