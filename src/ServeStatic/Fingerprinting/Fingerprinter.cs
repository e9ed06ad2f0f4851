using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ServeStatic.Fingerprinting;

/// <summary>
/// Gives every fingerprintable file of a site a second name carrying the hash of its final content, and rewrites the
/// references of CSS, JavaScript, HTML, source maps and web manifests to those names. Files are processed dependencies
/// first, so a file's hash covers its rewritten content; files that reference each other in a cycle are named together
/// (see docs/fingerprinting.md, "Cycles"). Pure: the same files and options give the same names and bytes.
/// </summary>
internal static class Fingerprinter
{
    /// <summary>Where the manifest (original path → fingerprinted URL, size, integrity) is served.</summary>
    public const string ManifestPath = "/servestatic.manifest.json";

    /// <summary>Where the import map (module URL → fingerprinted URL, with integrity) is served.</summary>
    public const string ImportMapPath = "/importmap.json";

    private enum Format
    {
        None,
        Css,
        JavaScript,
        Html,
        SourceMap,
        WebManifest,
    }

    private sealed class Node(int id, FingerprintInput input)
    {
        public int Id { get; } = id;
        public string Path { get; } = input.Path;
        public ReadOnlyMemory<byte> Content { get; } = input.Content;
        public FileDigest? Digest { get; } = input.Digest;
        public Format Format { get; init; }
        public bool Renamed { get; init; }
        public string Text { get; set; } = "";
        public List<Link> Links { get; } = [];
        public List<FingerprintProblem> Problems { get; } = [];
        public ReadOnlyMemory<byte> Final { get; set; }
        public bool Rewritten { get; set; }
        public long Size { get; set; }
        public string? Hash { get; set; }
        public string Integrity { get; set; } = "";
    }

    /// <summary>A reference and the file it names.</summary>
    private readonly record struct Link(Reference Reference, Node Target);

    /// <exception cref="FingerprintException">A site file has the path of a generated file, or, in strict mode, a reference is broken.</exception>
    /// <exception cref="FormatException">An entry point is not a <see cref="SitePathGlob"/>.</exception>
    public static FingerprintResult Run(IReadOnlyList<FingerprintInput> files, FingerprintOptions options)
    {
        var entryPoints = options.EntryPoints.Select(SitePathGlob.Parse).ToList();
        var nodes = files.OrderBy(f => f.Path, StringComparer.Ordinal)
            .Select((f, i) => new Node(i, f)
            {
                Format = FormatOf(f.Path),
                Renamed = IsRenamed(f.Path, entryPoints),
            })
            .ToList();
        var unread = nodes.Find(n => n.Digest is not null && n.Format != Format.None);
        if (unread is not null)
            throw new ArgumentException($"{unread.Path} is read by fingerprinting, so its content must be given, not only its digest", nameof(files));
        var byPath = nodes.ToDictionary(n => n.Path, StringComparer.Ordinal);
        foreach (var generated in (ReadOnlySpan<string>)[ManifestPath, ImportMapPath])
        {
            if (byPath.ContainsKey(generated))
                throw new FingerprintException([new FingerprintProblem(generated, generated, $"the site has a file at {generated}, where fingerprinting writes its own; rename or remove it")]);
        }

        // Scanning is independent per file, so it runs on all cores; problems are gathered in path order after.
        ParallelWork.ForEach(nodes, CancellationToken.None, (node, _) => ScanAndResolve(node, byPath, node.Problems));
        var problems = nodes.SelectMany(n => n.Problems).ToList();

        var edges = nodes.Select(n => (IReadOnlyList<int>)n.Links.Where(l => l.Target.Renamed).Select(l => l.Target.Id).Distinct().Order().ToList()).ToList();
        foreach (var component in ReferenceGraph.ComponentsInDependencyOrder(edges))
        {
            var members = component.Select(i => nodes[i]).ToList();
            if (members.Count == 1 && !edges[component[0]].Contains(component[0]))
                NameAlone(members[0], options, problems);
            else
                NameCycle(members, options, problems);
        }

        if (options.Strict && problems.Count > 0)
            throw new FingerprintException(problems);
        var output = nodes.Select(n => new FingerprintedFile(n.Path, n.Hash is null ? null : FingerprintName.Apply(n.Path, n.Hash), n.Final, n.Rewritten)).ToList();
        var records = nodes.Select(n => new AssetManifest.Entry(n.Path, n.Hash is null ? n.Path : FingerprintName.Apply(n.Path, n.Hash), n.Size, n.Integrity)).ToList();
        output.Add(new FingerprintedFile(ManifestPath, null, AssetManifest.Write(records), Rewritten: false, Generated: true));
        output.Add(new FingerprintedFile(ImportMapPath, null, AssetManifest.WriteImportMap(records.Where(r => r.Url != r.Path && IsModule(r.Path))), Rewritten: false, Generated: true));
        output.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new FingerprintResult(output, problems);
    }

    /// <summary>A file outside any cycle: its references are rewritten to names already known, and its own name is the hash of the result.</summary>
    private static void NameAlone(Node node, FingerprintOptions options, List<FingerprintProblem> problems)
    {
        byte[] sha256;
        if (node.Digest is { } digest)
        {
            node.Final = node.Content;
            node.Size = digest.Size;
            sha256 = Convert.FromHexString(digest.Sha256);
        }
        else
        {
            sha256 = Finish(node, Rewrite(node, options, problems, inCycle: null));
        }
        node.Integrity = "sha256-" + Convert.ToBase64String(sha256);
        if (node.Renamed)
            node.Hash = Convert.ToHexStringLower(sha256)[..FingerprintName.HashLength];
    }

    /// <summary>
    /// Files that reference each other: each is first rewritten with the references inside the cycle left as written;
    /// the component's hash is taken over those normalised contents (with their paths, in path order); every member is
    /// named with it; then the references inside the cycle are rewritten to those names.
    /// </summary>
    private static void NameCycle(List<Node> members, FingerprintOptions options, List<FingerprintProblem> problems)
    {
        var inCycle = members.Select(m => m.Id).ToHashSet();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[8];
        foreach (var member in members)
        {
            var normalised = Rewrite(member, options, [], inCycle);
            hash.AppendData(Encoding.UTF8.GetBytes(member.Path));
            hash.AppendData([0]);
            BinaryPrimitives.WriteInt64BigEndian(length, normalised.Length);
            hash.AppendData(length);
            hash.AppendData(normalised.Span);
        }
        var componentHash = Convert.ToHexStringLower(hash.GetHashAndReset())[..FingerprintName.HashLength];
        foreach (var member in members)
            member.Hash = componentHash;
        foreach (var member in members)
            Finish(member, Rewrite(member, options, problems, inCycle: null));
    }

    /// <summary>Records a node's final content; returns its SHA-256.</summary>
    private static byte[] Finish(Node node, ReadOnlyMemory<byte> content)
    {
        node.Final = content;
        node.Rewritten = !content.Equals(node.Content);
        node.Size = content.Length;
        node.Text = "";
        var sha256 = SHA256.HashData(content.Span);
        node.Integrity = "sha256-" + Convert.ToBase64String(sha256);
        return sha256;
    }

    /// <summary>
    /// The node's content with each reference to a named file rewritten (and, with <see cref="FingerprintOptions.SubresourceIntegrity"/>,
    /// an <c>integrity</c> attribute added where it loads one). References to members of <paramref name="inCycle"/> are left as written.
    /// </summary>
    private static ReadOnlyMemory<byte> Rewrite(Node node, FingerprintOptions options, List<FingerprintProblem> problems, HashSet<int>? inCycle)
    {
        if (node.Links.Count == 0)
            return node.Content;
        var text = node.Text;
        // Replacements of reference text, and insertions (length 0) of integrity attributes, which may come after other
        // references of the same tag (<link href=… imagesrcset=…>): applied in order of position.
        var edits = new List<(int Start, int Length, string Text)>();
        foreach (var (reference, target) in node.Links)
        {
            if (!target.Renamed || (inCycle?.Contains(target.Id) ?? false))
                continue;
            var raw = text.Substring(reference.Start, reference.Length);
            var rewritten = FingerprintName.RewriteReference(raw, target.Path, target.Hash!);
            if (rewritten is null)
            {
                problems.Add(new FingerprintProblem(node.Path, reference.Url,
                    $"'{reference.Url}' names {target.Path}, but its extension is escaped, so it cannot be rewritten; it keeps the unfingerprinted URL"));
                continue;
            }
            edits.Add((reference.Start, reference.Length, rewritten));
            if (options.SubresourceIntegrity && reference.IntegrityAt >= 0)
                edits.Add((reference.IntegrityAt, 0, $" integrity=\"{target.Integrity}\""));
        }
        if (edits.Count == 0)
            return node.Content;
        edits.Sort((a, b) => a.Start.CompareTo(b.Start));
        var result = new StringBuilder(text.Length + 64);
        var copied = 0;
        foreach (var (start, length, replacement) in edits)
        {
            result.Append(text, copied, start - copied).Append(replacement);
            copied = start + length;
        }
        result.Append(text, copied, text.Length - copied);
        return Latin1Text.ToBytes(result.ToString());
    }

    /// <summary>Scans a node and resolves its references to site files, recording those that name nothing.</summary>
    private static void ScanAndResolve(Node node, Dictionary<string, Node> byPath, List<FingerprintProblem> problems)
    {
        if (node.Format == Format.None)
            return;
        node.Text = Latin1Text.FromBytes(node.Content.Span);
        var references = node.Format switch
        {
            Format.Css => CssReferenceScanner.Scan(node.Text),
            Format.JavaScript => JsReferenceScanner.Scan(node.Text),
            Format.Html => HtmlReferenceScanner.Scan(node.Text),
            Format.SourceMap => SourceMapScanner.Scan(node.Content.Span),
            Format.WebManifest => WebManifestScanner.Scan(node.Content.Span),
            _ => [],
        };
        references.Sort((a, b) => a.Start.CompareTo(b.Start));
        if (ReferenceResolver.BaseDirectory(node.Path, references) is not { } baseDirectory)
            return;
        var previousEnd = -1;
        foreach (var reference in references)
        {
            if (reference.Role == ReferenceRole.Base || reference.Start < previousEnd)
                continue;
            var (outcome, path) = ReferenceResolver.Resolve(reference.Url, baseDirectory, reference.Role);
            var reported = reference.Role is ReferenceRole.Resource or ReferenceRole.Module;
            if (outcome == ReferenceResolver.Outcome.OutsideRoot && reported)
            {
                problems.Add(new FingerprintProblem(node.Path, reference.Url, $"'{reference.Url}' climbs above the site root"));
            }
            else if (outcome == ReferenceResolver.Outcome.Resolved)
            {
                var target = byPath.GetValueOrDefault(path)
                    ?? byPath.GetValueOrDefault(path.EndsWith('/') ? path + "index.html" : path + "/index.html");
                if (target is not null)
                {
                    node.Links.Add(new Link(reference, target));
                    previousEnd = reference.Start + reference.Length;
                }
                else if (reported)
                {
                    problems.Add(new FingerprintProblem(node.Path, reference.Url, $"'{reference.Url}' names {path}, which is not in the site"));
                }
            }
        }
    }

    /// <summary>True when fingerprinting reads the file at <paramref name="path"/> for references, so its content must be given.</summary>
    public static bool ReadsContent(string path) => FormatOf(path) != Format.None;

    private static Format FormatOf(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..];
        return FingerprintName.Extension(path).ToLowerInvariant() switch
        {
            ".css" => Format.Css,
            ".js" or ".mjs" => Format.JavaScript,
            ".html" or ".htm" => Format.Html,
            ".map" => Format.SourceMap,
            ".webmanifest" => Format.WebManifest,
            _ when name.Equals("manifest.json", StringComparison.OrdinalIgnoreCase) => Format.WebManifest,
            _ => Format.None,
        };
    }

    /// <summary>HTML pages, configured entry points and <c>/.well-known/</c> files (RFC 8615: their names are fixed) keep their names only.</summary>
    private static bool IsRenamed(string path, List<SitePathGlob> entryPoints) =>
        FormatOf(path) != Format.Html
        && !path.StartsWith("/" + SitePaths.WellKnown + "/", StringComparison.Ordinal)
        && !entryPoints.Exists(glob => glob.Matches(path));

    private static bool IsModule(string path) => FingerprintName.Extension(path).ToLowerInvariant() is ".js" or ".mjs";
}
