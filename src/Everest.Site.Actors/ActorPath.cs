using System.Text;

namespace Everest.Site.Actors;

/// <summary>
/// The hierarchical name of an actor (<c>everest://system/user/parent/child</c>) plus the uid of one
/// incarnation: a new actor created later under the same name has a different uid, so references to the
/// old one never reach it.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    internal ActorPath(string systemName)
    {
        Name = systemName;
        Uid = 0;
    }

    private ActorPath(ActorPath parent, string name, long uid)
    {
        Parent = parent;
        Name = name;
        Uid = uid;
    }

    /// <summary>The parent path, or null for the root (whose <see cref="Name"/> is the system name).</summary>
    public ActorPath? Parent { get; }

    public string Name { get; }

    /// <summary>Unique per incarnation within an actor system; 0 for the root and well-known paths.</summary>
    public long Uid { get; }

    /// <summary>Number of elements below the root.</summary>
    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    internal ActorPath Child(string name, long uid) => new(this, name, uid);

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Uid != Uid || !string.Equals(other.Name, Name, StringComparison.Ordinal))
        {
            return false;
        }

        return Parent is null ? other.Parent is null : Parent.Equals(other.Parent);
    }

    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Uid, StringComparer.Ordinal.GetHashCode(Name));

    /// <summary>The path without the uid, e.g. <c>everest://site/user/evse-1</c>.</summary>
    public override string ToString()
    {
        if (Parent is null)
        {
            return "everest://" + Name;
        }

        var builder = new StringBuilder();
        Append(builder);
        return builder.ToString();
    }

    private void Append(StringBuilder builder)
    {
        if (Parent is null)
        {
            builder.Append("everest://").Append(Name);
            return;
        }

        Parent.Append(builder);
        builder.Append('/').Append(Name);
    }
}
