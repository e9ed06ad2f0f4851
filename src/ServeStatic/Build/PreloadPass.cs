using System.Collections.Concurrent;
using ServeStatic.Fingerprinting;
using ServeStatic.Index;

namespace ServeStatic.Build;

/// <summary>
/// Finds what each HTML page needs first (docs/preload-hints.md), from the final content of the build's assets (after
/// fingerprinting, so the URLs are the ones the page requests): its stylesheets and their <c>@import</c>s, its module scripts
/// and the whole graph of their static imports, and the first font of each <c>@font-face</c> of those stylesheets. It reads
/// with the fingerprinting scanners and keeps only targets that are assets of the release, of the right type.
/// </summary>
internal static class PreloadPass
{
    /// <summary>Each asset's preload links, by position in <paramref name="assets"/>: null for an asset that is not an HTML page or needs none.</summary>
    public static IReadOnlyList<PreloadLink>?[] Apply(IReadOnlyList<SiteAsset> assets, ContentHash[] hashes, CancellationToken cancellationToken)
    {
        var site = new Site(assets, hashes);
        var links = new IReadOnlyList<PreloadLink>?[assets.Count];
        ParallelWork.ForEach(Enumerable.Range(0, assets.Count).Where(i => IsHtml(assets[i].ContentType)), cancellationToken, (i, _) =>
        {
            var found = site.LinksOf(i);
            links[i] = found.Count == 0 ? null : PreloadHeader.Fit(found);
        });
        return links;
    }

    private static bool IsHtml(string contentType) => PreloadChecks.MediaTypeOf(contentType).Equals("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>The assets by path, and each stylesheet's and module's references, scanned once however many pages share it.</summary>
    private sealed class Site(IReadOnlyList<SiteAsset> assets, ContentHash[] hashes)
    {
        private readonly Dictionary<string, int> _byPath = assets.Select((asset, i) => (asset.UrlPath, i)).ToDictionary(p => p.UrlPath, p => p.i, StringComparer.Ordinal);
        private readonly ConcurrentDictionary<int, List<Reference>> _scanned = new();

        public List<PreloadLink> LinksOf(int page)
        {
            var references = Scan(page, HtmlReferenceScanner.Scan);
            if (ReferenceResolver.BaseDirectory(assets[page].UrlPath, references) is not { } directory)
                return [];
            var styles = new List<PreloadLink>();
            var fonts = new List<PreloadLink>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var modules = new Queue<(int Asset, string? Integrity)>();
            // An inline import map and a module preload do not mix in browsers without import map merging (Chrome before 133,
            // Firefox): a module fetch started before the map makes the map an error. Such a page gets no module links.
            var moduleLinks = !references.Exists(r => r.Use == ReferenceUse.ImportMap);
            foreach (var reference in references)
            {
                switch (reference.Use)
                {
                    case ReferenceUse.Stylesheet or ReferenceUse.CssImport:
                        AddStyle(Target(reference, directory, "text/css"), reference.Integrity, styles, fonts, seen);
                        break;
                    case ReferenceUse.FontFace:
                        AddFont(Target(reference, directory, "font/"), fonts, seen);
                        break;
                    case ReferenceUse.ModuleScript or ReferenceUse.StaticImport when moduleLinks:
                        if (Target(reference, directory, "text/javascript") is { } module)
                            modules.Enqueue((module, reference.Integrity));
                        break;
                }
            }
            return [.. styles, .. ModuleGraph(modules, seen), .. fonts];
        }

        /// <summary>A stylesheet, then (depth first) those it imports, with the fonts of each.</summary>
        private void AddStyle(int? sheet, string? integrity, List<PreloadLink> styles, List<PreloadLink> fonts, HashSet<string> seen)
        {
            if (sheet is not { } index || !seen.Add(assets[index].UrlPath))
                return;
            styles.Add(new PreloadLink(assets[index].UrlPath, PreloadKind.Style, Integrity: Mirrored(integrity)));
            var directory = ReferenceResolver.DirectoryOf(assets[index].UrlPath);
            foreach (var reference in Scan(index, CssReferenceScanner.Scan))
            {
                if (reference.Use == ReferenceUse.CssImport)
                    AddStyle(Target(reference, directory, "text/css"), null, styles, fonts, seen);
                else if (reference.Use == ReferenceUse.FontFace)
                    AddFont(Target(reference, directory, "font/"), fonts, seen);
            }
        }

        private void AddFont(int? font, List<PreloadLink> fonts, HashSet<string> seen)
        {
            if (font is { } index && seen.Add(assets[index].UrlPath))
                fonts.Add(new PreloadLink(assets[index].UrlPath, PreloadKind.Font, Type: PreloadChecks.MediaTypeOf(assets[index].ContentType)));
        }

        /// <summary>
        /// The modules breadth first from the page's own, in the order a browser discovers them: each level's imports in the order
        /// they are written. Only static imports: a dynamic <c>import()</c> is not needed to run the page's first module.
        /// </summary>
        private List<PreloadLink> ModuleGraph(Queue<(int Asset, string? Integrity)> modules, HashSet<string> seen)
        {
            var links = new List<PreloadLink>();
            while (modules.TryDequeue(out var module))
            {
                var path = assets[module.Asset].UrlPath;
                if (!seen.Add(path))
                    continue;
                links.Add(new PreloadLink(path, PreloadKind.Module, Integrity: Mirrored(module.Integrity)));
                var directory = ReferenceResolver.DirectoryOf(path);
                foreach (var reference in Scan(module.Asset, JsReferenceScanner.Scan))
                {
                    if (reference.Use == ReferenceUse.StaticImport && Target(reference, directory, "text/javascript") is { } imported)
                        modules.Enqueue((imported, null));
                }
            }
            return links;
        }

        /// <summary>The asset a reference names, when it is one of this release and its media type starts with <paramref name="mediaType"/>.</summary>
        private int? Target(Reference reference, string directory, string mediaType)
        {
            var (outcome, path) = ReferenceResolver.Resolve(reference.Url, directory, reference.Role);
            return outcome == ReferenceResolver.Outcome.Resolved && _byPath.TryGetValue(path, out var index)
                && PreloadChecks.MediaTypeOf(assets[index].ContentType).StartsWith(mediaType, StringComparison.OrdinalIgnoreCase)
                ? index : null;
        }

        private List<Reference> Scan(int index, Func<string, List<Reference>> scanner) =>
            _scanned.GetOrAdd(index, i =>
            {
                var references = scanner(Latin1Text.FromBytes(assets[i].Content.ReadAll(hashes[i]).Span));
                references.Sort((a, b) => a.Start.CompareTo(b.Start));
                return references;
            });

        /// <summary>The page's integrity, when it is metadata a header can carry as it is; otherwise none (the preload is then not used by an SRI-checked tag, but nothing breaks).</summary>
        private static string? Mirrored(string? integrity) => integrity is not null && PreloadChecks.IsIntegrity(integrity) ? integrity : null;
    }
}
