namespace SipCube.Sdp;

/// <summary>Why a description was rejected.</summary>
/// <remarks>RFC 8866 §5, §9 (grammar)</remarks>
public enum SdpParseReason
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>Larger than <see cref="SdpParser.MaxSize"/>.</summary>
    TooLarge,

    /// <summary>More than <see cref="SdpParser.MaxLines"/> lines.</summary>
    TooManyLines,

    /// <summary>More than <see cref="SdpParser.MaxMedia"/> m= sections.</summary>
    TooManyMedia,

    /// <summary>A line is not <c>&lt;type&gt;=&lt;value&gt;</c>.</summary>
    BadLine,

    /// <summary>The first line is not <c>v=0</c>.</summary>
    BadVersion,

    /// <summary>The <c>o=</c> line is missing or malformed.</summary>
    BadOrigin,

    /// <summary>A <c>c=</c> line is malformed.</summary>
    BadConnection,

    /// <summary>An <c>m=</c> line is malformed.</summary>
    BadMedia,

    /// <summary>An <c>a=</c> line has an empty name.</summary>
    BadAttribute,
}
