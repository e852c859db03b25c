using SipCube.Calls.Ports;

namespace SipCube.Calls;

/// <summary>
/// The one table that maps every way a call can end, in both directions.
/// </summary>
/// <remarks>
/// <code>
///  reason             result         SIP (unanswered    app (unanswered   CDR cause
///                                    INVITE from phone) call from app)
///  NormalClearing     success        BYE (answered)     hangUp            normal_clearing
///  Busy               success        486 Busy Here      reject busy       busy
///  Declined           success        603 Decline        reject            rejected
///  Cancelled          success        487 / CANCEL       hangUp            cancelled
///  NoAnswer           success        480                hangUp            no_answer
///  Unavailable        success        480                reject            unavailable
///  NotFound           client_error   404                reject            not_found
///  Forbidden          client_error   403                reject            forbidden
///  IncompatibleMedia  client_error   488                reject            incompatible_media
///  MediaTimeout       indeterminate  BYE (answered)     hangUp            media_timeout
///  UpstreamFailure    upstream_error 503                hangUp            upstream_error
///  InternalError      server_error   500                hangUp            internal_error
///  NodeShutdown       success        503                hangUp            node_shutdown
/// </code>
/// Answered calls always end with BYE on SIP and hangUp on the app; outbound INVITEs still pending get CANCEL
/// (RFC 3261 §9.1) and the app leg we placed gets hangUp (the ConnectyCube caller's way to give up).
/// Inbound: <see cref="FromSipStatus"/> and <see cref="FromAppReject"/> map the far end's answers to a reason.
/// </remarks>
public static class TerminationTable
{
    private static readonly TerminationRow[] Rows =
    [
        new(TerminationReason.NormalClearing, TerminationResult.Success, 200, "OK", AppEnding.HangUp, "normal_clearing"),
        new(TerminationReason.Busy, TerminationResult.Success, 486, "Busy Here", AppEnding.RejectBusy, "busy"),
        new(TerminationReason.Declined, TerminationResult.Success, 603, "Decline", AppEnding.Reject, "rejected"),
        new(TerminationReason.Cancelled, TerminationResult.Success, 487, "Request Terminated", AppEnding.HangUp, "cancelled"),
        new(TerminationReason.NoAnswer, TerminationResult.Success, 480, "Temporarily Unavailable", AppEnding.HangUp, "no_answer"),
        new(TerminationReason.Unavailable, TerminationResult.Success, 480, "Temporarily Unavailable", AppEnding.Reject, "unavailable"),
        new(TerminationReason.NotFound, TerminationResult.ClientError, 404, "Not Found", AppEnding.Reject, "not_found"),
        new(TerminationReason.Forbidden, TerminationResult.ClientError, 403, "Forbidden", AppEnding.Reject, "forbidden"),
        new(TerminationReason.IncompatibleMedia, TerminationResult.ClientError, 488, "Not Acceptable Here", AppEnding.Reject, "incompatible_media"),
        new(TerminationReason.MediaTimeout, TerminationResult.Indeterminate, 408, "Request Timeout", AppEnding.HangUp, "media_timeout"),
        new(TerminationReason.UpstreamFailure, TerminationResult.UpstreamError, 503, "Service Unavailable", AppEnding.HangUp, "upstream_error"),
        new(TerminationReason.InternalError, TerminationResult.ServerError, 500, "Server Internal Error", AppEnding.HangUp, "internal_error"),
        new(TerminationReason.NodeShutdown, TerminationResult.Success, 503, "Service Unavailable", AppEnding.HangUp, "node_shutdown"),
    ];

    /// <summary>All rows, in enum order.</summary>
    public static IReadOnlyList<TerminationRow> All => Rows;

    /// <summary>The row of <paramref name="reason"/>.</summary>
    public static TerminationRow Get(TerminationReason reason)
    {
        var index = (int)reason - 1;
        if ((uint)index >= (uint)Rows.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a termination reason.");
        }

        return Rows[index];
    }

    /// <summary>Maps a final non-2xx response from a phone to a reason (RFC 3261 §21).</summary>
    public static TerminationReason FromSipStatus(int status) => status switch
    {
        486 or 600 => TerminationReason.Busy,
        603 => TerminationReason.Declined,
        404 or 604 => TerminationReason.NotFound,
        403 => TerminationReason.Forbidden,
        487 => TerminationReason.Cancelled,
        488 or 606 => TerminationReason.IncompatibleMedia,
        408 or 480 => TerminationReason.Unavailable,
        >= 500 and < 600 => TerminationReason.UpstreamFailure,
        _ => TerminationReason.Unavailable,
    };

    /// <summary>Maps the app's <c>reject</c> signal to a reason.</summary>
    public static TerminationReason FromAppReject(bool busy) =>
        busy ? TerminationReason.Busy : TerminationReason.Declined;

    /// <summary>The SIP ending for a leg in the given state.</summary>
    public static SipTermination SipEndingFor(TerminationReason reason, bool inbound, bool answered)
    {
        var row = Get(reason);
        if (answered)
        {
            return new SipTermination(SipTerminationKind.Bye, row.SipStatus, row.SipPhrase);
        }

        return inbound
            ? new SipTermination(SipTerminationKind.Reject, row.SipStatus, row.SipPhrase)
            : new SipTermination(SipTerminationKind.Cancel, row.SipStatus, row.SipPhrase);
    }

    /// <summary>The app signal for a leg in the given state.</summary>
    public static AppEnding AppEndingFor(TerminationReason reason, bool inbound, bool answered) =>
        answered || !inbound ? AppEnding.HangUp : Get(reason).AppEnding;
}
