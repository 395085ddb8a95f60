namespace Everest.Site.Testing.Contract;

/// <summary>The folder with the upstream EVerest API specs was not found; the message says where we looked and what to set.</summary>
public sealed class EverestApiSpecsNotFoundException : Exception
{
    public EverestApiSpecsNotFoundException(string message)
        : base(message)
    {
    }

    public EverestApiSpecsNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
