namespace Everest.Site.Domain.Allocation;

/// <summary>The line the candidates stand in: priority first, then turns, then how long each has waited.</summary>
public sealed partial class SiteAllocator
{
    private readonly AdmissionOrder _order;

    /// <summary>Compares candidate indices of the running allocation; one instance, so sorting allocates nothing.</summary>
    private sealed class AdmissionOrder(SiteAllocator allocator) : IComparer<int>
    {
        public int Compare(int x, int y)
        {
            var a = allocator;
            var byPriority = a._priority[y].CompareTo(a._priority[x]);
            if (byPriority != 0)
            {
                return byPriority;
            }

            var byClass = a._class[x].CompareTo(a._class[y]);
            if (byClass != 0)
            {
                return byClass;
            }

            var byKey = a._sortTicks[x].CompareTo(a._sortTicks[y]);
            return byKey != 0 ? byKey : x.CompareTo(y);
        }
    }
}
