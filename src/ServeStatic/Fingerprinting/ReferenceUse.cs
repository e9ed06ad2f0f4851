namespace ServeStatic.Fingerprinting;

/// <summary>
/// How a document loads what a reference names, where that decides what its page needs first (docs/preload-hints.md).
/// The scanners mark it; fingerprinting ignores it.
/// </summary>
internal enum ReferenceUse
{
    /// <summary>Anything else: an image, a link, a dynamic <c>import()</c>, a stylesheet limited to some media.</summary>
    Other,

    /// <summary>An HTML <c>&lt;link rel=stylesheet&gt;</c> that applies to every medium (no <c>media</c>, or <c>all</c> or <c>screen</c>), not alternate or disabled.</summary>
    Stylesheet,

    /// <summary>An HTML <c>&lt;script type=module src&gt;</c> or <c>&lt;link rel=modulepreload href&gt;</c>.</summary>
    ModuleScript,

    /// <summary>A static <c>import … from</c>, <c>import '…'</c> or <c>export … from</c> of JavaScript (not <c>import()</c>).</summary>
    StaticImport,

    /// <summary>A CSS <c>@import</c>.</summary>
    CssImport,

    /// <summary>The first <c>url()</c> of a CSS <c>@font-face</c> rule: the font a browser that reads its <c>src</c> in order would fetch.</summary>
    FontFace,

    /// <summary>An address of an inline HTML import map (<c>&lt;script type=importmap&gt;</c>).</summary>
    ImportMap,
}
