using Microsoft.Extensions.Options;

namespace ServeStatic.Serving;

/// <summary>
/// The rules <see cref="ServeStaticOptions"/> must keep, checked when the host starts (<c>ValidateOnStart</c>) and whenever the
/// options are built: each broken rule is one line, <c>ServeStatic:&lt;Setting&gt;: &lt;rule&gt;</c>.
/// </summary>
internal sealed class ServeStaticOptionsValidator : IValidateOptions<ServeStaticOptions>
{
    public ValidateOptionsResult Validate(string? name, ServeStaticOptions options)
    {
        var failures = new List<string>();
        void Check(bool ok, string key, string rule)
        {
            if (!ok)
                failures.Add($"{ServeStaticOptions.SectionName}:{key}: {rule}");
        }
        Check(Enum.IsDefined(options.Source), nameof(options.Source), "must be Folder or Blob");
        Check(options.Folder.PollSeconds >= 0, "Folder:PollSeconds", "must not be negative");
        Check(options.Folder.PreviousReleases >= 0, "Folder:PreviousReleases", "must not be negative");
        Check(options.HealthPath is ['/', _, ..], nameof(options.HealthPath), "must be an absolute path such as /.servestatic/health");
        Check(options.MaxAgeSeconds >= 0, nameof(options.MaxAgeSeconds), "must not be negative");
        Check(options.NotFoundMaxAgeSeconds >= 0, nameof(options.NotFoundMaxAgeSeconds), "must not be negative");
        Check(options.SpaFallback is null or ['/', ..], nameof(options.SpaFallback), "must be an asset path such as /index.html");
        Check(options.NotFoundPage is null or ['/', ..], nameof(options.NotFoundPage), "must be an asset path such as /404.html");
        Check(options.MaxInMemoryBodyBytes >= 0 && options.MemoryBudgetBytes is null or >= 0, nameof(options.MemoryBudgetBytes), "byte sizes must not be negative");
        Check(options.StartupWaitSeconds >= 0, nameof(options.StartupWaitSeconds), "must not be negative");
        Check(options.RetryAfterSeconds > 0, nameof(options.RetryAfterSeconds), "must be positive");
        Check(options.MissRefreshSeconds >= 0, nameof(options.MissRefreshSeconds), "must not be negative");
        for (var i = 0; i < options.HeaderRules.Count; i++)
        {
            var rule = options.HeaderRules[i];
            Check(SitePathGlob.TryParse(rule.Glob, out _) && rule.Name.Length > 0, $"HeaderRules:{i}", "needs a Glob and a Name");
            Check(!ReservedHeaders.Contains(rule.Name), $"HeaderRules:{i}:Name",
                $"{rule.Name} is set by the responder for each representation and cannot be overridden");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
