namespace ServeStatic.Index;

/// <summary>
/// What an index's preload links must be (docs/index-format.md, <c>preload</c>): each names an asset of the release, a font
/// carries that asset's media type, and an integrity is Subresource Integrity metadata, so nothing else reaches a header.
/// </summary>
internal static class PreloadChecks
{
    /// <exception cref="InvalidReleaseException">A link breaks a rule; the message names the asset, the link and the rule.</exception>
    public static void Validate(ReleaseIndex index, string where)
    {
        Dictionary<string, AssetRecord>? byPath = null;
        foreach (var asset in index.Assets)
        {
            if (asset.Preload is not { } links)
                continue;
            byPath ??= index.Assets.ToDictionary(a => a.Path, StringComparer.Ordinal);
            for (var i = 0; i < links.Count; i++)
            {
                if (Problem(links[i], byPath) is { } problem)
                    throw new InvalidReleaseException(where, $"asset \"{asset.Path}\": preload[{i}]: {problem}");
            }
        }
    }

    /// <summary>
    /// True for Subresource Integrity metadata as a build mirrors it (SRI §3.5, without options): one or more
    /// <c>sha256-</c>, <c>sha384-</c> or <c>sha512-</c> base64 digests, separated by single spaces.
    /// </summary>
    public static bool IsIntegrity(string value) =>
        value.Length is > 0 and <= 1024 && value.Split(' ').All(IsHashExpression);

    private static string? Problem(PreloadLink link, Dictionary<string, AssetRecord> byPath)
    {
        if (link.Path is null || !byPath.TryGetValue(link.Path, out var target))
            return $"\"{link.Path}\" is not an asset of the release";
        if (!Enum.IsDefined(link.As))
            return $"the kind {(int)link.As} is not style, module or font";
        if (link.As == PreloadKind.Font)
        {
            var mediaType = MediaTypeOf(target.ContentType);
            if (link.Type != mediaType)
                return $"the font's type \"{link.Type}\" is not its asset's media type \"{mediaType}\"";
        }
        else if (link.Type is not null)
        {
            return $"a {link.As.Token()} link has a type (only a font's has)";
        }
        if (link.Integrity is not null && !IsIntegrity(link.Integrity))
            return $"integrity \"{link.Integrity}\" is not sha256-, sha384- or sha512- base64 digests separated by spaces";
        return null;
    }

    /// <summary>A content type without its parameters: <c>font/woff2</c>.</summary>
    public static string MediaTypeOf(string contentType) =>
        (contentType.IndexOf(';') is var semicolon and >= 0 ? contentType[..semicolon] : contentType).Trim(' ', '\t');

    private static bool IsHashExpression(string token)
    {
        var dash = token.IndexOf('-');
        if (dash < 0 || token[..dash] is not ("sha256" or "sha384" or "sha512"))
            return false;
        var digest = token.AsSpan(dash + 1).TrimEnd('=');
        return digest.Length > 0 && token.Length - dash - 1 - digest.Length <= 2
            && digest.IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") < 0;
    }
}
