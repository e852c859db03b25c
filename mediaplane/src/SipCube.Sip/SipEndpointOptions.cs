using SipCube.Sip.Parsing;
using SipCube.Sip.Transactions;

namespace SipCube.Sip;

/// <summary>Settings of a <see cref="SipEndpoint"/>.</summary>
/// <remarks>RFC 3261 §8.2.2.3 (Require / Supported), §20.35 (Server), §18.2.1.</remarks>
public sealed record SipEndpointOptions
{
    /// <summary>Address (host or IP) put in Via/Contact of requests we originate; null uses the socket address.</summary>
    public string? PublicAddress { get; init; }

    /// <summary>Option tags we support (RFC 3261 §19.2); a Require naming anything else gets 420.</summary>
    public IReadOnlyList<string> SupportedExtensions { get; init; } = [];

    /// <summary>Value of the Server header (null leaves it out).</summary>
    public string? ServerName { get; init; } = "SipCube";

    /// <summary>Transaction timer values.</summary>
    public SipTimerSettings Timers { get; init; } = SipTimerSettings.Default;

    /// <summary>Parser limits for every transport.</summary>
    public SipParserLimits Limits { get; init; } = SipParserLimits.Default;
}
