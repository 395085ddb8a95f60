using System.ComponentModel;

namespace Everest.Site.Hocon.Conversion;

/// <summary>
/// A count of bytes that options classes bind from HOCON size spellings (<c>10MiB</c>, <c>10MB</c>, <c>4096</c>):
/// its <see cref="TypeConverter"/> is what the configuration binder uses.
/// </summary>
[TypeConverter(typeof(ByteSizeConverter))]
public readonly record struct ByteSize(long Bytes)
{
    public static ByteSize Parse(string text) => new(HoconByteSize.Parse(text));

    public override string ToString() => Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
