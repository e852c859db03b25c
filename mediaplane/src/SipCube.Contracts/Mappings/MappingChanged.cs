namespace SipCube.Contracts.Mappings;

/// <summary>
/// A mapping was created, updated or deleted. Raised in-process by the control plane's store and carried on the
/// bus's <c>control</c> topic so every node's <see cref="IMappingLookup"/> drops stale cache entries.
/// </summary>
/// <param name="SipUri">The normalised SIP URI of the mapping.</param>
/// <param name="ConnectyCubeUserId">The ConnectyCube user id after the change (null when none or deleted).</param>
/// <param name="PreviousConnectyCubeUserId">The ConnectyCube user id before the change (null when none or created).</param>
/// <param name="Kind">What happened.</param>
public sealed record MappingChanged(string SipUri, long? ConnectyCubeUserId, long? PreviousConnectyCubeUserId, MappingChangeKind Kind);
