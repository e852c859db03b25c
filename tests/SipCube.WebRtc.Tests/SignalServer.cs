using System.Net;
using System.Text;
using SipCube.Sdp;
using SipCube.Testing;

namespace SipCube.WebRtc.Tests;

/// <summary>
/// A tiny HTTP signalling endpoint on 127.0.0.1 for the browser driver: GET /offer returns our offer,
/// POST /answer applies the browser's answer, POST /offer applies the browser's offer and returns our answer.
/// </summary>
internal sealed class SignalServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly WebRtcPeerConnection pc;
    private readonly Task loop;

    public SignalServer(WebRtcPeerConnection pc)
    {
        this.pc = pc;
        Port = FreePort.Tcp();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    public string? RemoteSdp { get; private set; }

    public string? LocalSdp { get; private set; }

    public void Dispose()
    {
        listener.Close();
        _ = loop.Exception;
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var (status, body) = Handle(context.Request);
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (int Status, string Body) Handle(HttpListenerRequest request)
    {
        if (request.HttpMethod == "GET" && request.Url!.AbsolutePath == "/offer")
        {
            LocalSdp = pc.CreateOffer().ToString();
            return (200, LocalSdp);
        }

        using var reader = new StreamReader(request.InputStream, Encoding.UTF8);
        RemoteSdp = reader.ReadToEnd();
        if (!SdpParser.TryParse(RemoteSdp, out var sdp, out var error))
        {
            return (400, "bad sdp " + error);
        }

        if (!pc.TrySetRemoteDescription(sdp!, out var problem))
        {
            return (400, problem ?? "rejected");
        }

        if (request.Url!.AbsolutePath == "/offer")
        {
            LocalSdp = pc.CreateAnswer().ToString();
            return (200, LocalSdp);
        }

        return (200, "ok");
    }
}
