using SipCube.Calls;
using SipCube.MediaNode.Observability;

namespace SipCube.MediaNode.Calls;

/// <summary>The drain's view of the call registry: live calls plus CDRs still on their way to the outbox; stopping
/// admission refuses new calls (503), ending the rest gives each its CDR (node-shutdown).</summary>
internal sealed class CallRegistryCounter(CallRegistry registry, CdrCallEvents events) : IActiveCallCounter
{
    public int ActiveCalls => registry.Count + events.PendingPublishes;

    public void StopAccepting() => registry.StopAccepting();

    public async Task EndAllAsync(CancellationToken cancellationToken)
    {
        await registry.DrainAsync(cancellationToken).ConfigureAwait(false);
        while (events.PendingPublishes > 0 && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }
}
