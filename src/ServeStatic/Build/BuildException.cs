namespace ServeStatic.Build;

/// <summary>The build cannot go on. The message names the file or folder and the problem: <c>where: problem</c>.</summary>
internal sealed class BuildException : Exception
{
    public BuildException(string where, string problem, Exception? inner = null)
        : base($"{where}: {problem}", inner)
    {
        Where = where;
        Problem = problem;
    }

    public BuildException() : this("(unknown)", "the build failed") { }

    public BuildException(string message) : this("(unknown)", message) { }

    public BuildException(string message, Exception inner) : this("(unknown)", message, inner) { }

    public string Where { get; }

    public string Problem { get; }
}
