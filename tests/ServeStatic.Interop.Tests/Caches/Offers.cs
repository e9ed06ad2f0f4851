namespace ServeStatic.Interop.Tests.Caches;

/// <summary>
/// The Accept-Encoding headers the tests send in every order (null: none at all), and which codings each accepts.
/// Written out per header rather than parsed, so the tests do not share the origin's parser.
/// </summary>
internal static class Offers
{
    public static readonly string?[] All = ["br", "gzip", "zstd", null, "*", "br;q=0"];

    /// <summary>The Content-Encoding values (null: identity) a response may carry for <paramref name="offer"/>.</summary>
    public static string?[] Acceptable(string? offer) => offer switch
    {
        "br" => ["br", null],
        "gzip" => ["gzip", null],
        "zstd" => ["zstd", null],
        null => [null],
        "*" => ["br", "gzip", "zstd", null],
        "br;q=0" => [null],
        _ => throw new ArgumentOutOfRangeException(nameof(offer)),
    };
}
