namespace Everest.Site.EverestApi.Tests.Support;

/// <summary>
/// Awaits a condition that another thread (a transport's delivery loop) makes true. The real-time cap only
/// turns a hang into a failure with a clear message; no test asserts on how long anything takes.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(15);

    public static async Task TrueAsync(Func<bool> condition, string description)
    {
        using var cap = new CancellationTokenSource(Cap);
        while (!condition())
        {
            try
            {
                await Task.Delay(5, cap.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Still waiting for: {description}");
            }
        }
    }

    /// <summary>The task's own outcome (result or exception), or a failure naming what never happened.</summary>
    public static async Task<T> WithCapAsync<T>(Task<T> task, string description)
    {
        using var cap = new CancellationTokenSource();
        if (await Task.WhenAny(task, Task.Delay(Cap, cap.Token)) != task)
        {
            Assert.Fail($"Still waiting for: {description}");
        }

        await cap.CancelAsync();
        return await task;
    }
}
