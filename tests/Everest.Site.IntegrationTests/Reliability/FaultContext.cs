using Everest.Site.IntegrationTests.Support;
using Everest.Site.Simulator.Site;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.IntegrationTests.Reliability;

/// <summary>What a fault may touch while the site runs: the broker, the controller process, the simulator and its clock.</summary>
internal sealed class FaultContext(MosquittoBroker broker, SiteSimulator simulator, TimeProvider time, Func<Task<ControllerProcess>> startController, ControllerProcess controller)
{
    private static readonly TimeSpan ShortWait = TimeSpan.FromSeconds(1);

    public MosquittoBroker Broker { get; } = broker;

    public SiteSimulator Simulator { get; } = simulator;

    public TimeProvider Time { get; } = time;

    public ControllerProcess Controller { get; private set; } = controller;

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
