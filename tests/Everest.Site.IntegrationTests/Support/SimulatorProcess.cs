namespace Everest.Site.IntegrationTests.Support;

/// <summary>
/// <c>everest-site simulate</c> as a real child process, from the same build output as the controller. Started
/// means it printed its <c>simulating N EVSEs …</c> line; it is stopped with SIGTERM (it then prints its summary).
/// </summary>
internal sealed class SimulatorProcess : IAsyncDisposable
{
    private const int KeptLines = 40;

    private readonly OutputTail _tail = new(KeptLines);
    private readonly TaskCompletionSource<bool> _running = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EverestSiteChildProcess _process = null!;

    private SimulatorProcess()
    {
    }

    /// <summary>The last lines it wrote (stdout and stderr), for failure messages.</summary>
    public string Tail => _tail.ToString();

    /// <param name="arguments">What follows <c>simulate</c> on the command line.</param>
    public static async Task<SimulatorProcess> StartAsync(string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var simulator = new SimulatorProcess();
        simulator._process = EverestSiteChildProcess.Start("the simulator", workingDirectory, ["simulate", .. arguments], simulator.OnStdout, simulator._tail.Add);
        await simulator._process.WaitUntilStartedAsync(simulator._running.Task, timeout, why => $"The simulator did not start ({why}). It wrote:\n{simulator.Tail}");
        return simulator;
    }

    /// <summary>SIGTERM, then waits for it to end; returns the exit code.</summary>
    public Task<int> TerminateAsync(TimeSpan timeout) => _process.TerminateAsync(timeout, () => $"It wrote:\n{Tail}");

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private void OnStdout(string line)
    {
        if (line.StartsWith("simulating ", StringComparison.Ordinal))
        {
            _running.TrySetResult(true);
        }

        _tail.Add(line);
    }
}
