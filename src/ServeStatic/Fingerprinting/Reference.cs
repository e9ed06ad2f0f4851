namespace ServeStatic.Fingerprinting;

/// <summary>
/// One URL written in a file. <see cref="Start"/> and <see cref="Length"/> locate its raw text (escapes and all)
/// in the file's bytes; <see cref="Url"/> is what that text means once the format's escapes are undone.
/// </summary>
/// <param name="IntegrityAt">Where an <c>integrity</c> attribute may be inserted for this reference (an HTML tag
/// that loads a script or stylesheet and has none yet), or -1.</param>
/// <param name="Use">How the document loads the target, for preload hints (docs/preload-hints.md); <see cref="ReferenceUse.Other"/> for most.</param>
/// <param name="Integrity">The <c>integrity</c> attribute of the HTML tag that loads the target, as written; null when it has none.</param>
internal readonly record struct Reference(int Start, int Length, string Url, ReferenceRole Role, int IntegrityAt = -1,
    ReferenceUse Use = ReferenceUse.Other, string? Integrity = null);

/// <summary>What a reference is for, which decides how it resolves and whether a missing target is reported.</summary>
internal enum ReferenceRole
{
    /// <summary>A file the document needs to render or run (a stylesheet, image, font, script): a missing target is reported.</summary>
    Resource,

    /// <summary>A module specifier: only <c>/</c>, <c>./</c> and <c>../</c> specifiers are files; bare ones are left to an import map. A missing target is reported.</summary>
    Module,

    /// <summary>A navigation or informational link (<c>&lt;a href&gt;</c>, source-map entries): rewritten when it names a fingerprinted file,
    /// never reported, because it may name a route an application behind ServeStatic answers.</summary>
    Link,

    /// <summary>An HTML <c>&lt;base href&gt;</c>: changes how the document's relative references resolve; never rewritten.</summary>
    Base,
}
