namespace SipCube.ConnectyCube.Rest;

/// <summary>A REST call failed; <see cref="Kind"/> classifies it and <see cref="Errors"/> holds the server's messages.</summary>
/// <remarks>connectycube-protocol.md §1.8.</remarks>
public sealed class ConnectyCubeApiException : Exception
{
    /// <summary>Creates an exception.</summary>
    public ConnectyCubeApiException()
        : this(ConnectyCubeErrorKind.Unavailable, 0, [], "ConnectyCube API call failed")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ConnectyCubeApiException(string message)
        : this(ConnectyCubeErrorKind.Unavailable, 0, [], message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public ConnectyCubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = ConnectyCubeErrorKind.Unavailable;
        Errors = [];
    }

    /// <summary>Creates a classified exception.</summary>
    public ConnectyCubeApiException(ConnectyCubeErrorKind kind, int status, IReadOnlyList<string> errors, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Status = status;
        Errors = errors;
    }

    /// <summary>The classification.</summary>
    public ConnectyCubeErrorKind Kind { get; }

    /// <summary>The HTTP status, or 0 when none arrived.</summary>
    public int Status { get; }

    /// <summary>The messages of the error body, field names prefixed (<c>login: has already been taken</c>).</summary>
    public IReadOnlyList<string> Errors { get; }
}
