using System.Runtime.InteropServices;

namespace ServeStatic.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM cancel the running command's token, so the command unwinds: a progress display restores
/// the terminal (its cursor), and the command says what was kept and exits with <see cref="ExitCode"/>. A second signal
/// ends the process at once, as a user pressing Ctrl-C again expects. System.CommandLine's own handling is off (it
/// returns 130 as soon as the signal comes, without letting the command finish), so this is the one place signals are handled.
/// </summary>
internal sealed class Interruption : IDisposable
{
    /// <summary>The exit code of a command stopped by Ctrl-C: 128 + SIGINT, as shells report it.</summary>
    public const int ExitCode = 130;

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;

    public Interruption() => _registrations = [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
    ];

    /// <summary>Cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
            registration.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (_cancel.IsCancellationRequested)
            return; // the second: the default action ends the process
        context.Cancel = true;
        _cancel.Cancel();
    }
}
