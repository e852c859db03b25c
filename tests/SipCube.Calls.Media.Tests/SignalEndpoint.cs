using System.Net;
using System.Text;
using SipCube.Testing;

namespace SipCube.Calls.Media.Tests;

/// <summary>
/// A tiny HTTP endpoint on 127.0.0.1 for the browser driver: each request (method, path, body) goes to the test's
/// handler, whose (status, body) is returned. Stands in for ConnectyCube signalling.
/// </summary>
internal sealed class SignalEndpoint : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Func<string, string, string, Task<(int Status, string Body)>> handler;
    private readonly Task loop;

    public SignalEndpoint(Func<string, string, string, Task<(int Status, string Body)>> handler)
    {
        this.handler = handler;
        var port = FreePort.Tcp();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Url = $"http://127.0.0.1:{port}";
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

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

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            (int Status, string Body) reply;
            try
            {
                reply = await handler(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, body);
            }
            catch (Exception ex) when (ex is IncompatibleMediaException or InvalidOperationException)
            {
                reply = (488, ex.Message);
            }

            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
