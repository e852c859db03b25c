using Amqp;
using Amqp.Sasl;
using Amqp.Types;

namespace SipCube.ServiceBusBroker;

/// <summary>
/// SASL mechanism <c>MSSBCBS</c>: the SDK sends only sasl-init with no initial response and
/// authenticates later with a <c>$cbs</c> put-token, so the SASL exchange just answers ok.
/// </summary>
internal sealed class CbsSaslProfile() : SaslProfile(Name)
{
    public static readonly Symbol Name = new("MSSBCBS");

    protected override DescribedList GetStartCommand(string hostname) => null!;

    protected override DescribedList OnCommand(DescribedList command) => new SaslOutcome { Code = SaslCode.Ok };

    protected override ITransport UpgradeTransport(ITransport transport) => transport;
}
