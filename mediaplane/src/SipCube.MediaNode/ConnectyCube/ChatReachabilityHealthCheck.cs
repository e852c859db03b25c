using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SipCube.ConnectyCube;

namespace SipCube.MediaNode.ConnectyCube;

/// <summary>
/// Readiness: the ConnectyCube chat endpoint accepts a TCP connection. A node that cannot reach chat can neither ring
/// apps nor receive their calls, so it must not get new SIP traffic. The result is kept for <see cref="CacheFor"/>, so
/// frequent probes never become a connection storm, and it feeds <c>sipcube.connectycube.chat.disconnected</c>.
/// </summary>
/// <remarks>A TCP connect rather than an XMPP login: it needs no identity and says what readiness asks, "reachable".</remarks>
internal sealed class ChatReachabilityHealthCheck(ConnectyCubeChatOptions chat, ConnectyCubeChatMetrics metrics, TimeProvider time) : IHealthCheck
{
    internal static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);
    internal static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim gate = new(1, 1);
    private (DateTimeOffset At, string? Failure)? last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (last is not { } cached || time.GetUtcNow() - cached.At >= CacheFor)
            {
                var failure = await ProbeAsync(cancellationToken).ConfigureAwait(false);
                metrics.ReportReachability(failure is null);
                cached = (time.GetUtcNow(), failure);
                last = cached;
            }

            return cached.Failure is null
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("ConnectyCube chat unreachable: " + cached.Failure);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        var uri = chat.ChatUrl;
        var port = uri.IsDefaultPort ? (uri.Scheme is "wss" or "https" ? 443 : 80) : uri.Port;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(uri.Host, port, timeout.Token).ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{uri.Host}:{port} did not answer within {ConnectTimeout.TotalSeconds:0} s";
        }
        catch (SocketException ex)
        {
            return $"{uri.Host}:{port} {ex.SocketErrorCode}";
        }
    }
}
