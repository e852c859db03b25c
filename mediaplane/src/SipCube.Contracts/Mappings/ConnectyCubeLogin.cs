using System.Text.Json.Serialization;

namespace SipCube.Contracts.Mappings;

/// <summary>Write-only <c>connectyCube</c> object of a mapping: the identity the bridge logs in as.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ConnectyCubeLogin
{
    /// <summary>ConnectyCube login.</summary>
    public string? Login { get; set; }

    /// <summary>ConnectyCube password.</summary>
    public string? Password { get; set; }
}
