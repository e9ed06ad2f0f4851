using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using ServeStatic.Build;
using ServeStatic.Sources;

namespace ServeStatic.Tests.Build;

public class MemoryContentStoreTests
{
    private static readonly MemoryContentStore Store = new(new Dictionary<string, byte[]>(StringComparer.Ordinal)
    {
        ["a"] = "0123456789"u8.ToArray(),
    }.ToFrozenDictionary(StringComparer.Ordinal));

    [Fact]
    public async Task The_memory_store_writes_a_byte_range_to_a_response()
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await Store.WriteToAsync("a", 2, 5, context.Response, CancellationToken.None);
        Assert.Equal("23456"u8.ToArray(), body.ToArray());
    }

    [Fact]
    public async Task A_key_the_memory_store_lacks_is_unavailable_content() =>
        await Assert.ThrowsAsync<ContentUnavailableException>(() => Store.ReadAllAsync(new string('0', 64), CancellationToken.None));
}
