using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using ServeStatic.Index;

namespace ServeStatic.Serving;

/// <summary>
/// One URL path of a loaded release: its representations, smallest first, and every header value that does not depend on
/// the request, computed once when the index is loaded. A request only picks among things that already exist.
/// </summary>
internal sealed class Asset
{
    /// <summary>The <c>Vary</c> of a URL with several representations, and of every 404 (the responder's).</summary>
    internal static readonly StringValues AcceptEncodingVary = HeaderNames.AcceptEncoding;

    /// <summary>RFC 9842 §6.2: a response that may be a delta varies with the dictionary the client names too.</summary>
    private static readonly StringValues DictionaryVary = HeaderNames.AcceptEncoding + ", " + AvailableDictionary.HeaderName;
    private static readonly StringValues Bytes = "bytes";
    private static readonly StringValues NoSniff = "nosniff";

    /// <summary>RFC 9110 §15.4.5: a 304 carries the fields a 200 would have among Cache-Control, Content-Location, Date, ETag, Expires and Vary; we add Last-Modified.</summary>
    private static readonly string[] NotModifiedRuleHeaders = [HeaderNames.Expires, HeaderNames.ContentLocation];

    private readonly StringValues _contentType;
    private readonly StringValues _lastModified;
    private readonly StringValues _cacheControl;
    private readonly StringValues _vary;
    private readonly AssetExtras? _extras;
    private readonly CorsPolicy _cors;
    private readonly KeyValuePair<string, StringValues>[] _ruleHeaders;
    private readonly KeyValuePair<string, StringValues>[] _notModifiedRuleHeaders;

    /// <param name="strings">One copy of the header values many assets share (content types, cache policies, dates).</param>
    /// <param name="useAsDictionary">The <c>Use-As-Dictionary</c> value its responses carry (<see cref="DictionaryMatch"/>); null for none.</param>
    internal Asset(AssetRecord record, Representation[] representations, ServeStaticOptions options, HeaderRules headerRules, CorsPolicy cors, StringPool strings,
        string? useAsDictionary = null)
    {
        Path = record.Path;
        LastModified = TruncateToSeconds(record.LastModified);
        var deltas = Array.FindAll(representations, r => r.Encoding.IsDelta());
        if (deltas.Length > 0)
            representations = Array.FindAll(representations, r => !r.Encoding.IsDelta());
        Array.Sort(representations, static (a, b) => a.Size != b.Size ? a.Size.CompareTo(b.Size) : a.Encoding.CompareTo(b.Encoding));
        Representations = representations;
        Identity = Array.Find(representations, r => r.Encoding == ContentEncoding.Identity)
            ?? throw new ArgumentException($"{record.Path} has no identity representation", nameof(representations));

        var rules = headerRules.For(record.Path);
        _contentType = strings.Get(RuleValue(rules, HeaderNames.ContentType) ?? record.ContentType);
        _cacheControl = strings.Get(RuleValue(rules, HeaderNames.CacheControl) ?? CachePolicy.For(record, options));
        _lastModified = strings.Get(HeaderUtilities.FormatDate(LastModified));
        // RFC 9110 §12.5.5: the response varies with Accept-Encoding whenever there is more than one representation to choose from.
        _vary = deltas.Length > 0 ? DictionaryVary : representations.Length > 1 ? AcceptEncodingVary : StringValues.Empty;
        _cors = cors;
        _extras = AssetExtras.Of(
            options.PreloadHints && record.Preload is { Count: > 0 } preload ? strings.Get(PreloadHeader.Value(preload)) : StringValues.Empty,
            useAsDictionary,
            deltas.Length == 0 ? [] : Array.ConvertAll(deltas, delta => new Delta(delta, Convert.FromHexString(VariantRecord.DictionaryOfDeltaKey(delta.Key)))));
        _ruleHeaders = rules.Count == 0 ? [] : [.. rules
            .Where(h => !h.Key.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase)
                && !h.Key.Equals(HeaderNames.CacheControl, StringComparison.OrdinalIgnoreCase))
            .Select(h => new KeyValuePair<string, StringValues>(h.Key, h.Value))];
        _notModifiedRuleHeaders = _ruleHeaders.Length == 0 ? [] : [.. _ruleHeaders.Where(h => NotModifiedRuleHeaders.Contains(h.Key, StringComparer.OrdinalIgnoreCase))];
    }

    /// <summary>The URL path, as in the index.</summary>
    public string Path { get; }

    /// <summary>Whole seconds, as HTTP dates carry them.</summary>
    public DateTimeOffset LastModified { get; }

    /// <summary>Every representation, smallest first (so a tie in preference goes to the smallest).</summary>
    internal Representation[] Representations { get; }

    internal Representation Identity { get; }

    /// <summary>The deltas (dcz) against earlier versions, each naming its dictionary; empty for most assets and with dictionary transport off.</summary>
    internal Delta[] Deltas => _extras?.Deltas ?? [];

    /// <summary>The <c>Use-As-Dictionary</c> of its whole-body responses (RFC 9842 §2.1): empty when it offers itself as none.</summary>
    internal StringValues UseAsDictionary => _extras?.UseAsDictionary ?? StringValues.Empty;

    /// <summary>The headers of a 200, 206 or 404-page response carrying <paramref name="representation"/>, except the status and Content-Length.</summary>
    internal void WriteHeaders(IHeaderDictionary headers, Representation representation)
    {
        headers.ContentType = _contentType;
        if (representation.ContentEncodingHeader.Count > 0)
            headers.ContentEncoding = representation.ContentEncodingHeader;
        headers.ETag = representation.ETagHeader;
        headers.LastModified = _lastModified;
        headers.CacheControl = _cacheControl;
        headers.AcceptRanges = Bytes;
        // Not on a 304 (RFC 9110 §15.4.5 does not list it): the stored 200 keeps its Link.
        if (_extras is { Link.Count: > 0 } extras)
            headers.Link = extras.Link;
        WriteCommonHeaders(headers);
        foreach (var (name, value) in _ruleHeaders)
            headers[name] = value;
    }

    /// <summary>
    /// The 304 header set (RFC 9110 §15.4.5): ETag, Cache-Control, Vary, Last-Modified, and Expires if a rule sets one; no body.
    /// Plus the headers that are not representation metadata but that the 200 carries: CORS and nosniff. A cache updates its
    /// stored response with the 304's headers (RFC 9111 §4.3.4), and a browser checks CORS on the 304 it revalidated with.
    /// </summary>
    internal void WriteNotModifiedHeaders(IHeaderDictionary headers, Representation representation)
    {
        headers.ETag = representation.ETagHeader;
        headers.CacheControl = _cacheControl;
        headers.LastModified = _lastModified;
        WriteCommonHeaders(headers);
        foreach (var (name, value) in _notModifiedRuleHeaders)
            headers[name] = value;
    }

    /// <summary>The headers every response about this asset carries, whatever its status: 200, 206, 304, 412, 416.</summary>
    internal void WriteCommonHeaders(IHeaderDictionary headers)
    {
        if (_vary.Count > 0)
            headers.Vary = _vary;
        _cors.Write(headers);
        headers.XContentTypeOptions = NoSniff;
    }

    /// <summary>The value a header rule sets for <paramref name="name"/>, if one does (a loop, not a lambda: this runs for every asset of a load).</summary>
    private static string? RuleValue(List<KeyValuePair<string, string>> rules, string name)
    {
        foreach (var (key, value) in rules)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        return null;
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time)
    {
        var utc = time.UtcTicks;
        return new DateTimeOffset(utc - (utc % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
