namespace SipCube.Xmpp.Session;

/// <summary>A failure of the XMPP stream: handshake refused, stream error, protocol violation or timeout.</summary>
/// <remarks>RFC 6120 §4.9 (stream errors), §6.5 (SASL failures).</remarks>
public sealed class XmppException : Exception
{
    /// <summary>Creates an exception.</summary>
    public XmppException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public XmppException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public XmppException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception carrying the defined error condition.</summary>
    public XmppException(string message, string condition, bool authenticationFailed)
        : base(message)
    {
        Condition = condition;
        AuthenticationFailed = authenticationFailed;
    }

    /// <summary>The defined condition name, e.g. <c>not-authorized</c>, when the server sent one.</summary>
    public string? Condition { get; }

    /// <summary>True when SASL refused the credentials.</summary>
    public bool AuthenticationFailed { get; }
}
