using System.ComponentModel;
using System.Globalization;

namespace Everest.Site.Hocon.Conversion;

/// <summary>
/// A <see cref="TimeSpan"/> converter that also reads HOCON durations (<c>5s</c>, <c>2 minutes</c>); see
/// <see cref="HoconTypeConverters.Register"/> for how the configuration binder comes to use it.
/// </summary>
public sealed class HoconTimeSpanConverter : TimeSpanConverter
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? HoconDuration.Parse(text) : base.ConvertFrom(context, culture, value);
}
