using System.Text;

namespace SipCube.Sip.Message;

/// <summary>
/// One header line. The value stays as the bytes received (folding already collapsed to one SP) and
/// becomes a string only when asked for.
/// </summary>
/// <remarks>RFC 3261 §7.3.</remarks>
public readonly struct SipHeaderField : IEquatable<SipHeaderField>
{
    private readonly string? _name;

    /// <summary>Creates a header from bytes.</summary>
    public SipHeaderField(SipHeaderKind kind, string? name, ReadOnlyMemory<byte> rawValue)
    {
        Kind = kind;
        _name = kind == SipHeaderKind.Other ? name : null;
        RawValue = rawValue;
    }

    /// <summary>Creates a header from a string value.</summary>
    public SipHeaderField(string name, string value)
        : this(SipHeaderNames.Lookup(name.AsSpan()), name, Encoding.UTF8.GetBytes(value))
    {
    }

    /// <summary>Creates a known header from a string value.</summary>
    public SipHeaderField(SipHeaderKind kind, string value)
        : this(kind, null, Encoding.UTF8.GetBytes(value))
    {
    }

    /// <summary>The header's kind (Other for headers the stack does not interpret).</summary>
    public SipHeaderKind Kind { get; }

    /// <summary>The name: canonical long form for known headers, as received otherwise.</summary>
    public string Name => _name ?? SipHeaderNames.ToName(Kind);

    /// <summary>The value bytes, without surrounding whitespace.</summary>
    public ReadOnlyMemory<byte> RawValue { get; }

    /// <summary>The value decoded as UTF-8.</summary>
    public string Value => Encoding.UTF8.GetString(RawValue.Span);

    /// <inheritdoc/>
    public bool Equals(SipHeaderField other) => Kind == other.Kind
        && string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase)
        && RawValue.Span.SequenceEqual(other.RawValue.Span);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SipHeaderField other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, StringComparer.OrdinalIgnoreCase.GetHashCode(Name));

    /// <inheritdoc/>
    public override string ToString() => Name + ": " + Value;

    /// <summary>Equality operator.</summary>
    public static bool operator ==(SipHeaderField left, SipHeaderField right) => left.Equals(right);

    /// <summary>Inequality operator.</summary>
    public static bool operator !=(SipHeaderField left, SipHeaderField right) => !left.Equals(right);
}
