namespace SipCube.ControlPlane.Mappings;

/// <summary>Result of a conditional store write.</summary>
internal enum MappingWriteOutcome
{
    Ok = 0,

    /// <summary>No mapping with that SIP URI.</summary>
    NotFound,

    /// <summary>The SIP URI already exists (create).</summary>
    DuplicateSipUri,

    /// <summary>Another mapping already uses that ConnectyCube user id.</summary>
    DuplicateConnectyCubeUserId,

    /// <summary>The expected version no longer matches (someone else wrote first).</summary>
    VersionMismatch,
}
