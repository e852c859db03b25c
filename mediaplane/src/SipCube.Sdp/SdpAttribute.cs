namespace SipCube.Sdp;

/// <summary>One <c>a=</c> line: a property attribute (<c>a=name</c>) or a value attribute (<c>a=name:value</c>).
/// Unknown attributes are kept verbatim so a description round-trips.</summary>
/// <remarks>RFC 8866 §5.13</remarks>
public sealed record SdpAttribute(string Name, string? Value = null)
{
    /// <summary>The text after <c>a=</c>.</summary>
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
