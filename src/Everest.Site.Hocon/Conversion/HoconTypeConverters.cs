using System.ComponentModel;

namespace Everest.Site.Hocon.Conversion;

/// <summary>
/// Lets <c>Microsoft.Extensions.Configuration.Binder</c> bind HOCON durations into <see cref="TimeSpan"/> properties.
/// The binder converts strings with <see cref="TypeDescriptor.GetConverter(Type)"/>, and the only way to change the
/// converter of a type we do not own is to register one with <see cref="TypeDescriptor"/> for the process.
/// The registered converter is a superset of the standard one (<c>00:00:05</c> still works), so other code that
/// converts TimeSpans from strings is unaffected. Call once at start-up, before binding; repeated calls do nothing.
/// </summary>
public static class HoconTypeConverters
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(HoconTimeSpanConverter)));
        }
    }
}
