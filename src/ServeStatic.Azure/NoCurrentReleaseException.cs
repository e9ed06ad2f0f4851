namespace ServeStatic.Azure;

/// <summary>
/// The container has no <c>current</c> blob: no release has been activated in it (a freshly provisioned container), or
/// <c>current</c> was deleted. Unlike an unusable pointer or index, nothing is wrong with what is there; there is nothing.
/// </summary>
internal sealed class NoCurrentReleaseException : Exception
{
    public NoCurrentReleaseException() { }

    public NoCurrentReleaseException(string message) : base(message) { }

    public NoCurrentReleaseException(string message, Exception inner) : base(message, inner) { }
}
