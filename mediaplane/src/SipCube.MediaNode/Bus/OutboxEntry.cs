using SipCube.Contracts.Bus;

namespace SipCube.MediaNode.Bus;

/// <summary>A pending CDR in the outbox: its row sequence and the message to send.</summary>
/// <param name="Sequence">Row id; CDRs are sent in this order.</param>
/// <param name="Message">The CDR as it goes on the bus.</param>
internal sealed record OutboxEntry(long Sequence, BusMessage Message);
