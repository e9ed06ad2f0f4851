namespace ServeStatic.Azure;

/// <summary>
/// <c>current</c> changed between reading it and writing it: another publisher, activation or rollback won the race.
/// Nothing was switched, and a prune deleted nothing.
/// </summary>
public sealed class ReleaseConflictException : ReleaseStorageException
{
    public ReleaseConflictException() { }

    public ReleaseConflictException(string message) : base(message) { }

    public ReleaseConflictException(string message, Exception inner) : base(message, inner) { }
}
