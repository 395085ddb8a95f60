using System.Runtime.InteropServices;

namespace Everest.Site.Persistence.Sql;

internal static class Payloads
{
    /// <summary>
    /// The array behind <paramref name="memory"/> when it spans all of one, otherwise a copy: both ADO.NET
    /// providers bind byte arrays only, and the common case (a serializer's fresh array) needs no copy.
    /// </summary>
    public static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();
}
