using System.Runtime.InteropServices;

namespace Everest.Site.Mqtt.Mosquitto.Native;

/// <summary>
/// The part of libmosquitto's C API (version 2.0, <c>mosquitto.h</c>) the transport uses. Every function
/// takes the opaque <c>struct mosquitto*</c> as a <see cref="nint"/>. Callback setters take unmanaged
/// function pointers to static <see cref="UnmanagedCallersOnlyAttribute"/> methods, so nothing the
/// garbage collector could move or collect is ever held by native code.
/// </summary>
internal static unsafe partial class MosquittoNative
{
    /// <summary>The name the resolver maps to <c>libmosquitto.so.1</c>; see <see cref="MosquittoLibrary"/>.</summary>
    public const string LibraryName = "mosquitto";

    /// <summary><c>MOSQ_OPT_PROTOCOL_VERSION</c>.</summary>
    public const int OptionProtocolVersion = 1;

    /// <summary><c>MOSQ_OPT_TCP_NODELAY</c>.</summary>
    public const int OptionTcpNoDelay = 11;

    /// <summary><c>MOSQ_OPT_TLS_USE_OS_CERTS</c>: TLS trusting the system's certificate store.</summary>
    public const int OptionTlsUseOsCertificates = 13;

    /// <summary><c>MQTT_PROTOCOL_V311</c>.</summary>
    public const int ProtocolVersion311 = 4;

    public const int LogWarning = 0x04;
    public const int LogError = 0x08;

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_lib_version")]
    public static partial int LibVersion(out int major, out int minor, out int revision);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_lib_init")]
    public static partial int LibInit();

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_lib_cleanup")]
    public static partial int LibCleanup();

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint New(string clientId, [MarshalAs(UnmanagedType.U1)] bool cleanSession, nint userData);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_destroy")]
    public static partial void Destroy(nint mosq);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_int_option")]
    public static partial int IntOption(nint mosq, int option, int value);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_username_pw_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UsernamePasswordSet(nint mosq, string? username, string? password);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_tls_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TlsSet(nint mosq, string? caFile, string? caPath, string? certFile, string? keyFile, nint passwordCallback);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_will_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int WillSet(nint mosq, string topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_reconnect_delay_set")]
    public static partial int ReconnectDelaySet(nint mosq, uint reconnectDelay, uint reconnectDelayMax, [MarshalAs(UnmanagedType.U1)] bool exponentialBackoff);

    /// <summary>Sets the last P/Invoke error to errno, which tells a failed TLS handshake (EPROTO) from a network error.</summary>
    [LibraryImport(LibraryName, EntryPoint = "mosquitto_connect_async", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int ConnectAsync(nint mosq, string host, int port, int keepAliveSeconds);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_loop_start")]
    public static partial int LoopStart(nint mosq);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_loop_stop")]
    public static partial int LoopStop(nint mosq, [MarshalAs(UnmanagedType.U1)] bool force);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_disconnect")]
    public static partial int Disconnect(nint mosq);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_socket")]
    public static partial int Socket(nint mosq);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_publish", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Publish(nint mosq, out int messageId, string topic, int payloadLength, byte* payload, int qos, [MarshalAs(UnmanagedType.U1)] bool retain);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_subscribe", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Subscribe(nint mosq, out int messageId, string topicFilter, int qos);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_unsubscribe", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Unsubscribe(nint mosq, out int messageId, string topicFilter);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_connect_callback_set")]
    public static partial void ConnectCallbackSet(nint mosq, delegate* unmanaged<nint, nint, int, void> callback);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_disconnect_callback_set")]
    public static partial void DisconnectCallbackSet(nint mosq, delegate* unmanaged<nint, nint, int, void> callback);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_publish_callback_set")]
    public static partial void PublishCallbackSet(nint mosq, delegate* unmanaged<nint, nint, int, void> callback);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_message_callback_set")]
    public static partial void MessageCallbackSet(nint mosq, delegate* unmanaged<nint, nint, MosquittoMessageStruct*, void> callback);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_subscribe_callback_set")]
    public static partial void SubscribeCallbackSet(nint mosq, delegate* unmanaged<nint, nint, int, int, int*, void> callback);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_unsubscribe_callback_set")]
    public static partial void UnsubscribeCallbackSet(nint mosq, delegate* unmanaged<nint, nint, int, void> callback);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_log_callback_set")]
    public static partial void LogCallbackSet(nint mosq, delegate* unmanaged<nint, nint, int, byte*, void> callback);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_strerror")]
    public static partial nint StrError(int error);

    [LibraryImport(LibraryName, EntryPoint = "mosquitto_connack_string")]
    public static partial nint ConnackString(int connackCode);

    /// <summary>POSIX <c>shutdown(2)</c>: ends the TCP connection under libmosquitto's feet for an unclean close.</summary>
    [LibraryImport("libc", EntryPoint = "shutdown", SetLastError = true)]
    public static partial int ShutdownSocket(int socket, int how);

    /// <summary><c>SHUT_RDWR</c>.</summary>
    public const int ShutdownReadWrite = 2;
}
