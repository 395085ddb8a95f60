using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Everest.Site.Testing.Mosquitto;

/// <summary>
/// A real mosquitto broker on a free loopback port, in its own temporary directory, for tests and benchmarks.
/// <see cref="StartAsync"/> returns once the broker accepts connections; <see cref="DisposeAsync"/> stops it
/// and deletes the directory. It can be stopped and started again on the same port with its persistence
/// file, or killed outright. A missing <c>mosquitto</c> program fails loudly with the package to install.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);
    private const int MaxLogLines = 200;

    private readonly string executable;
    private readonly Queue<string> recentLog = new();
    private Process? process;

    private MosquittoBroker(string executable, string directory, int port)
    {
        this.executable = executable;
        Directory = directory;
        Port = port;
    }

    /// <summary>Always loopback: these brokers are never reachable from outside the machine.</summary>
    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The broker's temporary directory (configuration, password file, persistence file, TLS files).</summary>
    public string Directory { get; }

    public string ConfigFile => Path.Combine(Directory, "mosquitto.conf");

    public bool IsRunning => process is { HasExited: false };

    /// <summary>The last lines mosquitto logged, for failure messages.</summary>
    public string RecentLog
    {
        get
        {
            lock (recentLog)
            {
                return string.Join(Environment.NewLine, recentLog);
            }
        }
    }

    /// <summary>Writes the configuration, starts mosquitto and waits until it accepts connections.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoBrokerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MosquittoBrokerOptions();
        var executable = ExecutableSearch.Require("mosquitto", "mosquitto");
        var directory = Path.Combine(Path.GetTempPath(), $"everest-site-mosquitto-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var broker = new MosquittoBroker(executable, directory, FindFreeLoopbackPort());
        try
        {
            await broker.WriteConfigurationAsync(options, cancellationToken).ConfigureAwait(false);
            await broker.StartAgainAsync(cancellationToken).ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the broker again (same port, configuration and persistence file) after a stop or kill.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The mosquitto broker is already running.");
        }

        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(ConfigFile);

        var started = new Process { StartInfo = info };
        started.ErrorDataReceived += (_, e) => Remember(e.Data);
        started.OutputDataReceived += (_, e) => Remember(e.Data);
        started.Start();
        started.BeginErrorReadLine();
        started.BeginOutputReadLine();
        process?.Dispose();
        process = started;

        await WaitUntilAcceptingAsync(started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the broker in order (SIGTERM), so that it writes its persistence file, and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (process is not { HasExited: false } running)
        {
            return;
        }

        PosixSignals.Terminate(running.Id);
        await WaitForExitAsync(running).ConfigureAwait(false);
    }

    /// <summary>Kills the broker (SIGKILL): nothing since the last autosave is written.</summary>
    public async Task KillAsync()
    {
        if (process is not { HasExited: false } running)
        {
            return;
        }

        running.Kill();
        await WaitForExitAsync(running).ConfigureAwait(false);
    }

    /// <summary>An orderly stop followed by a start, keeping the persistence file.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync().ConfigureAwait(false);
        await StartAgainAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync().ConfigureAwait(false);
        }
        finally
        {
            process?.Dispose();
            process = null;
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary directory is not worth failing a test run for.
            }
        }
    }

    private static int FindFreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WriteConfigurationAsync(MosquittoBrokerOptions options, CancellationToken cancellationToken)
    {
        var config = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"listener {Port} 127.0.0.1")
            .AppendLine("log_dest stderr")
            .AppendLine("log_type error")
            .AppendLine("log_type warning")
            .AppendLine("log_type notice")
            .AppendLine("log_timestamp false")
            // Started as root, mosquitto would switch to the user "mosquitto", which cannot write the
            // persistence file into our temporary directory; staying the current user is harmless otherwise.
            .AppendLine(CultureInfo.InvariantCulture, $"user {Environment.UserName}");

        config.AppendLine(CultureInfo.InvariantCulture, $"max_queued_messages {options.MaxQueuedMessages}");
        if (options.Persistence)
        {
            config.AppendLine("persistence true")
                .AppendLine(CultureInfo.InvariantCulture, $"persistence_location {Directory}{Path.DirectorySeparatorChar}")
                .AppendLine("persistence_file mosquitto.db");
        }
        else
        {
            config.AppendLine("persistence false");
        }

        if (options.Users is { } users)
        {
            var passwordFile = Path.Combine(Directory, "passwords");
            foreach (var (user, password) in users)
            {
                await CreatePasswordEntryAsync(passwordFile, user, password, cancellationToken).ConfigureAwait(false);
            }

            config.AppendLine("allow_anonymous false")
                .AppendLine(CultureInfo.InvariantCulture, $"password_file {passwordFile}");
        }
        else
        {
            config.AppendLine("allow_anonymous true");
        }

        if (options.Tls is { } tls)
        {
            await WriteTlsFilesAsync(config, tls, cancellationToken).ConfigureAwait(false);
        }

        foreach (var line in options.ExtraConfigLines)
        {
            config.AppendLine(line);
        }

        await File.WriteAllTextAsync(ConfigFile, config.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the listener's certificate files and their settings. mosquitto applies <c>cafile</c>, <c>certfile</c>,
    /// <c>keyfile</c> and <c>require_certificate</c> to the listener declared before them, which is the only one.
    /// </summary>
    private async Task WriteTlsFilesAsync(StringBuilder config, MosquittoBrokerTls tls, CancellationToken cancellationToken)
    {
        var caFile = Path.Combine(Directory, "broker-ca.pem");
        var certificateFile = Path.Combine(Directory, "broker-certificate.pem");
        var keyFile = Path.Combine(Directory, "broker-key.pem");
        await File.WriteAllTextAsync(caFile, tls.CaCertificatesPem, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(certificateFile, tls.CertificatePem, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(keyFile, tls.PrivateKeyPem, cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        config.AppendLine(CultureInfo.InvariantCulture, $"cafile {caFile}")
            .AppendLine(CultureInfo.InvariantCulture, $"certfile {certificateFile}")
            .AppendLine(CultureInfo.InvariantCulture, $"keyfile {keyFile}")
            .AppendLine(CultureInfo.InvariantCulture, $"require_certificate {(tls.RequireClientCertificate ? "true" : "false")}");
    }

    private static async Task CreatePasswordEntryAsync(string passwordFile, string user, string password, CancellationToken cancellationToken)
    {
        var tool = ExecutableSearch.Require("mosquitto_passwd", "mosquitto");
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-b");
        if (!File.Exists(passwordFile))
        {
            info.ArgumentList.Add("-c");
        }

        info.ArgumentList.Add(passwordFile);
        info.ArgumentList.Add(user);
        info.ArgumentList.Add(password);

        using var passwd = Process.Start(info) ?? throw new InvalidOperationException("mosquitto_passwd did not start.");
        var error = passwd.StandardError.ReadToEndAsync(cancellationToken);
        await passwd.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await passwd.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (passwd.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_passwd failed with exit code {passwd.ExitCode}: {await error.ConfigureAwait(false)}");
        }
    }

    private async Task WaitUntilAcceptingAsync(Process started, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        while (true)
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException(
                    $"mosquitto exited with code {started.ExitCode} right after starting on port {Port}. Its log:{Environment.NewLine}{RecentLog}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet; try again shortly.
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"mosquitto did not accept connections on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds:0} s. Its log:{Environment.NewLine}{RecentLog}");
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"mosquitto did not accept connections on 127.0.0.1:{Port} within {StartTimeout.TotalSeconds:0} s. Its log:{Environment.NewLine}{RecentLog}");
            }
        }
    }

    private static async Task WaitForExitAsync(Process running)
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await running.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            running.Kill();
            await running.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (recentLog)
        {
            recentLog.Enqueue(line);
            if (recentLog.Count > MaxLogLines)
            {
                recentLog.Dequeue();
            }
        }
    }
}
