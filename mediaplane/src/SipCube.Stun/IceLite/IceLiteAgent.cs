using System.Net;
using System.Security.Cryptography;

namespace SipCube.Stun.IceLite;

/// <summary>
/// The ICE-lite side of one ICE session: answers connectivity checks from the full (controlling) peer,
/// follows its nomination and watches consent. It never sends checks of its own.
/// </summary>
/// <remarks>
/// RFC 8445 §2.5 (lite), §7.3 (responding to checks), §7.3.1.1 (role conflict), §8.2 (nomination);
/// RFC 7675 (consent freshness). The remote address is learned only from checks that passed
/// MESSAGE-INTEGRITY with our password, never from other traffic.
/// <code>
///  datagram ──► FINGERPRINT ok? ──no──► Dropped
///                   │yes
///          Binding request? ──no──► Dropped
///                   │yes
///  USERNAME, MI, ICE-CONTROLL(ING|ED) present? ──no──► 400
///                   │yes
///     USERNAME "ours:theirs" and MI valid? ──no──► 401
///                   │yes
///        carries ICE-CONTROLLED? ──yes──► 487 (a lite agent stays controlled)
///                   │no
///   answer 200 with XOR-MAPPED-ADDRESS; USE-CANDIDATE ──► nominate source
/// </code>
/// </remarks>
public sealed class IceLiteAgent : IDisposable
{
    private readonly TimeProvider time;
    private readonly TimeSpan consentTimeout;
    private readonly Lock gate = new();
    private byte[]? remoteUfrag;
    private ITimer? consentTimer;
    private long lastConsentTimestamp;
    private bool consentLost;

    /// <summary>Creates an agent answering with <paramref name="local"/> credentials.</summary>
    public IceLiteAgent(IceCredentials local, TimeProvider time, TimeSpan? consentTimeout = null)
    {
        Local = local;
        this.time = time;
        this.consentTimeout = consentTimeout ?? TimeSpan.FromSeconds(30);
        TieBreaker = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    }

    /// <summary>Raised when the controlling peer nominates (or renominates) a remote address.</summary>
    public event Action<IPEndPoint>? Nominated;

    /// <summary>Raised once when no valid check arrived for the consent timeout (RFC 7675 §5.1: 30 s).</summary>
    public event Action? ConsentExpired;

    /// <summary>Our credentials.</summary>
    public IceCredentials Local { get; }

    /// <summary>Our tie-breaker (only sent in 487 reasoning, kept for diagnostics).</summary>
    public ulong TieBreaker { get; }

    /// <summary>The address nominated by the controlling agent, or null.</summary>
    public IPEndPoint? NominatedEndPoint { get; private set; }

    /// <summary>The source of the latest authenticated check, or null.</summary>
    public IPEndPoint? LastValidatedEndPoint { get; private set; }

    /// <summary>Where to send: the nominated address, else the latest authenticated one.</summary>
    public IPEndPoint? RemoteEndPoint => NominatedEndPoint ?? LastValidatedEndPoint;

    /// <summary>Sets the peer's ufrag once its description arrives; checks must then name it.</summary>
    public void SetRemoteUfrag(string ufrag) => remoteUfrag = System.Text.Encoding.UTF8.GetBytes(ufrag);

    /// <summary>Starts watching consent; the clock starts now.</summary>
    public void StartConsentTimer()
    {
        lock (gate)
        {
            Volatile.Write(ref lastConsentTimestamp, time.GetTimestamp());
            var period = TimeSpan.FromTicks(Math.Max(consentTimeout.Ticks / 6, TimeSpan.TicksPerMillisecond));
            consentTimer ??= time.CreateTimer(_ => CheckConsent(), null, period, period);
        }
    }

    /// <summary>
    /// Handles a STUN datagram from <paramref name="source"/>, writing any response into
    /// <paramref name="response"/> (at least 128 bytes). Allocation-free unless the remote address changes.
    /// </summary>
    public IceCheckOutcome HandleDatagram(ReadOnlySpan<byte> datagram, IPEndPoint source, Span<byte> response, out int responseLength)
    {
        responseLength = 0;
        if (!StunMessage.TryParse(datagram, out var request, out _) || request.Type != StunMessageType.BindingRequest
            || !request.VerifyFingerprint())
        {
            return IceCheckOutcome.Dropped;
        }

        if (!request.HasUsername || !request.HasMessageIntegrity || (request.IceControlling is null && request.IceControlled is null))
        {
            responseLength = WriteError(response, request.TransactionId, 400, "Bad Request", integrity: false);
            return IceCheckOutcome.BadRequest;
        }

        if (!UsernameMatches(request.Username) || !request.VerifyMessageIntegrity(Local.IntegrityKey))
        {
            responseLength = WriteError(response, request.TransactionId, 401, "Unauthorized", integrity: false);
            return IceCheckOutcome.Unauthorized;
        }

        if (request.IceControlled is not null)
        {
            // A lite agent cannot take the controlling role (RFC 8445 §6.1.1), so it always asks the full peer to switch.
            responseLength = WriteError(response, request.TransactionId, 487, "Role Conflict", integrity: true);
            return IceCheckOutcome.RoleConflict;
        }

        responseLength = WriteSuccess(response, request.TransactionId, source);
        Volatile.Write(ref lastConsentTimestamp, time.GetTimestamp());
        if (!Equals(LastValidatedEndPoint, source))
        {
            LastValidatedEndPoint = source;
        }

        if (!request.UseCandidate)
        {
            return IceCheckOutcome.Answered;
        }

        if (!Equals(NominatedEndPoint, source))
        {
            NominatedEndPoint = source;
            Nominated?.Invoke(source);
        }

        return IceCheckOutcome.Nominated;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (gate)
        {
            consentTimer?.Dispose();
            consentTimer = null;
        }
    }

    private bool UsernameMatches(ReadOnlySpan<byte> username)
    {
        var ours = Local.UfragBytes;
        if (username.Length <= ours.Length || !username.StartsWith(ours) || username[ours.Length] != (byte)':')
        {
            return false;
        }

        var theirs = remoteUfrag;
        return theirs is null || username[(ours.Length + 1)..].SequenceEqual(theirs);
    }

    private int WriteSuccess(Span<byte> response, ReadOnlySpan<byte> transactionId, IPEndPoint source)
    {
        var writer = new StunMessageWriter(response, StunMessageType.BindingSuccess, transactionId);
        writer.AddXorMappedAddress(source.Address, source.Port);
        writer.AddMessageIntegrity(Local.IntegrityKey);
        writer.AddFingerprint();
        return writer.Length;
    }

    private int WriteError(Span<byte> response, ReadOnlySpan<byte> transactionId, int code, string reason, bool integrity)
    {
        var writer = new StunMessageWriter(response, StunMessageType.BindingError, transactionId);
        writer.AddErrorCode(code, reason);
        if (integrity)
        {
            writer.AddMessageIntegrity(Local.IntegrityKey);
        }

        writer.AddFingerprint();
        return writer.Length;
    }

    private void CheckConsent()
    {
        var elapsed = time.GetElapsedTime(Volatile.Read(ref lastConsentTimestamp));
        if (elapsed < consentTimeout)
        {
            return;
        }

        lock (gate)
        {
            if (consentLost)
            {
                return;
            }

            consentLost = true;
            consentTimer?.Dispose();
            consentTimer = null;
        }

        ConsentExpired?.Invoke();
    }
}
