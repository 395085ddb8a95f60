namespace Everest.Site.EverestApi;

/// <summary>The <c>{dir}</c> topic segment, seen from the API client module (us).</summary>
public enum MessageDirection
{
    /// <summary><c>m2e</c>: module to EVerest, i.e. we publish.</summary>
    ModuleToEverest,

    /// <summary><c>e2m</c>: EVerest to module, i.e. we receive.</summary>
    EverestToModule,
}
