using System.Diagnostics;
using System.Globalization;
using Everest.Site.Testing.Mosquitto;

namespace Everest.Site.Benchmarks.Mqtt;

/// <summary>
/// mosquitto's own C clients: <c>mosquitto_pub -l</c> publishes one message per line of its standard input (the
/// stream every subscriber in the benchmark receives), and <c>mosquitto_sub</c> is the baseline subscriber. The
/// subscriber prints only each payload's length (<c>-F %l</c>), so printing costs it almost nothing.
/// </summary>
internal sealed class MosquittoClients(MosquittoBroker broker)
{
    private readonly string _subscriberProgram = ExecutableSearch.Require("mosquitto_sub", "mosquitto-clients");
    private readonly string _publisherProgram = ExecutableSearch.Require("mosquitto_pub", "mosquitto-clients");

    private string Port => broker.Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Publishes <paramref name="lines"/> (one message per line) on <paramref name="topic"/> and waits until mosquitto_pub is done.</summary>
    public async Task PublishAsync(string topic, int qos, byte[] lines)
    {
        using var publisher = Start(_publisherProgram, redirectInput: true, "-h", broker.Host, "-p", Port, "-q", Qos(qos), "-t", topic, "-l");
        var errors = publisher.StandardError.ReadToEndAsync();
        var output = publisher.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        await publisher.StandardInput.BaseStream.WriteAsync(lines);
        publisher.StandardInput.Close();
        await publisher.WaitForExitAsync();
        await output;
        if (publisher.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_pub exited with {publisher.ExitCode}: {await errors}");
        }
    }

    /// <summary>
    /// Starts a live <c>mosquitto_sub</c> for <paramref name="count"/> messages and returns once its subscription is
    /// active (it has received the retained message on <paramref name="readyTopic"/>); await the result for the rest.
    /// </summary>
    public async Task<Task> SubscribeLiveAsync(string topic, string readyTopic, int qos, int count)
    {
        var subscriber = Start(
            _subscriberProgram,
            redirectInput: false,
            "-h", broker.Host, "-p", Port, "-q", Qos(qos), "-t", topic, "-t", readyTopic, "-C", (count + 1).ToString(CultureInfo.InvariantCulture), "-F", "%l");
        _ = await subscriber.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"mosquitto_sub ended before subscribing: {await subscriber.StandardError.ReadToEndAsync()}");
        return WaitAsync(subscriber);
    }

    /// <summary>Makes the persistent session <paramref name="clientId"/> with a subscription to <paramref name="topic"/>, then leaves it.</summary>
    public Task CreateSessionAsync(string clientId, string topic, int qos) =>

        // -E: exit as soon as the subscription is acknowledged; -c: keep the session (and what is queued for it).
        WaitAsync(Start(_subscriberProgram, redirectInput: false, "-h", broker.Host, "-p", Port, "-q", Qos(qos), "-t", topic, "-c", "-i", clientId, "-E"));

    /// <summary>Resumes the persistent session <paramref name="clientId"/> and receives <paramref name="count"/> queued messages.</summary>
    public Task DrainSessionAsync(string clientId, string topic, int qos, int count) =>
        WaitAsync(Start(
            _subscriberProgram,
            redirectInput: false,
            "-h", broker.Host, "-p", Port, "-q", Qos(qos), "-t", topic, "-c", "-i", clientId, "-C", count.ToString(CultureInfo.InvariantCulture), "-F", "%l"));

    private static string Qos(int qos) => qos.ToString(CultureInfo.InvariantCulture);

    private static async Task WaitAsync(Process subscriber)
    {
        using (subscriber)
        {
            var draining = subscriber.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            var errors = subscriber.StandardError.ReadToEndAsync();
            await subscriber.WaitForExitAsync();
            await draining;
            if (subscriber.ExitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_sub exited with {subscriber.ExitCode}: {await errors}");
            }
        }
    }

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
