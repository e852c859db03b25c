using SipCube.Contracts.Mappings;

namespace SipCube.Calls.Ports;

/// <summary>Whom the app leg calls and as whom.</summary>
/// <param name="CalleeUserId">ConnectyCube user id to ring.</param>
/// <param name="Caller">The calling phone's mapping; its ConnectyCube identity places the call.</param>
public sealed record AppCallTarget(long CalleeUserId, MappingIdentity Caller);
