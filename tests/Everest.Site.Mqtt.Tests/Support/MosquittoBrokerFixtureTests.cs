using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Mqtt.Tests.Support;

public sealed class MosquittoBrokerFixtureTests
{
    [Fact]
    public void A_missing_program_fails_with_the_debian_package_to_install()
    {
        var error = Assert.Throws<MosquittoNotInstalledException>(() => ExecutableSearch.Require("mosquitto-that-does-not-exist", "mosquitto"));

        Assert.Contains("install Debian package mosquitto", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_started_broker_listens_on_loopback_until_disposed()
    {
        var broker = await MosquittoBroker.StartAsync();
        var directory = broker.Directory;
        Assert.True(broker.IsRunning);
        Assert.Contains($"listener {broker.Port} 127.0.0.1", await File.ReadAllTextAsync(broker.ConfigFile), StringComparison.Ordinal);

        await broker.DisposeAsync();

        Assert.False(broker.IsRunning);
        Assert.False(Directory.Exists(directory));
    }
}
