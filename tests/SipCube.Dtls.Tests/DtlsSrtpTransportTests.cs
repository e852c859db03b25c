using SipCube.Testing;

namespace SipCube.Dtls.Tests;

public class DtlsSrtpTransportTests
{
    private static readonly DtlsCertificate ClientCert = DtlsCertificate.Generate(TimeProvider.System);
    private static readonly DtlsCertificate ServerCert = DtlsCertificate.Generate(TimeProvider.System);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(new[] { DtlsSrtpProfile.AeadAes128Gcm, DtlsSrtpProfile.Aes128CmHmacSha1_80 }, new[] { DtlsSrtpProfile.AeadAes128Gcm, DtlsSrtpProfile.Aes128CmHmacSha1_80 }, DtlsSrtpProfile.AeadAes128Gcm)]
    [InlineData(new[] { DtlsSrtpProfile.Aes128CmHmacSha1_80 }, new[] { DtlsSrtpProfile.AeadAes128Gcm, DtlsSrtpProfile.Aes128CmHmacSha1_80 }, DtlsSrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(new[] { DtlsSrtpProfile.AeadAes128Gcm, DtlsSrtpProfile.Aes128CmHmacSha1_80 }, new[] { DtlsSrtpProfile.Aes128CmHmacSha1_80 }, DtlsSrtpProfile.Aes128CmHmacSha1_80)]
    public async Task Handshake_exports_mirrored_srtp_keys(DtlsSrtpProfile[] clientProfiles, DtlsSrtpProfile[] serverProfiles, DtlsSrtpProfile expected)
    {
        using var pair = new Pair(clientProfiles, serverProfiles, ServerCert.Fingerprint, ClientCert.Fingerprint);
        var (client, server) = await pair.RunAsync();

        Assert.Equal(expected, client.Profile);
        Assert.Equal(expected, server.Profile);
        Assert.Equal(client.LocalMasterKey, server.RemoteMasterKey);
        Assert.Equal(client.LocalMasterSalt, server.RemoteMasterSalt);
        Assert.Equal(server.LocalMasterKey, client.RemoteMasterKey);
        Assert.Equal(server.LocalMasterSalt, client.RemoteMasterSalt);
        Assert.NotEqual(client.LocalMasterKey, client.RemoteMasterKey);
        Assert.Equal(DtlsSrtpKeys.SaltLength(expected), client.LocalMasterSalt.Length);
        Assert.NotNull(pair.Client.HandshakeDuration);
    }

    [Fact]
    public async Task Wrong_server_fingerprint_fails_the_client()
    {
        using var pair = new Pair(null, null, ClientCert.Fingerprint, ClientCert.Fingerprint);
        pair.Start();
        await Assert.ThrowsAnyAsync<Exception>(() => pair.Client.Completion.WaitAsync(Limit));
    }

    [Fact]
    public async Task Wrong_client_fingerprint_fails_the_server()
    {
        using var pair = new Pair(null, null, ServerCert.Fingerprint, ServerCert.Fingerprint);
        pair.Start();
        await Assert.ThrowsAnyAsync<Exception>(() => pair.Server.Completion.WaitAsync(Limit));
    }

    [Fact]
    public async Task Handshake_survives_lost_flights_by_retransmitting()
    {
        using var pair = new Pair(null, null, ServerCert.Fingerprint, ClientCert.Fingerprint, dropFirst: [1, 3]);
        var (client, server) = await pair.RunAsync();
        Assert.Equal(client.LocalMasterKey, server.RemoteMasterKey);
        Assert.True(pair.Dropped > 0);
    }

    [Fact]
    public void Certificate_fingerprint_is_sha256_hex_pairs()
    {
        Assert.Matches("^([0-9A-F]{2}:){31}[0-9A-F]{2}$", ServerCert.Fingerprint);
        Assert.NotEqual(ServerCert.Fingerprint, ClientCert.Fingerprint);
        Assert.True(DtlsFingerprint.Matches(ServerCert.Fingerprint.ToLowerInvariant(), ServerCert.Fingerprint));
    }

    private sealed class Pair : IDisposable
    {
        private int sent;

        public Pair(DtlsSrtpProfile[]? clientProfiles, DtlsSrtpProfile[]? serverProfiles, string serverFingerprintSeenByClient, string clientFingerprintSeenByServer, int[]? dropFirst = null)
        {
            Client = new DtlsSrtpTransport(
                Options(ClientCert, DtlsRole.Client, serverFingerprintSeenByClient, clientProfiles),
                d => Forward(d, () => Server!), TestClock.Create());
            Server = new DtlsSrtpTransport(
                Options(ServerCert, DtlsRole.Server, clientFingerprintSeenByServer, serverProfiles),
                d => Forward(d, () => Client), TestClock.Create());

            void Forward(ReadOnlyMemory<byte> datagram, Func<DtlsSrtpTransport> to)
            {
                if (dropFirst is not null && dropFirst.Contains(Interlocked.Increment(ref sent)))
                {
                    Interlocked.Increment(ref dropped);
                    return;
                }

                to().Deliver(datagram.Span);
            }
        }

        private int dropped;

        public int Dropped => dropped;

        public DtlsSrtpTransport Client { get; }

        public DtlsSrtpTransport Server { get; }

        public void Start()
        {
            Server.StartHandshake();
            Client.StartHandshake();
        }

        public async Task<(DtlsSrtpKeys Client, DtlsSrtpKeys Server)> RunAsync()
        {
            Start();
            var keys = await Task.WhenAll(Client.Completion, Server.Completion).WaitAsync(Limit);
            return (keys[0], keys[1]);
        }

        public void Dispose()
        {
            Client.Dispose();
            Server.Dispose();
        }

        private static DtlsSrtpTransportOptions Options(DtlsCertificate cert, DtlsRole role, string remote, DtlsSrtpProfile[]? profiles) => new()
        {
            Certificate = cert,
            Role = role,
            RemoteFingerprint = remote,
            Profiles = profiles ?? [DtlsSrtpProfile.AeadAes128Gcm, DtlsSrtpProfile.Aes128CmHmacSha1_80],
            HandshakeTimeout = TimeSpan.FromSeconds(25),
        };
    }
}
