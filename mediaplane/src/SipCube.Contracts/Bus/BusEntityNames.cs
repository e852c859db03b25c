namespace SipCube.Contracts.Bus;

/// <summary>Names of the bus entities shared by media nodes and the control plane.</summary>
public static class BusEntityNames
{
    /// <summary>Queue of call detail records, media nodes to the control plane's CdrIngest.</summary>
    public const string CdrQueue = "cdr";

    /// <summary>Topic of control messages, with one subscription per media node.</summary>
    public const string ControlTopic = "control";

    /// <summary>Application property that carries the W3C <c>traceparent</c>.</summary>
    public const string TraceParentProperty = "traceparent";

    /// <summary>Subject of a CDR message.</summary>
    public const string CdrSubject = "cdr";
}
