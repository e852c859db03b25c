using SipCube.Calls;
using SipCube.Calls.Ports;
using SipCube.Contracts.Bus;
using SipCube.Contracts.Cdrs;
using SipCube.MediaNode.Bus;

namespace SipCube.MediaNode.Calls;

/// <summary>
/// Hands every finished call's CDR to the durable outbox (<see cref="ICdrPublisher"/>). The call loop does not wait for
/// the write, so the node counts a call as live until its CDR is stored: the drain then never flushes the outbox before
/// the last CDR is in it.
/// </summary>
internal sealed class CdrCallEvents(ICdrPublisher publisher, ILogger<CdrCallEvents> logger) : ICallEvents
{
    private int pending;

    /// <summary>CDRs handed over but not yet stored.</summary>
    public int PendingPublishes => Volatile.Read(ref pending);

    public void CallAnswered(string callId, CallDirection direction) => CallHostingLog.Answered(logger, callId, direction);

    public void CallEnded(CallDetailRecord record, Termination termination)
    {
        ArgumentNullException.ThrowIfNull(record);
        CallHostingLog.Ended(logger, record.CallId, record.TerminationCause, record.SipStatus);
        Interlocked.Increment(ref pending);
        _ = PublishAsync(record);
    }

    private async Task PublishAsync(CallDetailRecord record)
    {
        try
        {
            await publisher.PublishAsync(CdrBusMessage.Create(record), CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a failed outbox write must not take the call loop down; it is logged with the CDR id
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CallHostingLog.CdrNotStored(logger, record.CallId, ex);
        }
        finally
        {
            Interlocked.Decrement(ref pending);
        }
    }
}
