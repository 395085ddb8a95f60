using System.Diagnostics.CodeAnalysis;

namespace Everest.Site.EverestApi;

/// <summary>The outcome of decoding one MQTT message: a typed message or a rejection, never an exception.</summary>
public sealed record EverestDecodeResult
{
    private EverestDecodeResult(EverestMessage? message, EverestMessageRejection? rejection)
    {
        Message = message;
        Rejection = rejection;
    }

    public EverestMessage? Message { get; }

    public EverestMessageRejection? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsSuccess => Message is not null;

    public static EverestDecodeResult Success(EverestMessage message) => new(message ?? throw new ArgumentNullException(nameof(message)), null);

    public static EverestDecodeResult Rejected(EverestMessageRejection rejection) => new(null, rejection ?? throw new ArgumentNullException(nameof(rejection)));
}
