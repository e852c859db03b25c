namespace SipCube.Calls;

/// <summary>Call timers and identity of the node (configuration section <c>SipCube:Calls</c>).</summary>
public sealed class CallOptions
{
    /// <summary>Time from dialling until the callee must be alerted, else 480 / reject (unavailable).</summary>
    public TimeSpan RingTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Time from dialling until the callee must answer, else 480 / hangUp (no answer).</summary>
    public TimeSpan NoAnswerTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time without media on either leg after which an answered call ends (media timeout).</summary>
    public TimeSpan MediaTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often an answered call checks that media still flows.</summary>
    public TimeSpan MediaCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Id of this media node, written into every CDR.</summary>
    public string MediaNodeId { get; set; } = "local";
}
