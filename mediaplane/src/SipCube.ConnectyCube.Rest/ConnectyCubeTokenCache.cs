using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace SipCube.ConnectyCube.Rest;

/// <summary>
/// One session token per identity, renewed before the server's two-hour sliding expiry, and a retry-once wrapper
/// for calls that meet 401 "Required session does not exist" anyway (the server may drop sessions early).
/// </summary>
/// <remarks>connectycube-protocol.md §1.5.</remarks>
public sealed class ConnectyCubeTokenCache
{
    private readonly ConnectyCubeRestClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates a cache over <paramref name="client"/>.</summary>
    public ConnectyCubeTokenCache(ConnectyCubeRestClient client, TimeProvider? timeProvider = null, ILogger<ConnectyCubeTokenCache>? logger = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>A live session for <paramref name="user"/> (null: the application session), creating one when needed.</summary>
    public async Task<ConnectyCubeSession> GetSessionAsync(ConnectyCubeUserCredentials? user, CancellationToken cancellationToken = default)
    {
        var entry = _entries.GetOrAdd(Key(user), _ => new Entry());
        await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var options = _client.Options;
            if (entry.Session is { } cached && now < entry.LastUsed + options.SessionLifetime - options.RenewBeforeExpiry)
            {
                entry.LastUsed = now;
                return cached with { ExpiresAt = now + options.SessionLifetime };
            }

            var fresh = await _client.CreateSessionAsync(user, cancellationToken).ConfigureAwait(false);
            entry.Session = fresh;
            entry.LastUsed = now;
            return fresh;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>Forgets the cached token of <paramref name="user"/> so the next call creates a new session.</summary>
    public void Invalidate(ConnectyCubeUserCredentials? user)
    {
        if (_entries.TryGetValue(Key(user), out var entry))
        {
            entry.Session = null;
        }
    }

    /// <summary>Runs <paramref name="call"/> with a token; on SessionExpired it creates a new session and retries once.</summary>
    public async Task<T> ExecuteAsync<T>(ConnectyCubeUserCredentials? user, Func<string, CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        var session = await GetSessionAsync(user, cancellationToken).ConfigureAwait(false);
        try
        {
            return await call(session.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (ConnectyCubeApiException ex) when (ex.Kind == ConnectyCubeErrorKind.SessionExpired)
        {
            RestLog.SessionExpired(_logger);
            Invalidate(user);
            session = await GetSessionAsync(user, cancellationToken).ConfigureAwait(false);
            return await call(session.Token, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Key(ConnectyCubeUserCredentials? user) =>
        user is null ? "\0app" : (user.Login ?? "\0" + user.Email) + "\0" + user.Password;

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ConnectyCubeSession? Session { get; set; }

        public DateTimeOffset LastUsed { get; set; }
    }
}
