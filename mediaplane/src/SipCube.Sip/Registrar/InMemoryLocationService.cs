using System.Collections.Concurrent;
using SipCube.Sip.Transport;

namespace SipCube.Sip.Registrar;

/// <summary>Location service in memory, with expiry on the injected clock.</summary>
/// <remarks>RFC 3261 §10.3 step 7-8 (bindings expire; a sweep removes them and raises the change event).</remarks>
public sealed class InMemoryLocationService : ILocationService, IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ContactBinding>> _aors = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<SipFlow, int> _flowUse = new();
    private readonly TimeProvider _time;
    private readonly ITimer _sweep;

    /// <summary>Creates the service; expired bindings are swept every <paramref name="sweepInterval"/> (default 30 s).</summary>
    public InMemoryLocationService(TimeProvider time, TimeSpan? sweepInterval = null)
    {
        _time = time;
        var interval = sweepInterval ?? TimeSpan.FromSeconds(30);
        _sweep = time.CreateTimer(_ => Sweep(), null, interval, interval);
    }

    /// <inheritdoc/>
    public event EventHandler<RegistrationChangedEventArgs>? RegistrationChanged;

    /// <summary>Number of bindings held (expired ones included until the next sweep).</summary>
    public int Count => _aors.Values.Sum(b => b.Count);

    /// <inheritdoc/>
    public IReadOnlyList<ContactBinding> GetContacts(string aor)
    {
        if (!_aors.TryGetValue(aor, out var bindings))
        {
            return [];
        }

        // Runs twice per REGISTER: a plain loop, and a sort only when there is something to sort.
        var now = _time.GetUtcNow();
        var live = new List<ContactBinding>(bindings.Count);
        foreach (var (_, binding) in bindings)
        {
            if (binding.ExpiresAt > now)
            {
                live.Add(binding);
            }
        }

        if (live.Count > 1)
        {
            live.Sort(static (a, b) => string.CompareOrdinal(a.Contact, b.Contact));
        }

        return live;
    }

    /// <inheritdoc/>
    public void Upsert(ContactBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var bindings = _aors.GetOrAdd(binding.Aor, _ => new ConcurrentDictionary<string, ContactBinding>(StringComparer.Ordinal));
        RegistrationChange change;
        while (true)
        {
            // Exactly one concurrent writer sees Added, so gauges fed by this event stay exact.
            if (bindings.TryAdd(binding.Contact, binding))
            {
                change = RegistrationChange.Added;
                CountFlow(binding.Flow, 1);
                break;
            }

            if (bindings.TryGetValue(binding.Contact, out var old) && bindings.TryUpdate(binding.Contact, binding, old))
            {
                change = RegistrationChange.Refreshed;
                CountFlow(binding.Flow, 1);
                CountFlow(old.Flow, -1);
                break;
            }
        }

        RegistrationChanged?.Invoke(this, new RegistrationChangedEventArgs(binding, change, null));
    }

    /// <inheritdoc/>
    public bool Remove(string aor, string contact, string reason)
    {
        if (!_aors.TryGetValue(aor, out var bindings) || !bindings.TryRemove(contact, out var removed))
        {
            return false;
        }

        CountFlow(removed.Flow, -1);
        RegistrationChanged?.Invoke(this, new RegistrationChangedEventArgs(removed, RegistrationChange.Removed, reason));
        return true;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ContactBinding> AllBindings()
    {
        var now = _time.GetUtcNow();
        return _aors.Values.SelectMany(b => b.Values).Where(b => b.ExpiresAt > now).ToList();
    }

    /// <summary>True when a binding (expired ones until the next sweep) routes over <paramref name="flow"/>; for
    /// <see cref="SipConnectionOptions.FlowInUse"/> (RFC 5626 §3: the flow is the way back to a NATed phone).</summary>
    public bool HasBindingOn(SipFlow flow) => _flowUse.TryGetValue(flow, out var count) && count > 0;

    /// <summary>Removes expired bindings now.</summary>
    public void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var binding in _aors.Values.SelectMany(b => b.Values).Where(b => b.ExpiresAt <= now).ToList())
        {
            Remove(binding.Aor, binding.Contact, "expired");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _sweep.Dispose();

    private void CountFlow(SipFlow flow, int delta)
    {
        var count = _flowUse.AddOrUpdate(flow, delta, (_, current) => current + delta);
        if (count <= 0)
        {
            _flowUse.TryRemove(new KeyValuePair<SipFlow, int>(flow, count));
        }
    }
}
