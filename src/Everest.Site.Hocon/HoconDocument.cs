namespace Everest.Site.Hocon;

/// <summary>A loaded and resolved configuration: the tree plus anything the operator should hear about.</summary>
public sealed record HoconDocument(HoconObject Root, IReadOnlyList<HoconWarning> Warnings);
