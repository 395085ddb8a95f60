namespace Everest.Site.Mqtt.Tests.Support;

/// <summary>One place for how long a test waits for something that should happen before it declares failure.</summary>
public static class TestTimeouts
{
    /// <summary>
    /// Generous on purpose: it bounds a failing test, it is not a performance assertion. Two cores shared by
    /// several builds can stall a process for seconds.
    /// </summary>
    public static readonly TimeSpan Condition = TimeSpan.FromSeconds(30);
}
