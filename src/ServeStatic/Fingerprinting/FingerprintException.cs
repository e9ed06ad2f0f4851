namespace ServeStatic.Fingerprinting;

/// <summary>Fingerprinting refused the site: a generated file would replace a site file, or (strict mode) references are broken. The message lists each.</summary>
internal sealed class FingerprintException : Exception
{
    public FingerprintException(IReadOnlyList<FingerprintProblem> problems)
        : base(Describe(problems)) => Problems = problems;

    public FingerprintException() : this([]) { }

    public FingerprintException(string message) : base(message) => Problems = [];

    public FingerprintException(string message, Exception inner) : base(message, inner) => Problems = [];

    public IReadOnlyList<FingerprintProblem> Problems { get; }

    private static string Describe(IReadOnlyList<FingerprintProblem> problems) =>
        $"fingerprinting found {problems.Count} problem(s):" + string.Concat(problems.Select(p => Environment.NewLine + "  " + p));
}
