namespace ServeStatic.Serving;

/// <summary>Where the served release comes from (<c>ServeStatic:Source</c>).</summary>
public enum ReleaseSourceKind
{
    /// <summary>A release folder on disk (<c>ServeStatic:Folder:Path</c>), e.g. in the deployment package.</summary>
    Folder,

    /// <summary>A blob container, registered by <c>ServeStatic.Azure</c>'s <c>AddServeStaticBlobStorage</c>.</summary>
    Blob,
}
