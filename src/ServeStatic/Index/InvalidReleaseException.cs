namespace ServeStatic.Index;

/// <summary>A release, index or pointer that cannot be used. The message names where it was read and what is wrong.</summary>
public sealed class InvalidReleaseException : Exception
{
    public InvalidReleaseException(string where, string problem, Exception? inner = null)
        : base($"{where}: {problem}", inner)
    {
        Where = where;
        Problem = problem;
    }

    public InvalidReleaseException() : this("(unknown)", "invalid release") { }

    public InvalidReleaseException(string message) : this("(unknown)", message) { }

    public InvalidReleaseException(string message, Exception inner) : this("(unknown)", message, inner) { }

    public string Where { get; }

    public string Problem { get; }
}
