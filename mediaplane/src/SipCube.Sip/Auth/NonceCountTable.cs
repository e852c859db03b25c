using System.Collections.Concurrent;

namespace SipCube.Sip.Auth;

/// <summary>
/// The last nonce-count seen per nonce, with memory bounded by expiry and by a cap.
/// </summary>
/// <remarks>
/// RFC 7616 §3.4 (and RFC 2617 §3.2.2): nc must grow for a given nonce, otherwise it is a replay. State
/// for a nonce lives no longer than the nonce itself. When the cap is reached the oldest-issued tenth is
/// evicted and a floor is raised: an unknown nonce issued at or before the floor is answered as stale
/// (the phone re-authenticates with a fresh nonce), so an evicted nonce can never be replayed.
/// </remarks>
internal sealed class NonceCountTable
{
    private readonly ConcurrentDictionary<string, (int Count, long Issued)> _counts = new(StringComparer.Ordinal);
    private readonly int _capacity;
    private readonly long _lifetimeMs;
    private readonly Lock _evictLock = new();
    private long _floor = long.MinValue;
    private long _nextSweep;

    public NonceCountTable(int capacity, TimeSpan lifetime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 16);
        _capacity = capacity;
        _lifetimeMs = (long)lifetime.TotalMilliseconds;
    }

    /// <summary>Nonces tracked now.</summary>
    public int Count => _counts.Count;

    /// <summary>Records <paramref name="nc"/> for <paramref name="nonce"/> (issued at <paramref name="issuedMs"/>).</summary>
    public DigestOutcome Accept(string nonce, long issuedMs, int nc, long nowMs)
    {
        SweepExpired(nowMs);
        while (true)
        {
            if (!_counts.TryGetValue(nonce, out var last))
            {
                if (issuedMs <= Volatile.Read(ref _floor))
                {
                    return DigestOutcome.Stale;
                }

                if (_counts.Count >= _capacity)
                {
                    Evict(nowMs);
                    continue;
                }

                if (_counts.TryAdd(nonce, (nc, issuedMs)))
                {
                    return DigestOutcome.Authenticated;
                }

                continue;
            }

            if (nc <= last.Count)
            {
                return DigestOutcome.Rejected;
            }

            if (_counts.TryUpdate(nonce, (nc, issuedMs), last))
            {
                return DigestOutcome.Authenticated;
            }
        }
    }

    private void SweepExpired(long nowMs)
    {
        var next = Interlocked.Read(ref _nextSweep);
        if (nowMs < next || Interlocked.CompareExchange(ref _nextSweep, nowMs + 10_000, next) != next)
        {
            return;
        }

        RemoveExpired(nowMs);
    }

    private void RemoveExpired(long nowMs)
    {
        foreach (var (nonce, state) in _counts)
        {
            if (state.Issued + _lifetimeMs < nowMs)
            {
                _counts.TryRemove(nonce, out _);
            }
        }
    }

    private void Evict(long nowMs)
    {
        lock (_evictLock)
        {
            if (_counts.Count < _capacity)
            {
                return;
            }

            RemoveExpired(nowMs);
            if (_counts.Count < _capacity * 9 / 10)
            {
                return;
            }

            var snapshot = _counts.ToArray();
            Array.Sort(snapshot, static (a, b) => a.Value.Issued.CompareTo(b.Value.Issued));
            var evict = Math.Max(1, snapshot.Length / 10);
            var floor = snapshot[evict - 1].Value.Issued;

            // Everything issued at or before the floor goes, so no tracked nonce is older than the floor.
            foreach (var (nonce, state) in snapshot)
            {
                if (state.Issued > floor)
                {
                    break;
                }

                _counts.TryRemove(nonce, out _);
            }

            Volatile.Write(ref _floor, Math.Max(Volatile.Read(ref _floor), floor));
        }
    }
}
