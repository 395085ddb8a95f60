namespace Everest.Site.Simulator.Tests.Site;

/// <summary>Awaits a condition that other threads make true (message delivery), failing with a message after a generous cap.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? cap = null)
    {
        using var timeout = new CancellationTokenSource(cap ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            try
            {
                await Task.Delay(1, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out waiting for: {what}");
            }
        }
    }
}
