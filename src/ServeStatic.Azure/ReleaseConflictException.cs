namespace ServeStatic.Azure;

/// <summary><c>current</c> changed between reading it and switching it: another publisher won the race. Nothing was switched.</summary>
public sealed class ReleaseConflictException : ReleaseStorageException
{
    public ReleaseConflictException() { }

    public ReleaseConflictException(string message) : base(message) { }

    public ReleaseConflictException(string message, Exception inner) : base(message, inner) { }
}
