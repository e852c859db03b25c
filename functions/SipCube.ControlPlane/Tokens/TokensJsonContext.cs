using System.Text.Json.Serialization;

namespace SipCube.ControlPlane.Tokens;

/// <summary>
/// Source-generated JSON metadata of the token route. Unknown members are refused so a misspelt key
/// (<c>sipURI</c>) gets a 400 naming it instead of "neither field given".
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class TokensJsonContext : JsonSerializerContext;
