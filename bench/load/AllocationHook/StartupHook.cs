using System.Buffers.Text;

/// <summary>
/// Writes the process's total allocated bytes (<see cref="GC.GetTotalAllocatedBytes"/>) into the file named by
/// <c>SERVESTATIC_ALLOCATIONS_FILE</c> every 10 ms, for as long as the process runs: 20 zero-padded digits written in
/// place by one write, so a reader never sees a partial number, and allocating nothing itself.
/// </summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("SERVESTATIC_ALLOCATIONS_FILE") is not { Length: > 0 } path)
            return;
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        var thread = new Thread(() =>
        {
            Span<byte> digits = stackalloc byte[20];
            while (true)
            {
                Utf8Formatter.TryFormat(GC.GetTotalAllocatedBytes(precise: false), digits, out _, new System.Buffers.StandardFormat('D', 20));
                file.Seek(0, SeekOrigin.Begin);
                file.Write(digits);
                Thread.Sleep(10);
            }
        })
        {
            IsBackground = true,
            Name = "allocation counter",
        };
        thread.Start();
    }
}
