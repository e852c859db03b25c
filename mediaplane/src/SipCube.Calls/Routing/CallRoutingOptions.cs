namespace SipCube.Calls.Routing;

/// <summary>Routing switches (configuration section <c>SipCube:Routing</c>).</summary>
public sealed class CallRoutingOptions
{
    /// <summary>When true, an all-digits user that matches no mapping is dialled as a ConnectyCube user id.</summary>
    public bool AllowNumericConnectyCubeIds { get; set; }

    /// <summary>Domains this node serves besides each caller's own (the realm of its mapping). A Request-URI in
    /// any other domain is refused with 403: the node never calls an external destination for a phone.</summary>
    public IList<string> LocalDomains { get; } = [];
}
