using System.Runtime.InteropServices;

namespace Everest.Site.Mqtt.Mosquitto.Native;

/// <summary>
/// Layout of libmosquitto's <c>struct mosquitto_message</c> as the library hands it to the message callback.
/// Only valid during the callback: the library frees it afterwards, so everything is copied out at once.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MosquittoMessageStruct
{
    public int MessageId;
    public nint Topic;
    public nint Payload;
    public int PayloadLength;
    public int Qos;
    public byte Retain;
}
