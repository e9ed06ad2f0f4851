namespace ServeStatic.Fingerprinting;

/// <summary>
/// The <c>#&#160;sourceMappingURL=&lt;url&gt;</c> comment of the Source Map specification (§ "Linking generated code"), written
/// <c>//# …</c> in JavaScript and <c>/*# … */</c> in CSS; the older <c>@</c> form is accepted too.
/// </summary>
internal static class SourceMappingComment
{
    private const string Key = "sourceMappingURL=";

    /// <summary>Adds the URL of the comment whose body is <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>), if it is one.</summary>
    public static void Find(string text, int start, int end, List<Reference> found)
    {
        if (end - start < Key.Length + 2 || text[start] is not ('#' or '@') || text[start + 1] is not (' ' or '\t'))
            return;
        var i = start + 2;
        while (i < end && text[i] is ' ' or '\t')
            i++;
        if (string.CompareOrdinal(text, i, Key, 0, Key.Length) != 0)
            return;
        var valueStart = i + Key.Length;
        var valueEnd = valueStart;
        while (valueEnd < end && !char.IsWhiteSpace(text[valueEnd]))
            valueEnd++;
        if (valueEnd > valueStart)
            found.Add(new Reference(valueStart, valueEnd - valueStart, Latin1Text.DecodeUtf8(text.AsSpan(valueStart, valueEnd - valueStart)), ReferenceRole.Link));
    }
}
