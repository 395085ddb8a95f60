using Everest.Site.IntegrationTests.Support;
using Everest.Site.Simulator.Site;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>
/// What a fault may touch while the site runs: the broker, the controller process (its <c>/health</c> and its memory),
/// the simulator and its clock.
/// </summary>
internal sealed class FaultContext(
    MosquittoBroker broker, SiteSimulator simulator, TimeProvider time, Func<Task<ControllerProcess>> startController, ControllerProcess controller, ControllerHealth health)
{
    private static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(1);

    public MosquittoBroker Broker { get; } = broker;

    public SiteSimulator Simulator { get; } = simulator;

    public TimeProvider Time { get; } = time;

    public ControllerProcess Controller { get; private set; } = controller;

    /// <summary>The controller's <c>/health</c>, on the port of every controller process of the run.</summary>
    public ControllerHealth Health { get; } = health;

    /// <summary>
    /// Set by a fault that plays its burst twice: how much the controller's settled resident memory grew over the
    /// second, equal burst. A row with it judges memory by it (see <see cref="ReliabilityRow.MemoryFlat"/>).
    /// </summary>
    public double? RepeatedBurstGrowthMb { get; set; }

    /// <summary>The current controller's resident memory once it stopped moving, in MB.</summary>
    public Task<double> SettledMemoryAsync() => ResidentMemory.SettledMegabytesAsync(Controller.Id);

    /// <summary>Stderr of the controller processes killed so far.</summary>
    public List<string> EarlierStderr { get; } = [];

    /// <summary>SIGKILL, then a new controller process on the same configuration and journal.</summary>
    public async Task KillAndRestartAsync()
    {
        await Controller.KillAsync();
        EarlierStderr.Add(Controller.StderrTail);
        await Controller.DisposeAsync();
        Controller = await startController();
    }

    /// <summary>Waits a real time span (faults are about real outages; the site's clock runs on meanwhile).</summary>
    public static Task WaitAsync(TimeSpan span) => Task.Delay(span);

    /// <summary>A short pause, so that a fault starts while cars are charging rather than at the very start.</summary>
    public static Task LetTheSiteRunAsync() => Task.Delay(ShortWait * 5);
}
