namespace Everest.Site.Mqtt.Mosquitto.Native;

/// <summary>The Linux errno values that tell a failed TLS session from a broker that cannot be reached.</summary>
internal static class LinuxErrno
{
    /// <summary>EPIPE: the broker closed the connection while the client was writing.</summary>
    public const int BrokenPipe = 32;

    /// <summary>EPROTO: libmosquitto's code for any OpenSSL failure on an established socket.</summary>
    public const int ProtocolError = 71;

    /// <summary>ENETUNREACH.</summary>
    public const int NetworkUnreachable = 101;

    /// <summary>ECONNRESET: the broker reset the connection.</summary>
    public const int ConnectionReset = 104;

    /// <summary>ETIMEDOUT.</summary>
    public const int TimedOut = 110;

    /// <summary>ECONNREFUSED: nothing listens on the broker's port.</summary>
    public const int ConnectionRefused = 111;

    /// <summary>EHOSTUNREACH.</summary>
    public const int HostUnreachable = 113;
}
