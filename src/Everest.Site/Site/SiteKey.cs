namespace Everest.Site.Site;

/// <summary>The key of the <see cref="SiteActor"/> in the host's actor registry.</summary>
public sealed class SiteKey;
