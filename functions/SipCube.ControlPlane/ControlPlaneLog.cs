using Microsoft.Extensions.Logging;

namespace SipCube.ControlPlane;

/// <summary>Source-generated log messages of the control plane (event ids 1100-1199).</summary>
internal static partial class ControlPlaneLog
{
    [LoggerMessage(1100, LogLevel.Debug, "Unauthorized call of {Route} from {Remote}")]
    public static partial void Unauthorized(ILogger logger, string route, string? remote);

    [LoggerMessage(1101, LogLevel.Warning, "Storage unavailable while handling {Route}")]
    public static partial void StorageUnavailable(ILogger logger, string route, Exception exception);

    [LoggerMessage(1102, LogLevel.Error, "Handler {Route} failed")]
    public static partial void HandlerFailed(ILogger logger, string route, Exception exception);

    [LoggerMessage(1110, LogLevel.Information, "Mapping {SipUri} {Kind}")]
    public static partial void MappingChanged(ILogger logger, string sipUri, string kind);

    [LoggerMessage(1120, LogLevel.Debug, "CDR {CallId} rejected: {Reason}")]
    public static partial void CdrRejected(ILogger logger, string callId, string reason);

    [LoggerMessage(1121, LogLevel.Debug, "CDR {CallId} was already stored")]
    public static partial void CdrDuplicate(ILogger logger, string callId);

    [LoggerMessage(1130, LogLevel.Warning, "Mapping change listener failed")]
    public static partial void ChangeListenerFailed(ILogger logger, Exception exception);

    [LoggerMessage(1131, LogLevel.Information, "Mapping cache marked stale ({Entries} entries): each reloads from the store on next use")]
    public static partial void MappingCacheMarkedStale(ILogger logger, int entries);

    [LoggerMessage(1132, LogLevel.Warning, "Mapping store failed; serving the cached mapping of {Key}")]
    public static partial void MappingServedStale(ILogger logger, string key, Exception exception);
}
