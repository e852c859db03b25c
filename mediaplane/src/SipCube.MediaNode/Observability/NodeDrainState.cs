namespace SipCube.MediaNode.Observability;

/// <summary>
/// Whether this node is draining (SIGTERM, scale-in, or a <c>drain</c> control message). While draining,
/// <c>/health/ready</c> reports unhealthy so load balancers stop sending, and call admission must answer
/// new INVITEs with 503 + Retry-After (RFC 3261 §21.5.4) while live calls continue.
/// </summary>
internal sealed class NodeDrainState
{
    readonly CancellationTokenSource draining = new();

    /// <summary>True once draining began; never goes back.</summary>
    public bool IsDraining => draining.IsCancellationRequested;

    /// <summary>Cancelled when draining begins (for components that stop accepting work).</summary>
    public CancellationToken Draining => draining.Token;

    /// <summary>Seconds a rejected caller should wait before retrying (Retry-After).</summary>
    public int RetryAfterSeconds { get; init; } = 30;

    /// <summary>Starts draining; idempotent.</summary>
    public void BeginDrain()
    {
        if (!draining.IsCancellationRequested)
        {
            draining.Cancel();
        }
    }
}
