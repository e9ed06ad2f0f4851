using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace ServeStatic.Serving;

/// <summary>
/// Binds <see cref="ServeStaticOptions"/> from the <c>ServeStatic</c> configuration section by hand (no reflection, so the
/// library stays trimmable), naming the key of any value it cannot read.
/// </summary>
internal static class ServeStaticConfiguration
{
    /// <exception cref="InvalidOperationException">A value does not parse; the message names its key.</exception>
    public static void Bind(IConfiguration section, ServeStaticOptions options)
    {
        if (section["Source"] is { } source)
        {
            options.Source = Enum.TryParse<ReleaseSourceKind>(source, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
                ? kind
                : throw Bad(section, "Source", source, "Folder or Blob");
        }
        options.Folder.Path = section["Folder:Path"] ?? options.Folder.Path;
        options.Folder.PollSeconds = Int(section, "Folder:PollSeconds", options.Folder.PollSeconds);
        options.Folder.PreviousReleases = Int(section, "Folder:PreviousReleases", options.Folder.PreviousReleases);
        options.HealthPath = section["HealthPath"] ?? options.HealthPath;
        options.MaxAgeSeconds = Int(section, "MaxAgeSeconds", options.MaxAgeSeconds);
        options.NotFoundMaxAgeSeconds = Int(section, "NotFoundMaxAgeSeconds", options.NotFoundMaxAgeSeconds);
        options.ImmutableHexNames = Bool(section, "ImmutableHexNames", options.ImmutableHexNames);
        options.AccessControlAllowOrigin = section["AccessControlAllowOrigin"] ?? options.AccessControlAllowOrigin;
        options.SpaFallback = NullIfEmpty(section["SpaFallback"]) ?? options.SpaFallback;
        options.NotFoundPage = NullIfEmpty(section["NotFoundPage"]) ?? options.NotFoundPage;
        options.MaxInMemoryBodyBytes = Long(section, "MaxInMemoryBodyBytes", options.MaxInMemoryBodyBytes);
        options.MemoryBudgetBytes = section["MemoryBudgetBytes"] is null ? options.MemoryBudgetBytes : Long(section, "MemoryBudgetBytes", 0);
        options.StartupWaitSeconds = Int(section, "StartupWaitSeconds", options.StartupWaitSeconds);
        options.RetryAfterSeconds = Int(section, "RetryAfterSeconds", options.RetryAfterSeconds);
        options.MissRefreshSeconds = Int(section, "MissRefreshSeconds", options.MissRefreshSeconds);
        foreach (var rule in section.GetSection("HeaderRules").GetChildren())
        {
            options.HeaderRules.Add(new HeaderRule
            {
                Glob = rule["Glob"] ?? "",
                Name = rule["Name"] ?? "",
                Value = rule["Value"] ?? "",
            });
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int Int(IConfiguration section, string key, int fallback) =>
        section[key] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw Bad(section, key, text, "a whole number");

    private static long Long(IConfiguration section, string key, long fallback) =>
        section[key] is not { } text ? fallback
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw Bad(section, key, text, "a whole number");

    private static bool Bool(IConfiguration section, string key, bool fallback) =>
        section[key] is not { } text ? fallback
        : bool.TryParse(text, out var value) ? value
        : throw Bad(section, key, text, "true or false");

    private static InvalidOperationException Bad(IConfiguration section, string key, string value, string expected)
    {
        var path = section is IConfigurationSection s ? s.Path + ":" + key : key;
        return new InvalidOperationException($"{path}: \"{value}\" is not {expected}");
    }
}
