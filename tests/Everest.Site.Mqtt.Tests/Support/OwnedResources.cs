namespace Everest.Site.Mqtt.Tests.Support;

/// <summary>
/// Base of test classes that start brokers and clients: what a test starts is registered with <see cref="Own{T}"/>
/// and disposed after the test in reverse order, so clients go before the brokers they talk to.
/// </summary>
public abstract class OwnedResources : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> resources = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        for (var i = resources.Count - 1; i >= 0; i--)
        {
            await resources[i].DisposeAsync();
        }
    }

    /// <summary>Disposes <paramref name="resource"/> after the test, before anything owned earlier.</summary>
    protected T Own<T>(T resource)
        where T : IAsyncDisposable
    {
        resources.Add(resource);
        return resource;
    }
}
