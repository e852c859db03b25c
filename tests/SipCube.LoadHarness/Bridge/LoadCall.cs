using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using SipCube.Dtls;
using SipCube.Srtp;
using SipCube.Stun;

namespace SipCube.LoadHarness.Bridge;

/// <summary>
/// The app side of one bridged call, as a browser would be: the controlling ICE agent (checks with USERNAME,
/// MESSAGE-INTEGRITY, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE against the node's ICE-lite end), the DTLS client
/// (we answer <c>setup:active</c>), SRTP both ways. <see cref="MediaPacer"/> calls <see cref="Tick"/> to send checks
/// and one RTP packet per 20 ms; <see cref="LoadSocket"/> hands over what comes back through the node and SIPp's echo,
/// and the round trip is taken from the send timestamp carried in the payload. No allocation per packet.
/// </summary>
/// <remarks>RFC 8445 §7.2.4 (checks, nomination), RFC 7675 (consent every 5 s), RFC 5764 §4 (DTLS-SRTP),
/// RFC 3711 (SRTP), RFC 3550 §5.1 (header).</remarks>
internal sealed class LoadCall : IDisposable
{
    /// <summary>First payload bytes of our packets: a tag, then the Stopwatch timestamp of the send.</summary>
    public const uint PayloadMagic = 0x5C0BE10A;

    private const int RtpHeaderSize = 12;
    private static readonly long CheckInterval = Stopwatch.Frequency / 20;
    private static readonly long ConsentInterval = Stopwatch.Frequency * 5;
    private static readonly long FrameInterval = Stopwatch.Frequency / 50;

    private readonly LoadSocket socket;
    private readonly LoadCallSetup setup;
    private readonly LoadMeasurement measurement;
    private readonly CancellationTokenSource stop = new();
    private readonly SocketAddress remote;
    private readonly byte[] stunKey;
    private readonly byte[] sendBuffer = new byte[1500];
    private readonly byte[] checkTransaction = new byte[StunConstants.TransactionIdSize];
    private readonly ulong tieBreaker;
    private readonly uint ssrc;
    private DtlsSrtpTransport? dtls;
    private SrtpContext? srtpIn;
    private SrtpContext? srtpOut;
    private ushort sequence;
    private uint timestamp;
    private uint payloadSequence;
    private long highestReceived = -1;
    private long nextCheck;
    private long nextFrame;
    private int iceDone;
    private volatile bool mediaReady;

    public LoadCall(int index, string sessionId, LoadCallSetup setup, LoadMeasurement measurement, LoadSocket socket)
    {
        Index = index;
        SessionId = sessionId;
        this.setup = setup;
        this.measurement = measurement;
        this.socket = socket;
        remote = setup.Remote.Serialize();
        stunKey = Encoding.UTF8.GetBytes(setup.RemotePassword);
        tieBreaker = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
        ssrc = BinaryPrimitives.ReadUInt32LittleEndian(RandomNumberGenerator.GetBytes(4));
        sequence = (ushort)ssrc;
        Created = Stopwatch.GetTimestamp();
    }

    /// <summary>Order of arrival (the pacer spreads sends by it).</summary>
    public int Index { get; }

    /// <summary>The ConnectyCube session id of the call.</summary>
    public string SessionId { get; }

    /// <summary>When the call was accepted (Stopwatch ticks).</summary>
    public long Created { get; }

    /// <summary>When SRTP was ready (Stopwatch ticks), 0 before.</summary>
    public long MediaReadyAt { get; private set; }

    /// <summary>True once SRTP keys exist and media flows.</summary>
    public bool MediaReady => mediaReady;

    /// <summary>Why the call failed, if it did.</summary>
    public string? Failure { get; private set; }

    /// <summary>RTP packets sent / received in the measurement window (by the send timestamp).</summary>
    public long WindowSent { get; private set; }

    /// <summary>Packets of ours that came back, sent inside the window.</summary>
    public long WindowReceived { get; private set; }

    /// <summary>All RTP packets received that did not carry our payload tag (transcoded media).</summary>
    public long ForeignReceived { get; private set; }

    /// <summary>Tagged packets that came back twice or out of order (not counted as received).</summary>
    public long Duplicates { get; private set; }

    /// <summary>Packets that failed SRTP authentication or replay checks.</summary>
    public long UnprotectFailures { get; private set; }

    /// <summary>Routes the node's datagrams to us; the pacer starts the ICE checks.</summary>
    public void Start()
    {
        nextCheck = Stopwatch.GetTimestamp();
        socket.Route(setup.Remote.Port, this);
    }

    /// <summary>Sends whatever is due at <paramref name="now"/>: an ICE check, or the RTP frame, or a consent check.
    /// Called from the pacer thread only; returns how late the frame left (ticks), -1 when no frame was due.</summary>
    public long Tick(long now)
    {
        if (stop.IsCancellationRequested)
        {
            return -1;
        }

        if (Volatile.Read(ref iceDone) == 0 || !mediaReady)
        {
            if (now >= nextCheck)
            {
                SendCheck(useCandidate: true);
                nextCheck = now + CheckInterval;
            }

            return -1;
        }

        if (now >= nextCheck)
        {
            SendCheck(useCandidate: false);
            nextCheck = now + ConsentInterval;
        }

        if (now < nextFrame)
        {
            return -1;
        }

        var late = now - nextFrame;
        nextFrame += FrameInterval;
        if (late > FrameInterval * 5)
        {
            // Far behind (harness starved): skip the backlog rather than burst it.
            nextFrame = now + FrameInterval;
        }

        SendFrame(now);
        return late;
    }

    public void Dispose()
    {
        stop.Cancel();
        socket.Route(setup.Remote.Port, null);
        dtls?.Dispose();
        srtpIn?.Dispose();
        srtpOut?.Dispose();
    }

    private void SendFrame(long now)
    {
        var buffer = sendBuffer.AsSpan();
        buffer[0] = 0x80;
        buffer[1] = (byte)setup.PayloadType;
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], sequence++);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], timestamp);
        timestamp += (uint)setup.SamplesPerFrame;
        BinaryPrimitives.WriteUInt32BigEndian(buffer[8..], ssrc);
        var payload = buffer.Slice(RtpHeaderSize, setup.Payload.Length);
        setup.Payload.Span.CopyTo(payload);
        if (setup.TaggedPayload)
        {
            BinaryPrimitives.WriteUInt32BigEndian(payload, PayloadMagic);
            BinaryPrimitives.WriteInt64BigEndian(payload[4..], now);
            BinaryPrimitives.WriteUInt32BigEndian(payload[12..], payloadSequence++);
        }

        if (!srtpOut!.TryProtectRtp(buffer, RtpHeaderSize + payload.Length, out var length))
        {
            return;
        }

        if (measurement.InWindow(now))
        {
            WindowSent++;
        }

        Send(buffer[..length]);
    }

    private void SendCheck(bool useCandidate)
    {
        Span<byte> buffer = stackalloc byte[256];
        RandomNumberGenerator.Fill(checkTransaction);
        var writer = new StunMessageWriter(buffer, StunMessageType.BindingRequest, checkTransaction);
        writer.AddText(StunAttributeType.Username, setup.Username);
        writer.AddUInt32(StunAttributeType.Priority, 0x6E0001FF);
        writer.AddUInt64(StunAttributeType.IceControlling, tieBreaker);
        if (useCandidate)
        {
            writer.AddFlag(StunAttributeType.UseCandidate);
        }

        writer.AddMessageIntegrity(stunKey);
        writer.AddFingerprint();
        Send(writer.Written);
    }

    private void Send(ReadOnlySpan<byte> datagram)
    {
        try
        {
            socket.Socket.SendTo(datagram, SocketFlags.None, remote);
        }
        catch (SocketException)
        {
            // A full send buffer drops the packet, as the network would; the loss shows in the counts.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>One datagram from the node's port of this call (called on the receive thread only).</summary>
    public void Handle(Span<byte> datagram)
    {
        if (datagram.Length < 2 || stop.IsCancellationRequested)
        {
            return;
        }

        var first = datagram[0];
        if (first < 4)
        {
            OnStun(datagram);
        }
        else if (first is >= 20 and <= 63)
        {
            dtls?.Deliver(datagram);
        }
        else if (first is >= 128 and <= 191 && (datagram[1] & 0x7F) is < 64 or > 95 && srtpIn is { } context)
        {
            OnRtp(context, datagram);
        }
    }

    private void OnStun(ReadOnlySpan<byte> datagram)
    {
        if (!StunMessage.TryParse(datagram, out var message, out _)
            || message.Type != StunMessageType.BindingSuccess
            || !message.TransactionId.SequenceEqual(checkTransaction)
            || !message.VerifyMessageIntegrity(stunKey)
            || Interlocked.Exchange(ref iceDone, 1) != 0)
        {
            return;
        }

        var transport = new DtlsSrtpTransport(
            new DtlsSrtpTransportOptions { Certificate = setup.Certificate, Role = DtlsRole.Client, RemoteFingerprint = setup.RemoteFingerprint },
            d => Send(d.Span));
        dtls = transport;
        transport.StartHandshake().ContinueWith(OnHandshake, TaskScheduler.Default);
    }

    private void OnHandshake(Task<DtlsSrtpKeys> task)
    {
        if (!task.IsCompletedSuccessfully)
        {
            Failure = "DTLS: " + task.Exception?.InnerException?.Message;
            return;
        }

        var keys = task.Result;
        var profile = (SrtpProfile)(int)keys.Profile;
        srtpIn = new SrtpContext(profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
        srtpOut = new SrtpContext(profile, keys.LocalMasterKey, keys.LocalMasterSalt);
        var now = Stopwatch.GetTimestamp();

        // Spread the calls' send instants over the 20 ms frame, as independent phones would be.
        nextFrame = now + (FrameInterval * (Index % 20) / 20);
        nextCheck = now + ConsentInterval;
        MediaReadyAt = now;
        mediaReady = true;
    }

    private void OnRtp(SrtpContext context, Span<byte> datagram)
    {
        if (context.UnprotectRtp(datagram, datagram.Length, out var plain) != SrtpResult.Ok)
        {
            UnprotectFailures++;
            return;
        }

        var packet = datagram[..plain];
        var headerLength = RtpHeaderSize + (4 * (packet[0] & 0x0F));
        if ((packet[0] & 0x10) != 0 && plain >= headerLength + 4)
        {
            headerLength += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(headerLength + 2)..]));
        }

        var payload = packet[Math.Min(headerLength, plain)..];
        if (payload.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(payload) != PayloadMagic)
        {
            ForeignReceived++;
            measurement.OnForeignPacket(Stopwatch.GetTimestamp());
            return;
        }

        var sent = BinaryPrimitives.ReadInt64BigEndian(payload[4..]);
        long number = BinaryPrimitives.ReadUInt32BigEndian(payload[12..]);
        if (number <= highestReceived)
        {
            Duplicates++;
            return;
        }

        highestReceived = number;
        if (measurement.InWindow(sent))
        {
            WindowReceived++;
            measurement.RoundTrips.Add(Stopwatch.GetTimestamp() - sent);
        }
    }
}
