using ServeStatic.Index;

namespace ServeStatic.Testing;

/// <summary>A <see cref="TestRelease"/> written into a folder of its own: where, its id and its index.</summary>
internal sealed record WrittenRelease(string Folder, string Id, ReleaseIndex Index)
{
    public AssetRecord Asset(string path) => Index.Assets.Single(a => a.Path == path);
}
