using SipCube.Contracts.Mappings;

namespace SipCube.Contracts.Bus;

/// <summary>
/// A mapping was created, updated or deleted: every node passes <see cref="Change"/> to its
/// <see cref="IMappingLookup.Invalidate"/> so the next lookup reloads from the store.
/// </summary>
/// <param name="Change">The change as raised by the control plane's store.</param>
public sealed record MappingChangedMessage(MappingChanged Change) : ControlMessage
{
    /// <summary>JSON discriminator and bus subject.</summary>
    public const string TypeName = "mappingChanged";
}
