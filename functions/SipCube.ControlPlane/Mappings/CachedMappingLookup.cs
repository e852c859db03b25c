using System.Collections.Concurrent;
using SipCube.Contracts.Mappings;

namespace SipCube.ControlPlane.Mappings;

/// <summary>
/// <see cref="IMappingLookup"/> over <see cref="IMappingStore"/> with an in-memory cache: a hit costs one dictionary
/// probe and no allocation. Entries (also "no such mapping") expire after a bounded time as a safety net, and are
/// dropped at once on <see cref="Invalidate"/> (local writes through <see cref="MappingChangeFeed"/>, other nodes'
/// writes through the bus).
/// </summary>
/// <remarks>Keys are <c>user@host</c> with the host lowercased: RFC 3261 §19.1.4 comparison.</remarks>
internal sealed class CachedMappingLookup : IMappingLookup
{
    internal static readonly TimeSpan PositiveLifetime = TimeSpan.FromMinutes(5);
    internal static readonly TimeSpan NegativeLifetime = TimeSpan.FromSeconds(30);
    private const int MaxStackKey = 256;

    private readonly IMappingStore _store;
    private readonly CredentialCipher _cipher;
    private readonly TimeProvider _time;
    private readonly ControlPlaneMetrics _metrics;
    private readonly ConcurrentDictionary<string, Entry> _bySip = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _bySipSpan;
    private readonly ConcurrentDictionary<long, Entry> _byConnectyCube = new();
    private long _generation;

    public CachedMappingLookup(IMappingStore store, CredentialCipher cipher, TimeProvider time, ControlPlaneMetrics metrics, MappingChangeFeed feed)
    {
        _store = store;
        _cipher = cipher;
        _time = time;
        _metrics = metrics;
        _bySipSpan = _bySip.GetAlternateLookup<ReadOnlySpan<char>>();
        feed.Changed += Invalidate;
    }

    public ValueTask<MappingIdentity?> FindBySipUriAsync(string user, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(domain);
        var now = _time.GetTimestamp();
        if (user.Length + domain.Length + 1 <= MaxStackKey && !user.Contains('%', StringComparison.Ordinal) && !domain.Contains('[', StringComparison.Ordinal))
        {
            Span<char> key = stackalloc char[user.Length + 1 + domain.Length];
            user.CopyTo(key);
            key[user.Length] = '@';
            domain.AsSpan().ToLowerInvariant(key[(user.Length + 1)..]);
            if (_bySipSpan.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
            {
                _metrics.Lookup("sipUri", hit: true);
                return new ValueTask<MappingIdentity?>(entry.Value);
            }
        }

        return LoadBySipUriAsync(user, domain, cancellationToken);
    }

    public ValueTask<MappingIdentity?> FindByConnectyCubeUserIdAsync(long connectyCubeUserId, CancellationToken cancellationToken = default)
    {
        if (_byConnectyCube.TryGetValue(connectyCubeUserId, out var entry) && entry.ExpiresAt > _time.GetTimestamp())
        {
            _metrics.Lookup("connectyCubeUserId", hit: true);
            return new ValueTask<MappingIdentity?>(entry.Value);
        }

        return LoadByConnectyCubeAsync(connectyCubeUserId, cancellationToken);
    }

    public void Invalidate(MappingChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Interlocked.Increment(ref _generation);
        _bySip.TryRemove(KeyOf(change.SipUri), out _);
        if (change.ConnectyCubeUserId is { } id)
        {
            _byConnectyCube.TryRemove(id, out _);
        }

        if (change.PreviousConnectyCubeUserId is { } previous)
        {
            _byConnectyCube.TryRemove(previous, out _);
        }
    }

    private async ValueTask<MappingIdentity?> LoadBySipUriAsync(string user, string domain, CancellationToken cancellationToken)
    {
        _metrics.Lookup("sipUri", hit: false);
        var sipUri = SipAor.Normalize(user, domain);
        if (sipUri is null)
        {
            return null;
        }

        var key = KeyOf(sipUri);
        if (_bySip.TryGetValue(key, out var cached) && cached.ExpiresAt > _time.GetTimestamp())
        {
            return cached.Value;
        }

        var generation = Volatile.Read(ref _generation);
        var identity = ToIdentity(await _store.GetAsync(sipUri, cancellationToken));
        Remember(generation, () => _bySip[key] = NewEntry(identity));
        return identity;
    }

    private async ValueTask<MappingIdentity?> LoadByConnectyCubeAsync(long connectyCubeUserId, CancellationToken cancellationToken)
    {
        _metrics.Lookup("connectyCubeUserId", hit: false);
        var generation = Volatile.Read(ref _generation);
        var identity = ToIdentity(await _store.FindByConnectyCubeUserIdAsync(connectyCubeUserId, cancellationToken));
        Remember(generation, () => _byConnectyCube[connectyCubeUserId] = NewEntry(identity));
        return identity;
    }

    // A change that raced with the store read may have made the value stale: only cache when none happened.
    private void Remember(long generation, Action store)
    {
        if (Volatile.Read(ref _generation) == generation)
        {
            store();
        }
    }

    private Entry NewEntry(MappingIdentity? identity)
    {
        var lifetime = identity is null ? NegativeLifetime : PositiveLifetime;
        return new Entry(identity, _time.GetTimestamp() + (long)(lifetime.TotalSeconds * _time.TimestampFrequency));
    }

    private MappingIdentity? ToIdentity(MappingRecord? record) => record is null
        ? null
        : new MappingIdentity
        {
            SipUri = record.SipUri,
            User = record.User,
            Domain = record.Domain,
            ConnectyCubeUserId = record.ConnectyCubeUserId,
            DisplayName = record.DisplayName,
            Ha1Md5 = record.Ha1Md5,
            Ha1Sha256 = record.Ha1Sha256,
            ConnectyCube = _cipher.Open(record.SipUri, record.ConnectyCubeSecret),
        };

    private static string KeyOf(string sipUri) => sipUri.StartsWith("sip:", StringComparison.Ordinal) ? sipUri[4..] : sipUri;

    private sealed record Entry(MappingIdentity? Value, long ExpiresAt);
}
