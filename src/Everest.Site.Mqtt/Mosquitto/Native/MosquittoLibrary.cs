using System.Reflection;
using System.Runtime.InteropServices;

namespace Everest.Site.Mqtt.Mosquitto.Native;

/// <summary>
/// Finds and loads <c>libmosquitto.so.1</c> and keeps the library initialised while any client exists:
/// <c>mosquitto_lib_init</c> before the first client, <c>mosquitto_lib_cleanup</c> after the last one.
/// </summary>
internal static class MosquittoLibrary
{
    /// <summary>The sonames tried in order: Debian's package <c>libmosquitto1</c> ships the first.</summary>
    private static readonly string[] Candidates = ["libmosquitto.so.1", "libmosquitto.so", "libmosquitto.1.dylib", "mosquitto.dll"];

    private static readonly Lock Gate = new();

    /// <summary>The loaded library, or zero before the first client (guarded by <see cref="Gate"/>).</summary>
    private static nint handle;

    /// <summary>The loaded library's major version (guarded by <see cref="Gate"/>).</summary>
    private static int majorVersion;

    /// <summary>Clients alive; the library is initialised while this is above zero (guarded by <see cref="Gate"/>).</summary>
    private static int users;

    /// <summary>The library's version, e.g. "2.0.11", once loaded.</summary>
    public static string? Version { get; private set; }

    /// <summary>Loads and initialises the library for one more client, or throws a clear, permanent error.</summary>
    public static void Acquire()
    {
        lock (Gate)
        {
            if (handle == 0)
            {
                handle = Load();
                NativeLibrary.SetDllImportResolver(typeof(MosquittoLibrary).Assembly, Resolve);
                MosquittoNative.LibVersion(out var major, out var minor, out var revision);
                Version = $"{major}.{minor}.{revision}";
                majorVersion = major;
            }

            if (majorVersion < 2)
            {
                throw new MqttException($"libmosquitto {Version} is too old: version 2.0 or newer is needed (Debian package libmosquitto1 from bullseye or later).") { IsTransient = false };
            }

            if (users == 0)
            {
                Check(MosquittoNative.LibInit(), "mosquitto_lib_init");
            }

            users++;
        }
    }

    /// <summary>Called once per <see cref="Acquire"/> when a client is destroyed.</summary>
    public static void Release()
    {
        lock (Gate)
        {
            users--;
            if (users == 0)
            {
                MosquittoNative.LibCleanup();
            }
        }
    }

    /// <summary>libmosquitto's own words for a result code.</summary>
    public static string Describe(int error) =>
        Marshal.PtrToStringUTF8(MosquittoNative.StrError(error)) ?? $"error {error}";

    /// <summary>
    /// Words for a result code and the errno that came with it. libmosquitto's own text for MOSQ_ERR_ERRNO reads
    /// errno when asked, which may no longer be the one that came with the result.
    /// </summary>
    public static string Describe(int error, int errno) => error switch
    {
        MosquittoError.Errno when errno == 0 => "the connection was closed",
        MosquittoError.Errno => Marshal.GetPInvokeErrorMessage(errno),
        _ => Describe(error),
    };

    /// <summary>libmosquitto's own words for a CONNACK return code.</summary>
    public static string DescribeConnack(int code) =>
        Marshal.PtrToStringUTF8(MosquittoNative.ConnackString(code)) ?? $"CONNACK code {code}";

    public static void Check(int result, string operation)
    {
        if (result != MosquittoError.Success)
        {
            throw new MqttException($"{operation} failed: {Describe(result)}.")
            {
                IsTransient = result is MosquittoError.NoConnection or MosquittoError.ConnectionLost or MosquittoError.Errno or MosquittoError.Lookup,
            };
        }
    }

    private static nint Load()
    {
        foreach (var candidate in Candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var loaded))
            {
                return loaded;
            }
        }

        throw new MqttException(
            "libmosquitto.so.1 not found: install Debian package libmosquitto1 (apt-get install libmosquitto1), " +
            "or put the library where the dynamic loader finds it (LD_LIBRARY_PATH).")
        {
            IsTransient = false,
        };
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        MosquittoNative.LibraryName => handle,

        // glibc's "libc.so" is a linker script that dlopen cannot load; the real library is libc.so.6.
        "libc" when NativeLibrary.TryLoad("libc.so.6", out var libc) => libc,
        _ => 0,
    };
}
