using System.Text.Json.Serialization;

namespace SipCube.Contracts.Mappings;

/// <summary>Kind of <see cref="MappingChanged"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MappingChangeKind>))]
public enum MappingChangeKind
{
    /// <summary>A new mapping.</summary>
    Created = 1,

    /// <summary>An existing mapping changed.</summary>
    Updated = 2,

    /// <summary>The mapping is gone.</summary>
    Deleted = 3,
}
