using Microsoft.Extensions.Logging;

namespace SipCube.Calls.Sip;

/// <summary>Source-generated logs of the SIP edge (event ids 3200-3299).</summary>
/// <remarks>Peer misbehaviour logs at Debug (STYLE.md §7).</remarks>
internal static partial class SipCallsLog
{
    [LoggerMessage(3200, LogLevel.Debug, "INVITE {SipCallId} from {Flow} not authorised: {Reason}")]
    public static partial void InviteRefused(ILogger logger, string? sipCallId, string flow, string reason);

    [LoggerMessage(3201, LogLevel.Information, "INVITE {SipCallId} from {Caller} starts call {CallId}")]
    public static partial void InboundCall(ILogger logger, string? sipCallId, string caller, string callId);

    [LoggerMessage(3202, LogLevel.Information, "call {CallId}: INVITE {SipCallId} to {Contact} via {Flow}")]
    public static partial void OutboundInvite(ILogger logger, string callId, string sipCallId, string contact, string flow);

    [LoggerMessage(3203, LogLevel.Debug, "call {CallId}: leg {LegId} {Detail}")]
    public static partial void LegEvent(ILogger logger, string callId, string legId, string detail);

    [LoggerMessage(3204, LogLevel.Warning, "call {CallId}: leg {LegId} failed: {Detail}")]
    public static partial void LegFailed(ILogger logger, string callId, string legId, string detail);

    [LoggerMessage(3205, LogLevel.Debug, "{Method} for unknown dialog {SipCallId} from {Flow}")]
    public static partial void UnknownDialog(ILogger logger, string method, string? sipCallId, string flow);

    [LoggerMessage(3206, LogLevel.Warning, "call {CallId}: leg {LegId} operation {Operation} failed")]
    public static partial void OperationFailed(ILogger logger, string callId, string legId, string operation, Exception exception);

    [LoggerMessage(3207, LogLevel.Information, "call {CallId}: leg {LegId} {Method} answered {Status} after {ElapsedMs:F1} ms")]
    public static partial void Reoffer(ILogger logger, string callId, string legId, string method, int status, double elapsedMs);
}
