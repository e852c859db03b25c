using System.Text.Json.Serialization;

namespace SipCube.Contracts.Mappings;

/// <summary>A mapping as the HTTP API returns it: never a password, hash or ConnectyCube credential.</summary>
public sealed record MappingResource
{
    /// <summary>Normalised SIP URI.</summary>
    public required string SipUri { get; init; }

    /// <summary>ConnectyCube user id.</summary>
    public long? ConnectyCubeUserId { get; init; }

    /// <summary>Display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary><c>phone</c> (has a SIP password, registers) or <c>alias</c> (dialled to reach an app user).</summary>
    public required string Role { get; init; }

    /// <summary>True when the bridge holds ConnectyCube credentials for this mapping.</summary>
    public bool HasConnectyCubeCredentials { get; init; }

    /// <summary>Entity tag of this version (also in the <c>ETag</c> header).</summary>
    [JsonPropertyName("etag")]
    public required string ETag { get; init; }

    /// <summary>Creation time (UTC).</summary>
    public DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Last update time (UTC).</summary>
    public DateTimeOffset UpdatedUtc { get; init; }
}
