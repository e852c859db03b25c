using System.Text.Json.Serialization;

namespace SipCube.Contracts.Mappings;

/// <summary>Body of <c>POST /api/mappings</c> and <c>PUT /api/mappings/{sipUri}</c>. Unknown fields are rejected (400).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class MappingWriteRequest
{
    /// <summary>The AOR, <c>sip:user@domain</c> (required on POST; on PUT it may be omitted or must match the path).</summary>
    public string? SipUri { get; set; }

    /// <summary>ConnectyCube user id this SIP URI maps to.</summary>
    public long? ConnectyCubeUserId { get; set; }

    /// <summary>Display name.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Write-only SIP password: only its digest HA1 hashes are stored. Omitted on PUT: the stored hashes stay.</summary>
    public string? SipPassword { get; set; }

    /// <summary>Write-only ConnectyCube credentials, stored encrypted. Omitted on PUT: the stored ones stay.</summary>
    public ConnectyCubeLogin? ConnectyCube { get; set; }
}
