namespace SipCube.ConnectyCube.Signaling;

/// <summary>A decoded signal, or why there is none.</summary>
public readonly record struct CallSignalParseResult(CallSignal? Signal, CallSignalError? Error)
{
    /// <summary>A success.</summary>
    public static CallSignalParseResult Ok(CallSignal signal) => new(signal, null);

    /// <summary>A refusal.</summary>
    public static CallSignalParseResult Fail(CallSignalError error) => new(null, error);
}
