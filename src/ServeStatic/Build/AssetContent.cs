using ServeStatic.Index;
using System.Runtime.CompilerServices;

namespace ServeStatic.Build;

/// <summary>The bytes of an asset: a file of the site, or bytes a transform pass produced in memory.</summary>
internal sealed class AssetContent
{
    /// <summary>The largest asset a release holds. Bigger files belong on a media service, not in a static-site release.</summary>
    public const long MaxSize = 1L << 30;

    private readonly string? _path;
    private readonly ReadOnlyMemory<byte> _bytes;
    private StrongBox<ContentHash>? _hash;

    private AssetContent(string origin, string? path, ReadOnlyMemory<byte> bytes)
    {
        Origin = origin;
        _path = path;
        _bytes = bytes;
    }

    /// <summary>Where the bytes come from, for messages: the file's path.</summary>
    public string Origin { get; }

    public static AssetContent FromFile(string path) => new(path, path, default);

    /// <param name="bytes">The content.</param>
    /// <param name="origin">What produced it, for messages (<c>/css/app.css, rewritten</c>).</param>
    public static AssetContent FromBytes(ReadOnlyMemory<byte> bytes, string origin) => new(origin, null, bytes);

    /// <summary>
    /// The SHA-256 and length, read in chunks (an unchanged file is never held whole). Taken once and remembered, so a
    /// transform pass and the hashing stage read a file once between them; <see cref="ReadAll"/> catches a later change.
    /// </summary>
    /// <exception cref="BuildException">The file vanished, cannot be read, or is too big.</exception>
    public ContentHash Hash(CancellationToken cancellationToken)
    {
        if (_hash is { } known)
            return known.Value;
        var hash = _path is null ? ContentHash.Of(_bytes.Span) : HashFile(cancellationToken);
        _hash = new StrongBox<ContentHash>(hash);
        return hash;
    }

    private ContentHash HashFile(CancellationToken cancellationToken) => Reading(() => ReadChunks(copy: null, cancellationToken));

    /// <summary>Reads the file in chunks, hashing each and writing it to <paramref name="copy"/> when there is one.</summary>
    private ContentHash ReadChunks(Stream? copy, CancellationToken cancellationToken)
    {
        using var file = Open();
        CheckSize(file.Length);
        return ContentHash.Of(file, cancellationToken, copy);
    }

    /// <summary>
    /// Writes the whole content to <paramref name="destination"/> in chunks (a file is never held whole), checked against
    /// the hash taken earlier. On failure part of it may have been written: write to a temporary file.
    /// </summary>
    /// <exception cref="BuildException">The file vanished, cannot be read, or changed since it was hashed.</exception>
    public void CopyTo(Stream destination, ContentHash expected)
    {
        if (_path is null)
        {
            destination.Write(_bytes.Span);
            return;
        }
        if (Reading(() => ReadChunks(destination, CancellationToken.None)) != expected)
            throw new BuildException(Origin, "the file changed while the build was reading it; build again once it is stable");
    }

    /// <summary>The whole content, checked against the hash taken earlier.</summary>
    /// <exception cref="BuildException">The file vanished, cannot be read, or changed since it was hashed.</exception>
    public ReadOnlyMemory<byte> ReadAll(ContentHash expected)
    {
        if (_path is null)
            return _bytes;
        var bytes = Reading(() =>
        {
            using var file = Open();
            CheckSize(file.Length);
            var all = new byte[file.Length];
            file.ReadExactly(all);
            if (file.Read(stackalloc byte[1]) != 0)
                throw new BuildException(Origin, "the file changed while the build was reading it (it grew); build again once it is stable");
            return all;
        });
        if (ContentHash.Of(bytes) != expected)
            throw new BuildException(Origin, "the file changed while the build was reading it; build again once it is stable");
        return bytes;
    }

    private FileStream Open() =>
        new(_path!, new FileStreamOptions { Access = FileAccess.Read, Share = FileShare.Read | FileShare.Delete, Options = FileOptions.SequentialScan, BufferSize = 0 });

    private void CheckSize(long length)
    {
        if (length > MaxSize)
            throw new BuildException(Origin, $"the file is {length:N0} bytes; the largest a release holds is {MaxSize:N0} (1 GiB)");
    }

    private T Reading<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BuildException(Origin, "the file vanished during the build", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BuildException(Origin, "the file cannot be read (permission denied)", e);
        }
        catch (EndOfStreamException e)
        {
            throw new BuildException(Origin, "the file changed while the build was reading it (it shrank); build again once it is stable", e);
        }
        catch (IOException e)
        {
            throw new BuildException(Origin, $"the file cannot be read: {e.Message}", e);
        }
    }
}
