namespace Everest.Site.Mqtt.Tests.Support;

/// <summary>Awaits a condition that handlers on another thread make true, bounded by <see cref="TestTimeouts.Condition"/>.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Condition);
        while (!condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Timed out after {TestTimeouts.Condition.TotalSeconds} s waiting for {what}.");
            }
        }
    }
}
