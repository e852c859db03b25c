namespace SipCube.ControlPlane.Mappings;

/// <summary>Why a string is not an acceptable mapping AOR (each limit has its own reason).</summary>
internal enum SipAorError
{
    None = 0,
    Empty,
    TooLong,
    NotSipScheme,
    MissingUser,
    InvalidUserCharacter,
    InvalidEscape,
    UserTooLong,
    MissingHost,
    InvalidHost,
    HostTooLong,
    PortOrParametersNotAllowed,
}
