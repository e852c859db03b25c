namespace SipCube.Sip.Message;

/// <summary>The headers the stack reads on every request, parsed once per message.</summary>
/// <remarks>
/// RFC 3261 §8.2 and §17.2.3 read Via, CSeq, From and To several times per request (validation, transaction
/// key, Via stamping, response building, registrar). Each parsed form is kept with the exact header bytes it came
/// from: when a header is replaced (new bytes), the next access parses again, so the cache can never go stale.
/// The parsed objects are shared: treat them as read-only.
/// </remarks>
public sealed partial class SipMessage
{
    private Parsed<ViaHeader>? _topVia;
    private Parsed<CSeqHeader?>? _cseq;
    private Parsed<NameAddress>? _from;
    private Parsed<NameAddress>? _to;

    /// <summary>The parsed CSeq header, or null when missing or malformed.</summary>
    public CSeqHeader? CSeq => Cached(SipHeaderKind.CSeq, ref _cseq, static header => CSeqHeader.TryParse(header.Value, out var cseq) ? cseq : null);

    /// <summary>The Call-ID, or null.</summary>
    public string? CallId => Get(SipHeaderKind.CallId);

    /// <summary>The topmost Via, or null when missing or malformed (shared: do not modify).</summary>
    public ViaHeader? TopVia => Cached(SipHeaderKind.Via, ref _topVia, static header => ParseFirstVia(header));

    /// <summary>The From header as a name-addr, or null (shared: do not modify).</summary>
    internal NameAddress? FromAddress => Cached(SipHeaderKind.From, ref _from, static header => NameAddress.TryParse(header.Value, out var from) ? from : null);

    /// <summary>The To header as a name-addr, or null (shared: do not modify).</summary>
    internal NameAddress? ToAddress => Cached(SipHeaderKind.To, ref _to, static header => NameAddress.TryParse(header.Value, out var to) ? to : null);

    /// <summary>Replaces the top Via line at <paramref name="index"/> and keeps <paramref name="topVia"/> as its parsed first value.</summary>
    internal void ReplaceTopVia(int index, SipHeaderField field, ViaHeader topVia)
    {
        Headers[index] = field;
        _topVia = new Parsed<ViaHeader>(field.RawValue, topVia);
    }

    private static ViaHeader? ParseFirstVia(SipHeaderField header)
    {
        // One Via value per line is the common case: parse the line without splitting it.
        if (!header.RawValue.Span.Contains((byte)','))
        {
            return ViaHeader.TryParse(header.Value, out var single) ? single : null;
        }

        foreach (var via in HeaderValueSplitter.SplitCommas(header.Value))
        {
            return ViaHeader.TryParse(via, out var parsed) ? parsed : null;
        }

        return null;
    }

    private T? Cached<T>(SipHeaderKind kind, ref Parsed<T>? cache, Func<SipHeaderField, T?> parse)
    {
        foreach (var header in Headers)
        {
            if (header.Kind != kind)
            {
                continue;
            }

            var cached = cache;
            if (cached is not null && cached.Raw.Equals(header.RawValue))
            {
                return cached.Value;
            }

            var value = parse(header);
            cache = new Parsed<T>(header.RawValue, value);
            return value;
        }

        return default;
    }

    // The bytes a value was parsed from (compared by identity: same array, offset and length) and the value.
    private sealed record Parsed<T>(ReadOnlyMemory<byte> Raw, T? Value);
}
