namespace Everest.Site.EverestApi;

/// <summary>The request type of operations that carry no arguments (e.g. EVerest's <c>get_boot_reason</c>).</summary>
public readonly record struct NoPayload;
