using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.ConnectyCube;
using SipCube.ConnectyCube.Rest;
using SipCube.ConnectyCube.Signaling;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.ConnectyCube;

/// <summary>
/// Keeps the ConnectyCube chat identity of each registered phone logged in: one login per phone however many
/// bindings it has, kept while the phone is registered (<see cref="EnsureLoggedInAsync"/> /
/// <see cref="ReleaseAsync"/>) or while a call uses it (a phone that calls without being registered is logged in
/// on demand for that call). A REST login is retried a bounded number of times; the chat connection itself keeps
/// reconnecting. Passwords and tokens are never logged.
/// </summary>
/// <remarks>connectycube-protocol.md §2.3 (chat credentials), §1.5 (session tokens).</remarks>
public sealed class ConnectyCubeIdentityPool : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, PooledIdentity> bySipUri = new(StringComparer.Ordinal);
    private readonly HashSet<PooledIdentity> live = [];
    private readonly ConnectyCubeTokenCache tokens;
    private readonly ConnectyCubeChatOptions chatOptions;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggerFactory;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Meter? meter;

    /// <summary>Creates an empty pool; identities log in through <paramref name="tokens"/> and
    /// <paramref name="chatOptions"/>.</summary>
    public ConnectyCubeIdentityPool(
        ConnectyCubeTokenCache tokens,
        ConnectyCubeChatOptions chatOptions,
        ConnectyCubeIdentityPoolOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(chatOptions);
        this.tokens = tokens;
        this.chatOptions = chatOptions;
        Options = options ?? new ConnectyCubeIdentityPoolOptions();
        time = timeProvider ?? TimeProvider.System;
        this.loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        logger = this.loggerFactory.CreateLogger<ConnectyCubeIdentityPool>();
        meter = meterFactory?.Create("SipCube.Calls.ConnectyCube");
        meter?.CreateObservableGauge("sipcube.connectycube.identities.logged_in", () => LoggedInCount, "{identity}", "Phone identities with a bound ConnectyCube chat session");
    }

    /// <summary>Phone identities whose chat session is bound right now.</summary>
    public int LoggedInCount
    {
        get
        {
            lock (gate)
            {
                return live.Count(e => e.Identity?.Chat.IsOnline == true);
            }
        }
    }

    internal ConnectyCubeIdentityPoolOptions Options { get; }

    internal event Action<PooledIdentity, CallSignal>? SignalReceived;

    internal event Action<PooledIdentity>? ConnectionLost;

    /// <summary>True when the pool holds a chat session for <paramref name="sipUri"/> that is bound right now.</summary>
    public bool IsLoggedIn(string sipUri)
    {
        lock (gate)
        {
            return bySipUri.TryGetValue(sipUri, out var entry) && entry.Identity?.Chat.IsOnline == true;
        }
    }

    /// <summary>
    /// Call when <paramref name="phone"/> registers (every REGISTER is fine: a phone already logged in costs nothing).
    /// Logs its identity in unless it already is, and keeps it until <see cref="ReleaseAsync"/>. True once the chat
    /// session is bound; false when the mapping has no ConnectyCube credentials, the login was refused or given up,
    /// or chat did not come online within <see cref="ConnectyCubeIdentityPoolOptions.OnlineTimeout"/> (it keeps
    /// trying in the background then). Never throws for server behaviour.
    /// </summary>
    public async Task<bool> EnsureLoggedInAsync(MappingIdentity phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(phone);
        var entry = Enter(phone, register: true, hold: false);
        return entry is not null && await WaitOnlineAsync(entry, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Call when the last binding of <paramref name="sipUri"/> is gone: the identity logs out now, or when
    /// its last call ends. The pool is keyed by <see cref="MappingIdentity.SipUri"/>, so pass that exact string.</summary>
    public async ValueTask ReleaseAsync(string sipUri)
    {
        ArgumentNullException.ThrowIfNull(sipUri);
        PooledIdentity? retire = null;
        lock (gate)
        {
            if (bySipUri.TryGetValue(sipUri, out var entry))
            {
                entry.Registered = false;
                if (entry.Holds == 0)
                {
                    bySipUri.Remove(sipUri);
                    entry.Retired = true;
                    retire = entry;
                }
            }
        }

        if (retire is not null)
        {
            await RetireAsync(retire).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        List<PooledIdentity> all;
        lock (gate)
        {
            all = [.. live];
            foreach (var entry in all)
            {
                entry.Retired = true;
            }

            bySipUri.Clear();
        }

        foreach (var entry in all)
        {
            await RetireAsync(entry).ConfigureAwait(false);
        }

        meter?.Dispose();
        stopping.Dispose();
    }

    /// <summary>The pool's entry for <paramref name="sipUri"/>, if any (diagnostics and tests).</summary>
    internal PooledIdentity? Find(string sipUri)
    {
        lock (gate)
        {
            return bySipUri.GetValueOrDefault(sipUri);
        }
    }

    /// <summary>Logs <paramref name="phone"/>'s identity in if needed and holds it for one call; null when it cannot
    /// be used. Every non-null result must be given back with <see cref="Release"/>.</summary>
    internal async Task<PooledIdentity?> AcquireAsync(MappingIdentity phone, CancellationToken cancellationToken)
    {
        var entry = Enter(phone, register: false, hold: true);
        if (entry is null)
        {
            return null;
        }

        if (await WaitOnlineAsync(entry, cancellationToken).ConfigureAwait(false) is null)
        {
            Release(entry);
            return null;
        }

        return entry;
    }

    /// <summary>Holds an identity that just received a call; false when it is already being logged out.</summary>
    internal bool TryHold(PooledIdentity entry)
    {
        lock (gate)
        {
            if (!live.Contains(entry) || (entry.Retired && entry.Holds == 0))
            {
                return false;
            }

            entry.Holds++;
            return true;
        }
    }

    /// <summary>Gives back one hold; the identity logs out once it is neither registered nor held.</summary>
    internal void Release(PooledIdentity entry)
    {
        lock (gate)
        {
            entry.Holds = Math.Max(0, entry.Holds - 1);
            if (entry.Holds > 0 || (entry.Registered && !entry.Retired))
            {
                return;
            }

            if (bySipUri.TryGetValue(entry.Phone.SipUri, out var current) && current == entry)
            {
                bySipUri.Remove(entry.Phone.SipUri);
            }

            entry.Retired = true;
        }

        _ = RetireAsync(entry);
    }

    private PooledIdentity? Enter(MappingIdentity phone, bool register, bool hold)
    {
        if (phone.ConnectyCube is not { } credentials)
        {
            IdentityPoolLog.NoCredentials(logger, phone.SipUri);
            return null;
        }

        var key = Fingerprint(credentials);
        PooledIdentity? replaced = null;
        PooledIdentity entry;
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                return null;
            }

            if (bySipUri.TryGetValue(phone.SipUri, out var existing) && existing.CredentialKey != key)
            {
                // New credentials: a new login; calls on the old one finish on it.
                bySipUri.Remove(phone.SipUri);
                existing.Retired = true;
                existing.Registered = false;
                replaced = existing.Holds == 0 ? existing : null;
                existing = null;
            }

            entry = existing ?? new PooledIdentity(phone, key);
            bySipUri[phone.SipUri] = entry;
            live.Add(entry);
            entry.Phone = phone;
            entry.Registered |= register;
            entry.Holds += hold ? 1 : 0;
            if (entry.Login is not { } login || (login.IsCompleted && login.Result is null))
            {
                var user = ConnectyCubeUserCredentials.ForLogin(credentials.Login, credentials.Password);
                entry.Login = Task.Run(() => LoginAsync(entry, user));
            }
        }

        if (replaced is not null)
        {
            _ = RetireAsync(replaced);
        }

        return entry;
    }

    private async Task<ConnectyCubeChatIdentity?> WaitOnlineAsync(PooledIdentity entry, CancellationToken cancellationToken)
    {
        var identity = await entry.Login!.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            return null;
        }

        try
        {
            await identity.Chat.WaitOnlineAsync(Options.OnlineTimeout, cancellationToken).ConfigureAwait(false);
            return identity;
        }
        catch (TimeoutException)
        {
            IdentityPoolLog.NotOnline(logger, entry.Phone.SipUri, Options.OnlineTimeout);
            return null;
        }
    }

    private async Task<ConnectyCubeChatIdentity?> LoginAsync(PooledIdentity entry, ConnectyCubeUserCredentials user)
    {
        var sipUri = entry.Phone.SipUri;
        for (var attempt = 1; attempt <= Math.Max(1, Options.LoginAttempts); attempt++)
        {
            try
            {
                var identity = await ConnectyCubeChatIdentity.StartAsync(tokens, user, chatOptions, time, loggerFactory, stopping.Token).ConfigureAwait(false);
                return await AdoptAsync(entry, identity).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return null;
            }
            catch (ConnectyCubeApiException ex) when (ex.Kind is ConnectyCubeErrorKind.Unauthorized or ConnectyCubeErrorKind.Forbidden
                or ConnectyCubeErrorKind.NotFound or ConnectyCubeErrorKind.InvalidRequest)
            {
                IdentityPoolLog.LoginRefused(logger, sipUri, ex.Kind);
                return null;
            }
#pragma warning disable CA1031 // Any failure of one phone's login must leave the pool and the node running.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                IdentityPoolLog.LoginFailed(logger, sipUri, attempt, ex.GetType().Name);
            }

            if (attempt < Options.LoginAttempts)
            {
                try
                {
                    await Task.Delay(Options.RetryDelay * Math.Pow(2, attempt - 1), time, stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }

        IdentityPoolLog.LoginGivenUp(logger, sipUri, Options.LoginAttempts);
        return null;
    }

    private async Task<ConnectyCubeChatIdentity?> AdoptAsync(PooledIdentity entry, ConnectyCubeChatIdentity identity)
    {
        bool unwanted;
        lock (gate)
        {
            entry.Identity = identity;
            unwanted = entry.Retired && entry.Holds == 0;
        }

        identity.Signaling.SignalReceived += signal => SignalReceived?.Invoke(entry, signal);
        identity.Chat.Offline += _ =>
        {
            IdentityPoolLog.ChatLost(logger, entry.Phone.SipUri, identity.UserId);
            ConnectionLost?.Invoke(entry);
        };

        if (unwanted)
        {
            // Released while the login ran: RetireAsync saw no identity yet, so it is ours to close.
            await identity.DisposeAsync().ConfigureAwait(false);
            return null;
        }

        IdentityPoolLog.LoggedIn(logger, entry.Phone.SipUri, identity.UserId);
        return identity;
    }

    private async Task RetireAsync(PooledIdentity entry)
    {
        lock (gate)
        {
            live.Remove(entry);
        }

        var identity = entry.Login is { } login ? await login.ConfigureAwait(false) : null;
        if (identity is null)
        {
            return;
        }

        try
        {
            await identity.DisposeAsync().ConfigureAwait(false);
            IdentityPoolLog.LoggedOut(logger, entry.Phone.SipUri, identity.UserId);
        }
#pragma warning disable CA1031 // Closing a socket that is already broken must not surface anywhere.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            IdentityPoolLog.LogoutFailed(logger, entry.Phone.SipUri, ex.GetType().Name);
        }
    }

    /// <summary>Compares credentials without keeping a second copy of the password around.</summary>
    private static string Fingerprint(ConnectyCubeCredentials credentials) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credentials.Login + "\0" + credentials.Password)));
}
