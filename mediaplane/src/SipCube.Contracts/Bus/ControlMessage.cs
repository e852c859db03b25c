using System.Text.Json.Serialization;

namespace SipCube.Contracts.Bus;

/// <summary>
/// A message on the <c>control</c> topic. Serialized as JSON with a <c>type</c> discriminator
/// through <see cref="BusJsonContext"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(MappingChangedMessage), MappingChangedMessage.TypeName)]
[JsonDerivedType(typeof(ForceLogoutMessage), ForceLogoutMessage.TypeName)]
[JsonDerivedType(typeof(DrainMessage), DrainMessage.TypeName)]
public abstract record ControlMessage
{
    /// <summary>Unique id of this message (the bus MessageId, for duplicate detection).</summary>
    public string Id { get; init; } = Guid.NewGuid().ToString("N");
}
