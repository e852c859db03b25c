using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Contracts.Mappings;

namespace SipCube.ControlPlane.Mappings;

/// <summary>
/// <see cref="IMappingLookup"/> over <see cref="IMappingStore"/> with an in-memory cache: a hit costs one dictionary
/// probe and no allocation. Entries (also "no such mapping") expire after a bounded time as a safety net, and are
/// dropped at once on <see cref="Invalidate"/> (local writes through <see cref="MappingChangeFeed"/>, other nodes'
/// writes through the bus). After a bus outage <see cref="MarkAllStale"/> makes every entry reload on its next use.
/// While the store fails, an expired or stale entry is served rather than failing the call (it was right a moment ago;
/// an entry removed by a known change is never served).
/// </summary>
/// <remarks>Keys are <c>user@host</c> with the host lowercased: RFC 3261 §19.1.4 comparison.</remarks>
internal sealed class CachedMappingLookup : IMappingLookup, IMappingCacheControl
{
    internal static readonly TimeSpan PositiveLifetime = TimeSpan.FromMinutes(5);
    internal static readonly TimeSpan NegativeLifetime = TimeSpan.FromSeconds(30);
    private const int MaxStackKey = 256;

    private readonly IMappingStore _store;
    private readonly CredentialCipher _cipher;
    private readonly TimeProvider _time;
    private readonly ControlPlaneMetrics _metrics;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _bySip = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _bySipSpan;
    private readonly ConcurrentDictionary<long, Entry> _byConnectyCube = new();
    private long _generation;

    public CachedMappingLookup(IMappingStore store, CredentialCipher cipher, TimeProvider time, ControlPlaneMetrics metrics, MappingChangeFeed feed, ILogger<CachedMappingLookup>? logger = null)
    {
        _store = store;
        _cipher = cipher;
        _time = time;
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
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

    public void MarkAllStale()
    {
        Interlocked.Increment(ref _generation);
        foreach (var (key, entry) in _bySip)
        {
            _bySip.TryUpdate(key, entry with { ExpiresAt = long.MinValue }, entry);
        }

        foreach (var (key, entry) in _byConnectyCube)
        {
            _byConnectyCube.TryUpdate(key, entry with { ExpiresAt = long.MinValue }, entry);
        }

        ControlPlaneLog.MappingCacheMarkedStale(_logger, _bySip.Count + _byConnectyCube.Count);
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
        MappingRecord? record;
        try
        {
            record = await _store.GetAsync(sipUri, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken) && _bySip.TryGetValue(key, out var stale))
        {
            _metrics.LookupServedStale("sipUri");
            ControlPlaneLog.MappingServedStale(_logger, sipUri, ex);
            return stale.Value;
        }

        var identity = ToIdentity(record);
        Remember(generation, () => _bySip[key] = NewEntry(identity));
        return identity;
    }

    private async ValueTask<MappingIdentity?> LoadByConnectyCubeAsync(long connectyCubeUserId, CancellationToken cancellationToken)
    {
        _metrics.Lookup("connectyCubeUserId", hit: false);
        var generation = Volatile.Read(ref _generation);
        MappingRecord? record;
        try
        {
            record = await _store.FindByConnectyCubeUserIdAsync(connectyCubeUserId, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken) && _byConnectyCube.TryGetValue(connectyCubeUserId, out var stale))
        {
            _metrics.LookupServedStale("connectyCubeUserId");
            ControlPlaneLog.MappingServedStale(_logger, connectyCubeUserId.ToString(System.Globalization.CultureInfo.InvariantCulture), ex);
            return stale.Value;
        }

        var identity = ToIdentity(record);
        Remember(generation, () => _byConnectyCube[connectyCubeUserId] = NewEntry(identity));
        return identity;
    }

    // Anything the store throws except our caller giving up: SQLite, Table Storage and network errors alike.
    private static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
        !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested);

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
