using Akka.Actor;
using Akka.TestKit;
using Everest.Site.Domain.Allocation;
using Everest.Site.Domain.Evse;
using Everest.Site.Evse;
using Everest.Site.Scenarios.Support;
using Everest.Site.Site;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Everest.Site.Scenarios.Site;

/// <summary>
/// The site actor alone, fed EVSE statuses on the event stream and answered by a fleet that accepts every command:
/// the simulator cannot silence one EVSE, so the offline story is told here.
/// </summary>
public sealed class OfflineStories(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(EvseScenario.ScenarioConfig, "site-offline", output)
{
    private readonly FakeTimeProvider _time = new(SiteTestClock.Start);

    [Fact]
    public async Task An_EVSE_goes_offline_mid_charge_and_the_others_are_capped_to_its_last_draw()
    {
        var fleet = CreateTestProbe("fleet");
        var sent = new List<(string EvseId, IEvseCommand Command)>();
        fleet.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is EvseEnvelope { Message: IEvseCommand command } envelope)
            {
                lock (sent)
                {
                    sent.Add((envelope.EvseId, command));
                }

                sender.Tell(EvseCommandResult.Success(envelope.EvseId, command.Operation));
            }

            return AutoPilot.KeepRunning;
        }));
        var settings = new SiteSettings
        {
            Model = new SiteModel(32),
            Policy = new AllocationPolicy(),
            Evses = [new SiteEvse("a", SiteModel.GridId, "cp-1", PhaseRotation.L1L2L3, 0, true, null), new SiteEvse("b", SiteModel.GridId, "cp-1", PhaseRotation.L1L2L3, 0, true, null)],
        };
        var site = Sys.ActorOf(SiteActor.Props(settings, fleet.Ref, _time), "site");
        await StatusAsync(site); // started and subscribed to the event stream

        // Both charge and draw their 16 A.
        Publish(Charging("a", 16));
        Publish(Charging("b", 16));
        await AwaitAssertAsync(async () => Assert.All((await StatusAsync(site)).Evses, e => Assert.Equal(16, e.AppliedA)));

        // "a" goes silent while drawing 16 A; "b" could take all 32 A, but "a" may still be drawing its 16 A.
        Publish(Charging("a", 16) with { Online = false });
        Publish(Charging("b", 16) with { MeasuredCurrent = new PhaseCurrents(16, 16, 16) });
        var status = await StatusAsync(site);

        var offline = status.Evses.Single(e => e.EvseId == "a").Decision;
        Assert.Equal(AllocationReason.Offline, offline.Reason);
        Assert.Equal(16, offline.CountedA);
        Assert.True(status.Evses.Single(e => e.EvseId == "b").Decision.CurrentA <= 16, "the other EVSE is capped to what the offline one may still draw");
        lock (sent)
        {
            Assert.DoesNotContain(sent, s => s.EvseId == "a" && s.Command is SetExternalLimits limits && limits.Limits.ScheduleImport[0].LimitsToRoot.AcMaxCurrentA!.Value != 16);
            Assert.All(sent.Where(s => s.EvseId == "b"), s => Assert.True(((SetExternalLimits)s.Command).Limits.ScheduleImport[0].LimitsToRoot.AcMaxCurrentA!.Value <= 16));
        }
    }

    private static EvseStatus Charging(string evseId, double amperes) => new(
        evseId,
        Online: true,
        Enabled: true,
        State: "Charging",
        TransactionOpen: true,
        ChargingPhase: ChargingPhase.Charging,
        PhasesInUse: 3,
        MinCurrentA: 6,
        MaxCurrentA: 32,
        MeasuredCurrent: new PhaseCurrents(amperes, amperes, amperes),
        Priority: 0,
        SessionStartedAt: SiteTestClock.Start,
        Reservation: null)
    {
        HardwareMaxCurrentA = 32,
    };

    private void Publish(EvseStatus status) => Sys.EventStream.Publish(new EvseStatusChanged(status));

    private static Task<SiteStatus> StatusAsync(IActorRef site) => site.Ask<SiteStatus>(GetSiteStatus.Instance, TimeSpan.FromSeconds(15));
}
