using Everest.Site.Configuration;
using Everest.Site.Mqtt;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Everest.Site.Hosting;

/// <summary>What the command-line verbs that run the site (<c>run</c>, <c>demo</c>) share around the Generic Host.</summary>
internal static class SiteConsoleHost
{
    /// <summary>
    /// A host builder with nothing but logging on stderr. Its console lifetime turns SIGTERM and Ctrl+C into an
    /// orderly stop of the host (and so of the actor system); its status messages are left out, since stdout
    /// belongs to what scripts read.
    /// </summary>
    /// <remarks>
    /// A web application builder, so that Kestrel (the HTTP API and dashboard) runs in the same host as the actor
    /// system; empty, so nothing is read from appsettings files or ASPNETCORE_ variables behind the HOCON's back.
    /// </remarks>
    public static WebApplicationBuilder CreateBuilder(LogLevel minimumLevel, LogFormat format = LogFormat.Text)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.AddStandardErrorConsole(minimumLevel, format);

        // ASP.NET Core logs every request at Information; its warnings and errors are what an operator needs.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        return builder;
    }

    /// <summary>
    /// Sends everything written through <see cref="Console.Out"/> to stderr until disposed, so that stdout carries
    /// only the lines the verb writes on the writer it captured before (the running line, the demo's table). A
    /// library that prints to the console (Akka's fallback logger while the actor system stops, a start-up failure
    /// message) then cannot corrupt what scripts read.
    /// </summary>
    public static IDisposable KeepStandardOutputForScripts()
    {
        var original = Console.Out;
        Console.SetOut(Console.Error);
        return new Restore(original);
    }

    /// <summary>Completes when <paramref name="transport"/> is connected (true) or <paramref name="stopping"/> fires first (false).</summary>
    public static async Task<bool> WaitUntilConnectedAsync(IMqttTransport transport, CancellationToken stopping)
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = transport.OnConnectionStateChanged(change =>
        {
            if (change.State == MqttConnectionState.Connected)
            {
                connected.TrySetResult();
            }
        });
        if (transport.State == MqttConnectionState.Connected)
        {
            return true;
        }

        try
        {
            await connected.Task.WaitAsync(stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return false;
        }
    }

    private sealed class Restore(TextWriter original) : IDisposable
    {
        public void Dispose() => Console.SetOut(original);
    }
}
