using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace SipCube.Dtls;

/// <summary>
/// One DTLS-SRTP association: runs the DTLS 1.2 handshake (BouncyCastle, on its own thread because its API
/// blocks) over datagrams we feed in, verifies the peer certificate against the SDP fingerprint and exports
/// the SRTP keys. After the handshake it keeps servicing the record layer so a lost final flight is
/// retransmitted (RFC 6347 §4.2.4), and discards application data (WebRTC sends none on this path).
/// </summary>
/// <remarks>RFC 5764 §4 (DTLS-SRTP), RFC 8842 §5 (roles from a=setup), RFC 6347 (DTLS 1.2)</remarks>
public sealed class DtlsSrtpTransport : IDisposable
{
    private readonly DtlsRole role;
    private readonly DtlsHandshakeSettings settings;
    private readonly QueueDatagramTransport transport;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly TaskCompletionSource<DtlsSrtpKeys> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int started;
    private DtlsTransport? established;

    /// <summary>Creates the association; records may be delivered before <see cref="StartHandshake"/>.</summary>
    public DtlsSrtpTransport(DtlsSrtpTransportOptions options, Action<ReadOnlyMemory<byte>> send, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        role = options.Role;
        this.time = time ?? TimeProvider.System;
        this.logger = logger ?? NullLogger.Instance;
        settings = new DtlsHandshakeSettings(options.Certificate, options.RemoteFingerprint, options.Profiles,
            message => DtlsLog.Alert(this.logger, message));
        transport = new QueueDatagramTransport(send);
        HandshakeTimeout = options.HandshakeTimeout;
    }

    /// <summary>Our role in the handshake.</summary>
    public DtlsRole Role => role;

    /// <summary>Limit for the whole handshake.</summary>
    public TimeSpan HandshakeTimeout { get; }

    /// <summary>Time from <see cref="StartHandshake"/> to the exported keys, once done.</summary>
    public TimeSpan? HandshakeDuration { get; private set; }

    /// <summary>Completes with the SRTP keys, or faults when the handshake fails or times out.</summary>
    public Task<DtlsSrtpKeys> Completion => completion.Task;

    /// <summary>Feeds a received DTLS datagram (first byte 20..63, RFC 7983).</summary>
    public void Deliver(ReadOnlySpan<byte> datagram) => transport.Enqueue(datagram);

    /// <summary>Starts the handshake thread once; a client sends its ClientHello at once.</summary>
    public Task<DtlsSrtpKeys> StartHandshake()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            var thread = new Thread(Run) { IsBackground = true, Name = "dtls-" + role };
            thread.Start();
        }

        return completion.Task;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        transport.Close();
        completion.TrySetException(new ObjectDisposedException(nameof(DtlsSrtpTransport)));
        try
        {
            established?.Close();
        }
        catch (TlsException)
        {
            // Closing sends close_notify; a peer that is already gone is no reason to fail disposal.
        }
        catch (IOException)
        {
        }
    }

    private void Run()
    {
        var begin = time.GetTimestamp();
        try
        {
            var crypto = new BcTlsCrypto(new SecureRandom());
            DtlsSrtpKeys keys;
            if (role == DtlsRole.Server)
            {
                var server = new TimedTlsServer(crypto, settings, HandshakeTimeout);
                established = new DtlsServerProtocol().Accept(server, transport);
                keys = new DtlsSrtpKeys(server.SelectedProfile!.Value, role, server.KeyingMaterial);
            }
            else
            {
                var client = new TimedTlsClient(crypto, settings, HandshakeTimeout);
                established = new DtlsClientProtocol().Connect(client, transport);
                keys = new DtlsSrtpKeys(client.SelectedProfile!.Value, role, client.KeyingMaterial);
            }

            HandshakeDuration = time.GetElapsedTime(begin);
            DtlsLog.HandshakeDone(logger, role, keys.Profile, HandshakeDuration.Value.TotalMilliseconds);
            completion.TrySetResult(keys);
            ServiceRecords(established);
        }
        catch (Exception ex) when (ex is TlsException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            if (!transport.IsClosed)
            {
                DtlsLog.HandshakeFailed(logger, role, ex.Message);
            }

            completion.TrySetException(ex);
        }
    }

    private void ServiceRecords(DtlsTransport dtls)
    {
        var buffer = new byte[dtls.GetReceiveLimit()];
        while (!transport.IsClosed)
        {
            try
            {
                dtls.Receive(buffer, 0, buffer.Length, 1000);
            }
            catch (Exception ex) when (ex is TlsException or IOException)
            {
                return;
            }
        }
    }

    private sealed class TimedTlsServer(BcTlsCrypto crypto, DtlsHandshakeSettings settings, TimeSpan timeout) : SrtpTlsServerBase(crypto, settings)
    {
        public override int GetHandshakeTimeoutMillis() => (int)timeout.TotalMilliseconds;
    }

    private sealed class TimedTlsClient(BcTlsCrypto crypto, DtlsHandshakeSettings settings, TimeSpan timeout) : SrtpTlsClientBase(crypto, settings)
    {
        public override int GetHandshakeTimeoutMillis() => (int)timeout.TotalMilliseconds;
    }
}
