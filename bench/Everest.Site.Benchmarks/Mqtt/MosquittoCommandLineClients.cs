using System.Diagnostics;
using System.Globalization;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Benchmarks.Mqtt;

/// <summary>
/// The baseline: mosquitto's own C clients. <c>mosquitto_sub -C N</c> receives N messages that
/// <c>mosquitto_pub -l</c> publishes from its standard input, one per line. A retained marker on a
/// second topic tells us when the subscriber's subscription is active, so no message is published early.
/// </summary>
internal sealed class MosquittoCommandLineClients(MosquittoBroker broker)
{
    private readonly string subscriberProgram = ExecutableSearch.Require("mosquitto_sub", "mosquitto-clients");
    private readonly string publisherProgram = ExecutableSearch.Require("mosquitto_pub", "mosquitto-clients");

    public async Task PublishAndReceiveAsync(string topic, string readyTopic, int qos, int count, byte[] lines)
    {
        var q = qos.ToString(CultureInfo.InvariantCulture);

        // One line per message: the payload length (%l), so that printing costs the subscriber almost nothing.
        using var subscriber = Start(
            subscriberProgram,
            redirectInput: false,
            "-h", broker.Host, "-p", Port, "-q", q, "-t", topic, "-t", readyTopic, "-C", (count + 1).ToString(CultureInfo.InvariantCulture), "-F", "%l");
        var firstLine = await subscriber.StandardOutput.ReadLineAsync().ConfigureAwait(false)
            ?? throw new InvalidOperationException($"mosquitto_sub ended before subscribing: {await subscriber.StandardError.ReadToEndAsync().ConfigureAwait(false)}");
        _ = firstLine;

        var draining = subscriber.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        using var publisher = Start(publisherProgram, redirectInput: true, "-h", broker.Host, "-p", Port, "-q", q, "-t", topic, "-l");
        await publisher.StandardInput.BaseStream.WriteAsync(lines).ConfigureAwait(false);
        publisher.StandardInput.Close();

        await subscriber.WaitForExitAsync().ConfigureAwait(false);
        await draining.ConfigureAwait(false);
        await publisher.WaitForExitAsync().ConfigureAwait(false);
        if (subscriber.ExitCode != 0 || publisher.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_sub exited with {subscriber.ExitCode}, mosquitto_pub with {publisher.ExitCode}.");
        }
    }

    private string Port => broker.Port.ToString(CultureInfo.InvariantCulture);

    private static Process Start(string program, bool redirectInput, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
    }
}
