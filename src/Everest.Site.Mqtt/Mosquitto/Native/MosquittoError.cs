namespace Everest.Site.Mqtt.Mosquitto.Native;

/// <summary>libmosquitto's result codes (<c>MOSQ_ERR_*</c>) that the binding reacts to; others are reported by text.</summary>
internal static class MosquittoError
{
    public const int Success = 0;
    public const int NoMemory = 1;
    public const int Protocol = 2;
    public const int Invalid = 3;
    public const int NoConnection = 4;
    public const int ConnectionRefused = 5;
    public const int NotFound = 6;
    public const int ConnectionLost = 7;
    public const int Tls = 8;
    public const int PayloadSize = 9;
    public const int NotSupported = 10;
    public const int Auth = 11;
    public const int AclDenied = 12;
    public const int Unknown = 13;
    public const int Errno = 14;
    public const int Lookup = 15;
    public const int Proxy = 16;
    public const int MalformedUtf8 = 18;
    public const int Keepalive = 19;
}
