namespace SipCube.MediaNode.Sip;

/// <summary>Log messages of the SIP hosting (event ids 3100-3109).</summary>
internal static partial class SipHostingLog
{
    [LoggerMessage(3100, LogLevel.Critical, "SIP endpoint could not bind its ports ({Error}); SIP is not served by this node")]
    public static partial void BindFailed(ILogger logger, string error, Exception exception);
}
