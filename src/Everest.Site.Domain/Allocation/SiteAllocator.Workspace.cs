namespace Everest.Site.Domain.Allocation;

/// <summary>Scratch buffers reused from run to run, so that the hot loops allocate nothing.</summary>
public sealed partial class SiteAllocator
{
    /// <summary>What an EVSE is to this run.</summary>
    private enum Role : byte
    {
        /// <summary>Puts no load on any limit.</summary>
        None,

        /// <summary>Counted at a fixed current it is not commanded to (offline, reserved, meter disagrees).</summary>
        Fixed,

        /// <summary>Wants current and may be given some.</summary>
        Candidate,
    }

    /// <summary>Where an EVSE stands in a fair fill.</summary>
    private enum FillState : byte
    {
        Outside,
        Pending,
        Active,
        Frozen,
    }

    // ---- per limit (constraint) ----

    /// <summary>Number of limits in this run.</summary>
    private int _limitCount;

    /// <summary>Each limit's value with the margin taken off (A, or W for power limits).</summary>
    private double[] _limit = [];

    /// <summary>The load on each limit so far: a real sum, or a phasor sum for phasor limits.</summary>
    private double[] _loadRe = [];
    private double[] _loadIm = [];

    /// <summary>How fast each limit's load grows per ampere of the fill level, during a fair fill.</summary>
    private double[] _slopeRe = [];
    private double[] _slopeIm = [];

    /// <summary>Active members of each limit in the running fair fill (zero means its slope is zero).</summary>
    private int[] _liveMembers = [];

    private LimitKind[] _limitKind = [];
    private string[] _limitName = [];

    /// <summary>Members of each limit (candidates only), as a compressed list: <c>_memberOf[_memberStart[k].._memberStart[k+1]]</c>.</summary>
    private int[] _memberStart = [];
    private int[] _memberEvse = [];
    private double[] _memberRe = [];
    private double[] _memberIm = [];

    // ---- per EVSE ----

    private Role[] _role = [];
    private int[] _phases = [];
    private int[] _priority = [];
    private double[] _min = [];
    private double[] _cap = [];
    private AllocationReason[] _capReason = [];
    private double[] _rate = [];
    private double[] _fixed = [];
    private AllocationReason[] _fixedReason = [];
    private bool[] _admitted = [];
    private bool[] _protected = [];
    private bool[] _excluded = [];
    private EvseMemory[] _memory = [];
    private bool[] _hasMemory = [];
    private int[] _limitedBy = [];
    private int[] _class = [];
    private bool[] _hasGoal = [];
    private double[] _required = [];
    private double[] _laxityH = [];
    private long[] _sortTicks = [];
    private FillState[] _fill = [];
    private int[] _candidates = [];
    private int _candidateCount;

    /// <summary>The limits each EVSE loads, with its coefficient on each: <c>[_termStart[i].._termStart[i+1])</c>.</summary>
    private int[] _termStart = [];
    private int[] _termLimit = [];
    private double[] _termRe = [];
    private double[] _termIm = [];
    private int _termCount;

    // ---- fair-fill scratch ----
    private int[] _group = [];
    private int[] _byActivation = [];
    private double[] _activationKey = [];
    private int[] _byCap = [];
    private double[] _capKey = [];

    // ---- site cache: names and indices that only change with the site ----
    private SiteModel? _cachedSite;
    private string[] _circuitLimitNames = [];
    private string[] _circuitPowerNames = [];
    private int[] _powerLimitOfCircuit = [];
    private Dictionary<string, int>? _phasorEvseIndex;
    private int[] _phasorTermEvse = [];

    private void EnsureEvseCapacity(int n)
    {
        if (_role.Length >= n && _role.Length > 0)
        {
            return;
        }

        var size = Math.Max(n, Math.Max(16, _role.Length * 2));
        _role = new Role[size];
        _phases = new int[size];
        _priority = new int[size];
        _min = new double[size];
        _cap = new double[size];
        _capReason = new AllocationReason[size];
        _rate = new double[size];
        _fixed = new double[size];
        _fixedReason = new AllocationReason[size];
        _admitted = new bool[size];
        _protected = new bool[size];
        _excluded = new bool[size];
        _memory = new EvseMemory[size];
        _hasMemory = new bool[size];
        _limitedBy = new int[size];
        _class = new int[size];
        _hasGoal = new bool[size];
        _required = new double[size];
        _laxityH = new double[size];
        _sortTicks = new long[size];
        _fill = new FillState[size];
        _candidates = new int[size];
        _termStart = new int[size + 1];
        _group = new int[size];
        _byActivation = new int[size];
        _activationKey = new double[size];
        _byCap = new int[size];
        _capKey = new double[size];
    }

    private void EnsureLimitCapacity(int k)
    {
        if (_limit.Length >= k && _limit.Length > 0)
        {
            return;
        }

        var size = Math.Max(k, Math.Max(16, _limit.Length * 2));
        _limit = new double[size];
        _loadRe = new double[size];
        _loadIm = new double[size];
        _slopeRe = new double[size];
        _slopeIm = new double[size];
        _liveMembers = new int[size];
        _limitKind = new LimitKind[size];
        _limitName = new string[size];
        _memberStart = new int[size + 1];
    }

    private static void Grow<T>(ref T[] array, int needed)
    {
        if (array.Length < needed)
        {
            Array.Resize(ref array, Math.Max(needed, array.Length * 2));
        }
    }
}
