namespace SipCube.Calls;

/// <summary>Thrown by an <see cref="Ports.IMediaBridge"/> when the two sides share no codec; the call ends with
/// 488 / reject (RFC 3264 §6: an answerer that accepts no stream).</summary>
public sealed class IncompatibleMediaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public IncompatibleMediaException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public IncompatibleMediaException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public IncompatibleMediaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
