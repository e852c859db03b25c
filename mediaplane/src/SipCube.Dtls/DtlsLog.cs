using Microsoft.Extensions.Logging;

namespace SipCube.Dtls;

/// <summary>Source-generated log messages of the DTLS library.</summary>
internal static partial class DtlsLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "DTLS handshake done as {Role}: {Profile} in {Milliseconds:F1} ms")]
    public static partial void HandshakeDone(ILogger logger, DtlsRole role, DtlsSrtpProfile profile, double milliseconds);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "DTLS handshake as {Role} failed: {Reason}")]
    public static partial void HandshakeFailed(ILogger logger, DtlsRole role, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "DTLS alert {Alert}")]
    public static partial void Alert(ILogger logger, string alert);
}
