using System.Collections.Concurrent;

namespace SipCube.Calls;

/// <summary>
/// The node's live calls: creates each <see cref="CallSession"/> and runs its loop, finds it again by our call id or
/// by an alias the adapters know (the SIP Call-ID, the ConnectyCube session id) so they can post events to it, and
/// drains them all on shutdown (every call ends as <see cref="TerminationReason.NodeShutdown"/>, with its CDR).
/// </summary>
public sealed class CallRegistry
{
    private readonly ConcurrentDictionary<string, CallSession> calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CallSession> aliases = new(StringComparer.Ordinal);
    private readonly CallSessionServices services;
    private volatile bool draining;
    private volatile bool accepting = true;

    /// <summary>Creates a registry whose calls share <paramref name="services"/>.</summary>
    public CallRegistry(CallSessionServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        this.services = services;
    }

    /// <summary>Live calls.</summary>
    public int Count => calls.Count;

    /// <summary>True once <see cref="StopAccepting"/> or <see cref="DrainAsync"/> was called: new calls are refused
    /// (adapters answer 503 / reject).</summary>
    public bool IsDraining => draining || !accepting;

    /// <summary>Refuses new calls from now on and lets live ones finish (a graceful drain's first step).</summary>
    public void StopAccepting() => accepting = false;

    /// <summary>Creates and starts a call; null when draining or when <paramref name="callId"/> is taken. Post the
    /// start event to the returned session's <see cref="CallSession.Sink"/>.</summary>
    public CallSession? TryStart(string callId)
    {
        if (IsDraining)
        {
            return null;
        }

        var session = new CallSession(callId, services);
        if (!calls.TryAdd(callId, session))
        {
            return null;
        }

        _ = RunAsync(session);
        return session;
    }

    /// <summary>Makes <paramref name="session"/> findable by <paramref name="alias"/> until it ends; false when the
    /// alias already points at another live call.</summary>
    public bool TryAddAlias(string alias, CallSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return aliases.TryAdd(alias, session) || (aliases.TryGetValue(alias, out var existing) && existing == session);
    }

    /// <summary>Finds a live call by id or alias.</summary>
    public CallSession? Find(string idOrAlias) =>
        calls.TryGetValue(idOrAlias, out var session) || aliases.TryGetValue(idOrAlias, out session) ? session : null;

    /// <summary>Refuses new calls, ends every live call and waits until each has emitted its CDR.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        draining = true;
        var live = calls.Values.ToList();
        foreach (var session in live)
        {
            session.Sink.Post(new CallEvent.Shutdown());
        }

        await Task.WhenAll(live.Select(s => s.Completion)).WaitAsync(cancellationToken);
    }

    private async Task RunAsync(CallSession session)
    {
        try
        {
            await Task.Run(() => session.RunAsync(CancellationToken.None));
        }
        finally
        {
            // Aliases first: once the id is gone (Count drops) nothing can find the ended call any more.
            foreach (var alias in aliases.Where(a => a.Value == session).Select(a => a.Key).ToList())
            {
                aliases.TryRemove(alias, out _);
            }

            calls.TryRemove(session.CallId, out _);
        }
    }
}
