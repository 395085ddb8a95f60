using System.Collections.Immutable;

namespace Everest.Site.Domain.Billing.Tariffs;

/// <summary>
/// Drivers who pay another tariff than the public one (employees, a fleet): a token belongs to the group when its
/// value is one of <see cref="Tokens"/> or starts with one of <see cref="TokenPrefixes"/> (an eMAID provider
/// prefix, a fleet card range). Token values compare case-insensitively: RFID readers disagree on hex case.
/// </summary>
public sealed record TokenGroup(string Id, string TariffId, ImmutableArray<string> Tokens, ImmutableArray<string> TokenPrefixes)
{
    public bool Contains(string tokenValue)
    {
        ArgumentNullException.ThrowIfNull(tokenValue);
        foreach (var token in Tokens)
        {
            if (string.Equals(token, tokenValue, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        foreach (var prefix in TokenPrefixes)
        {
            if (tokenValue.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
