namespace ServeStatic.Interop.Tests.Caches;

/// <summary>What a client talks to: the origin itself, or a real cache in front of it with the configuration of docs/caches/.</summary>
public enum Via
{
    Origin,
    Varnish,
    Nginx,
}
