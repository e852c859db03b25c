namespace SipCube.ConnectyCube.Emulator.Directory;

/// <summary>Result of a login/email + password check.</summary>
internal enum LoginOutcome
{
    /// <summary>The user exists and the password matched.</summary>
    Matched,

    /// <summary>The user did not exist and was created (the cloud's default).</summary>
    Created,

    /// <summary>The user exists and the password is wrong.</summary>
    WrongPassword,

    /// <summary>The user exists already (sign-up).</summary>
    Taken,
}
