using Akka.Actor;
using Akka.Configuration;

namespace Everest.Site.Benchmarks.Actors;

/// <summary>An Akka.NET actor system on Akka's defaults, with logging quiet enough not to disturb a measurement.</summary>
internal static class BenchActorSystem
{
    public static ActorSystem Create(string name) => ActorSystem.Create(name, Quiet());

    /// <summary><paramref name="extra"/> over quiet logging settings.</summary>
    public static Config Quiet(Config? extra = null)
    {
        var quiet = ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.log-dead-letters = off
            akka.log-dead-letters-during-shutdown = off
            """);
        return extra is null ? quiet : extra.WithFallback(quiet);
    }
}
