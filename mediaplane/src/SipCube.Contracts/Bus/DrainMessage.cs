namespace SipCube.Contracts.Bus;

/// <summary>A node stops taking new calls and drains (scale-in); <see cref="NodeId"/> null means every node.</summary>
/// <param name="NodeId">The node to drain, or null for all.</param>
public sealed record DrainMessage(string? NodeId) : ControlMessage
{
    /// <summary>JSON discriminator and bus subject.</summary>
    public const string TypeName = "drain";
}
