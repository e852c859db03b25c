using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SipCube.Media.Codecs;

namespace SipCube.Calls.Media.Tests;

/// <summary>
/// A plain RTP "phone" on 127.0.0.1: every 20 ms it sends one frame (PCMU of a 1 kHz tone, or an Opus silence frame)
/// to the bridge and records every packet it receives.
/// </summary>
internal sealed class TonePhone : IAsyncDisposable
{
    /// <summary>An Opus packet (TOC 0xF8: CELT fullband 20 ms, one frame) that decodes to silence (RFC 6716 §3.1).</summary>
    private static readonly byte[] OpusSilence = [0xF8, 0xFF, 0xFE];
    private readonly Socket socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource stop = new();
    private readonly Thread receiver;
    private Task? sender;

    public TonePhone()
    {
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        receiver = new Thread(Receive) { IsBackground = true };
        receiver.Start();
    }

    public int Port => ((IPEndPoint)socket.LocalEndPoint!).Port;

    public ConcurrentQueue<byte[]> Received { get; } = new();

    public int Sent { get; private set; }

    /// <summary>Starts sending to <paramref name="target"/> with payload type <paramref name="payloadType"/>.</summary>
    public void Start(IPEndPoint target, byte payloadType, bool opus) => sender = Task.Run(() => SendAsync(target, payloadType, opus));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (sender is not null)
        {
            await sender.WaitAsync(TimeSpan.FromSeconds(5));
        }

        socket.Dispose();
        stop.Dispose();
    }

    private async Task SendAsync(IPEndPoint target, byte payloadType, bool opus)
    {
        var pcm = new short[160];
        var frame = new byte[160];
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        ushort seq = 1;
        uint timestamp = 0;
        var phase = 0.0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                byte[] payload;
                if (opus)
                {
                    payload = OpusSilence;
                }
                else
                {
                    for (var i = 0; i < pcm.Length; i++, phase += 2 * Math.PI * 1000 / 8000)
                    {
                        pcm[i] = (short)(Math.Sin(phase) * 8000);
                    }

                    G711.EncodeMuLaw(pcm, frame);
                    payload = frame;
                }

                socket.SendTo(RtpPackets.Create(payloadType, seq++, timestamp, 0x5EED, payload, marker: seq == 2), target);
                timestamp += opus ? 960u : 160u;
                Sent++;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Receive()
    {
        var buffer = new byte[2048];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        while (true)
        {
            try
            {
                var n = socket.ReceiveFrom(buffer, ref from);
                Received.Enqueue(buffer[..n]);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
