namespace ServeStatic.Azure.Tests.Azurite;

/// <summary>One Azurite for every test of the <see cref="AzuriteCollection"/>; each test uses its own container.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    /// <exception cref="InvalidOperationException">Azurite did not start (the test fails with the reason).</exception>
    public AzuriteServer Server => _server ?? throw new InvalidOperationException("Azurite was not started.");

    public async Task InitializeAsync() => _server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
