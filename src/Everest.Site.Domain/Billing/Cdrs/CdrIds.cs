using System.Security.Cryptography;
using System.Text;

namespace Everest.Site.Domain.Billing.Cdrs;

/// <summary>
/// Deterministic CDR ids that fit OCPI (a CDR id is at most 36 characters, a credit's at most 39): an original is
/// its session uuid where that fits, a replacement a name-based UUID of the session uuid and the correction number,
/// and a credit the id it cancels with <c>-C</c> appended.
/// </summary>
public static class CdrIds
{
    private const int MaxLength = 36;

    public static string Original(string sessionUuid)
    {
        ArgumentNullException.ThrowIfNull(sessionUuid);
        return sessionUuid.Length is > 0 and <= MaxLength && sessionUuid.All(c => c is > ' ' and <= '~')
            ? sessionUuid
            : NameBased(sessionUuid, 0);
    }

    /// <param name="revision">1 for the first correction of the session, 2 for the next, …</param>
    public static string Replacement(string sessionUuid, int revision)
    {
        ArgumentNullException.ThrowIfNull(sessionUuid);
        return NameBased(sessionUuid, revision);
    }

    public static string Credit(string creditedCdrId) => creditedCdrId + "-C";

    /// <summary>An RFC 9562 version 8 UUID from a SHA-256 of the name: the same inputs always give the same id.</summary>
    private static string NameBased(string sessionUuid, int revision)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"everest-site/cdr/{sessionUuid}/{revision}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
