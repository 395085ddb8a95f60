namespace Everest.Site.Actors.Internal;

/// <summary>The parent of all top-level actors (<c>/user</c>); it handles no messages of its own.</summary>
internal sealed class Guardian : Actor
{
    protected override void OnReceive(object message)
    {
        if (message is not Terminated)
        {
            Unhandled(message);
        }
    }
}
