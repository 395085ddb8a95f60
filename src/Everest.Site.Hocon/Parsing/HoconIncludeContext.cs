namespace Everest.Site.Hocon.Parsing;

/// <summary>State shared by a file and everything it includes: warnings and the chain of open includes.</summary>
internal sealed class HoconIncludeContext
{
    public List<HoconWarning> Warnings { get; } = [];

    /// <summary>Full paths of the files being read, outermost first, to reject an include cycle.</summary>
    public List<string> OpenFiles { get; } = [];
}
