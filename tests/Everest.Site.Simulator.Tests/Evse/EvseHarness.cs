using Everest.Site.Simulator.Evse;
using Everest.Site.Simulator.Vehicles;

namespace Everest.Site.Simulator.Tests.Evse;

/// <summary>One simulated EVSE on a test clock, with helpers to read what it emitted.</summary>
internal sealed class EvseHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly List<EvseOutput> _outputs = [];

    public EvseHarness(EvseSimulationOptions? options = null, int seed = 1)
    {
        Evse = new EvseSimulation(options ?? new EvseSimulationOptions { VehiclePausesPerHour = 0 }, new Random(seed), Start);
        Now = Start;
        Collect();
    }

    public EvseSimulation Evse { get; }

    public DateTimeOffset Now { get; private set; }

    public IReadOnlyList<EvseOutput> Outputs => _outputs;

    public IReadOnlyList<SessionEventRecord> Events => [.. _outputs.OfType<SessionEventOutput>().Select(o => o.Event)];

    public IReadOnlyList<SessionEventKind> Kinds => [.. Events.Select(e => e.Kind)];

    public static VehicleProfile Car(double energyNeededWh = 20_000, double maxCurrentA = 32, int phases = 3, double initialSoc = 20) =>
        new(BatteryCapacityWh: 60_000, InitialSocPercent: initialSoc, EnergyNeededWh: energyNeededWh, MaxCurrentA: maxCurrentA,
            Phases: phases, Manufacturer: CarManufacturer.VolkswagenGroup, EvccId: "02:00:00:00:00:01");

    public static SimulatedVehicle Vehicle(VehicleProfile? profile = null, int? reservationId = null) =>
        new(profile ?? Car(), new IdToken("RFID-0001"), reservationId);

    public void Advance(TimeSpan by)
    {
        Now += by;
        Evse.AdvanceTo(Now);
        Collect();
    }

    /// <summary>Plugs a car in and runs until it charges (local authorization).</summary>
    public void PlugInAndCharge(SimulatedVehicle? vehicle = null)
    {
        Assert.True(Evse.PlugIn(vehicle ?? Vehicle(), Now));
        Collect();
        Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(EvseState.Charging, Evse.State);
    }

    public T Do<T>(Func<EvseSimulation, DateTimeOffset, T> command)
    {
        var result = command(Evse, Now);
        Collect();
        return result;
    }

    /// <summary>Forgets what was collected so far, so a test can look at what comes next.</summary>
    public void ClearOutputs() => _outputs.Clear();

    public void Dispose() => Evse.Dispose();

    private void Collect() => _outputs.AddRange(Evse.DrainOutputs());
}
