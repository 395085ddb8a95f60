using Akka.Actor;
using Everest.Site.Domain.Evse.History;
using Everest.Site.Evse;
using Everest.Site.Site;

namespace Everest.Site.Http;

/// <summary>
/// Subscribes to the actor system's event stream and hands the state changes the dashboard shows to the
/// <see cref="SiteEventHub"/>: EVSE status, allocation runs that changed a decision, and session, transaction,
/// charging, reservation and availability events from the EVSE histories (meter samples are left out: the
/// dashboard reads energy from <c>/api/evses</c>).
/// </summary>
public sealed class SiteEventRelay : ReceiveActor
{
    public SiteEventRelay(SiteEventHub hub, string siteId)
    {
        Receive<EvseStatusChanged>(changed => hub.Publish(new SiteEvent("evse", EvseStatusEvent.From(changed.Status))));
        Receive<SiteAllocationChanged>(changed => hub.Publish(new SiteEvent("allocation", SiteView.From(siteId, changed.Status))));
        Receive<EvseHistoryAppended>(appended =>
        {
            if (appended.Event is not (MeterSampled or HardwareCapabilitiesChanged))
            {
                hub.Publish(new SiteEvent("session", SessionEvent.From(appended)));
            }
        });
    }

    public static Props Props(SiteEventHub hub, string siteId) => Akka.Actor.Props.Create(() => new SiteEventRelay(hub, siteId));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(EvseStatusChanged));
        Context.System.EventStream.Subscribe(Self, typeof(SiteAllocationChanged));
        Context.System.EventStream.Subscribe(Self, typeof(EvseHistoryAppended));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
