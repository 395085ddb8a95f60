namespace Everest.Site.IntegrationTests.Support;

/// <summary>Awaits a condition that other processes and threads make true, failing with a message after a generous cap.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static Task HoldsAsync(Func<bool> condition, TimeSpan cap, Func<string> describeFailure) =>
        HoldsAsync(() => Task.FromResult(condition()), cap, describeFailure);

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan cap, Func<string> describeFailure)
    {
        using var timeout = new CancellationTokenSource(cap);
        while (!await condition())
        {
            try
            {
                await Task.Delay(PollInterval, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Gave up after {cap.TotalSeconds:0} s: {describeFailure()}");
            }
        }
    }
}
