using SipCube.ConnectyCube;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.ConnectyCube;

/// <summary>
/// One phone's ConnectyCube identity in the pool. It stays logged in while the phone is registered or any call
/// holds it; the pool's lock guards every mutable field.
/// </summary>
internal sealed class PooledIdentity(MappingIdentity phone, string credentialKey)
{
    /// <summary>The phone's mapping (the latest one handed to the pool).</summary>
    public MappingIdentity Phone { get; set; } = phone;

    /// <summary>Login and password fingerprint: a change of credentials means a new login.</summary>
    public string CredentialKey { get; } = credentialKey;

    /// <summary>The running login (REST session, then chat); completes with null when it was given up.</summary>
    public Task<ConnectyCubeChatIdentity?>? Login { get; set; }

    /// <summary>The logged-in identity, once <see cref="Login"/> succeeded.</summary>
    public ConnectyCubeChatIdentity? Identity { get; set; }

    /// <summary>True while the phone has at least one registered binding.</summary>
    public bool Registered { get; set; }

    /// <summary>Live calls using this identity.</summary>
    public int Holds { get; set; }

    /// <summary>True once the pool no longer hands this entry out (released, or replaced by new credentials).</summary>
    public bool Retired { get; set; }

    /// <summary>Our ConnectyCube user id (0 until logged in).</summary>
    public int UserId => Identity?.UserId ?? 0;
}
