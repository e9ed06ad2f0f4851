namespace ServeStatic.Azure;

/// <summary>
/// Publishing or managing releases failed because of the container (unreachable, missing, access denied, or a
/// concurrent change). The message names the container and its account and says what happened; it is meant for a person.
/// </summary>
public class ReleaseStorageException : Exception
{
    public ReleaseStorageException() { }

    public ReleaseStorageException(string message) : base(message) { }

    public ReleaseStorageException(string message, Exception inner) : base(message, inner) { }
}
