using Everest.Site.Simulator.Evse;

namespace Everest.Site.Simulator.Tests.Evse;

public sealed class EnableDisableTests
{
    [Fact]
    public void Without_any_entry_the_EVSE_is_enabled()
    {
        Assert.True(new EnablePriorityTable().IsEnabled);
    }

    [Fact]
    public void The_lowest_priority_number_wins()
    {
        var table = new EnablePriorityTable();
        table.Apply(new EnableSetting(EnableSource.CSMS, EnableState.Disable, 5000));

        Assert.True(table.Apply(new EnableSetting(EnableSource.LocalAPI, EnableState.Enable, 100)));
        Assert.False(table.Apply(new EnableSetting(EnableSource.ServiceTechnician, EnableState.Disable, 0)));
    }

    [Fact]
    public void On_a_tie_Disable_wins()
    {
        var table = new EnablePriorityTable();
        table.Apply(new EnableSetting(EnableSource.LocalAPI, EnableState.Enable, 100));

        Assert.False(table.Apply(new EnableSetting(EnableSource.MobileApp, EnableState.Disable, 100)));
    }

    [Fact]
    public void A_source_has_one_entry_which_its_next_request_replaces()
    {
        var table = new EnablePriorityTable();
        table.Apply(new EnableSetting(EnableSource.LocalAPI, EnableState.Disable, 100));

        Assert.True(table.Apply(new EnableSetting(EnableSource.LocalAPI, EnableState.Enable, 100)));
        Assert.Single(table.Entries);
    }

    [Fact]
    public void Unassigned_withdraws_the_sources_entry()
    {
        var table = new EnablePriorityTable();
        table.Apply(new EnableSetting(EnableSource.FirmwareUpdate, EnableState.Disable, 1000));

        Assert.True(table.Apply(new EnableSetting(EnableSource.FirmwareUpdate, EnableState.Unassigned, 1000)));
        Assert.Empty(table.Entries);
    }

    [Fact]
    public void The_EVSE_reports_Disabled_with_the_deciding_source_and_replies_with_the_outcome()
    {
        using var h = new EvseHarness();
        var csms = new EnableSetting(EnableSource.CSMS, EnableState.Disable, 5000);
        var local = new EnableSetting(EnableSource.LocalAPI, EnableState.Enable, 100);

        Assert.False(h.Do((e, now) => e.EnableDisable(0, csms, now)));
        Assert.True(h.Do((e, now) => e.EnableDisable(0, local, now)));
        Assert.True(h.Do((e, now) => e.EnableDisable(0, csms, now)));

        Assert.Equal([SessionEventKind.Disabled, SessionEventKind.Enabled], h.Kinds);
        Assert.Equal(csms, h.Events[0].Source);
        Assert.Equal(local, h.Events[1].Source);
    }

    [Fact]
    public void An_unknown_connector_changes_nothing()
    {
        using var h = new EvseHarness();

        Assert.True(h.Do((e, now) => e.EnableDisable(7, new EnableSetting(EnableSource.LocalAPI, EnableState.Disable, 0), now)));
        Assert.Empty(h.Events);
    }

    [Fact]
    public void A_disabled_EVSE_offers_no_current_and_charges_again_once_enabled()
    {
        using var h = new EvseHarness();
        h.PlugInAndCharge();

        h.Do((e, now) => e.EnableDisable(0, new EnableSetting(EnableSource.LocalAPI, EnableState.Disable, 100), now));
        h.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(EvseState.Disabled, h.Evse.State);
        Assert.Equal(0, h.Evse.ActualCurrentA);

        h.Do((e, now) => e.EnableDisable(0, new EnableSetting(EnableSource.LocalAPI, EnableState.Enable, 100), now));
        h.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(EvseState.Charging, h.Evse.State);
    }
}
