using System.ComponentModel;
using System.Globalization;

namespace Everest.Site.Hocon.Conversion;

/// <summary>Converts HOCON size spellings to <see cref="ByteSize"/> for the configuration binder.</summary>
public sealed class ByteSizeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? ByteSize.Parse(text) : base.ConvertFrom(context, culture, value);
}
