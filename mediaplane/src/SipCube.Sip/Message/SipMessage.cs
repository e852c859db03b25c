namespace SipCube.Sip.Message;

/// <summary>
/// A SIP request or response: start line, ordered header fields and a body of bytes.
/// </summary>
/// <remarks>
/// RFC 3261 §7. Headers are kept in order as received; the stack reads the ones it needs through
/// <see cref="Get(SipHeaderKind)"/> and the typed parsers (<see cref="ViaHeader"/>, <see cref="NameAddress"/>,
/// <see cref="CSeqHeader"/>). Bodies are opaque bytes plus Content-Type: the SIP layer never parses SDP.
/// </remarks>
public sealed partial class SipMessage
{
    private SipMessage(string? method, string? requestUri, int statusCode, string? reasonPhrase)
    {
        Method = method;
        RequestUri = requestUri;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    /// <summary>Request method (null for responses).</summary>
    public string? Method { get; }

    /// <summary>Request-URI as received (null for responses).</summary>
    public string? RequestUri { get; }

    /// <summary>Status code (0 for requests).</summary>
    public int StatusCode { get; }

    /// <summary>Reason phrase (null for requests).</summary>
    public string? ReasonPhrase { get; }

    /// <summary>True for requests.</summary>
    public bool IsRequest => Method is not null;

    /// <summary>Header fields in wire order.</summary>
    public List<SipHeaderField> Headers { get; } = new(12);

    /// <summary>The message body (Content-Length is derived from it when serializing).</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Creates a request.</summary>
    public static SipMessage CreateRequest(string method, string requestUri) => new(method, requestUri, 0, null);

    /// <summary>Creates a response.</summary>
    public static SipMessage CreateResponse(int statusCode, string reasonPhrase) => new(null, null, statusCode, reasonPhrase);

    /// <summary>First value of a known header, or null.</summary>
    public string? Get(SipHeaderKind kind)
    {
        foreach (var header in Headers)
        {
            if (header.Kind == kind)
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>First value of a header by name (any header, any case), or null.</summary>
    public string? Get(string name)
    {
        var kind = SipHeaderNames.Lookup(name.AsSpan());
        foreach (var header in Headers)
        {
            if (header.Kind == kind && (kind != SipHeaderKind.Other || string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return header.Value;
            }
        }

        return null;
    }

    /// <summary>Every comma-separated value of every header line of <paramref name="kind"/>, in order.</summary>
    public IEnumerable<string> GetAll(SipHeaderKind kind)
    {
        foreach (var header in Headers)
        {
            if (header.Kind != kind)
            {
                continue;
            }

            foreach (var part in HeaderValueSplitter.SplitCommas(header.Value))
            {
                yield return part;
            }
        }
    }

    /// <summary>Each header line of <paramref name="kind"/> as one value (for headers whose values contain commas, like WWW-Authenticate).</summary>
    public List<string> GetAllLines(SipHeaderKind kind)
    {
        var values = new List<string>(2);
        foreach (var header in Headers)
        {
            if (header.Kind == kind)
            {
                values.Add(header.Value);
            }
        }

        return values;
    }

    /// <summary>Count of header lines of <paramref name="kind"/>.</summary>
    public int Count(SipHeaderKind kind)
    {
        var count = 0;
        foreach (var header in Headers)
        {
            if (header.Kind == kind)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Appends a header.</summary>
    public SipMessage Add(SipHeaderKind kind, string value)
    {
        Headers.Add(new SipHeaderField(kind, value));
        return this;
    }

    /// <summary>Appends a header by name.</summary>
    public SipMessage Add(string name, string value)
    {
        Headers.Add(new SipHeaderField(name, value));
        return this;
    }

    /// <summary>Replaces all headers of <paramref name="kind"/> with one value at the first one's position.</summary>
    public SipMessage Set(SipHeaderKind kind, string value)
    {
        var index = Headers.FindIndex(h => h.Kind == kind);
        Headers.RemoveAll(h => h.Kind == kind);
        var field = new SipHeaderField(kind, value);
        if (index < 0 || index > Headers.Count)
        {
            Headers.Add(field);
        }
        else
        {
            Headers.Insert(index, field);
        }

        return this;
    }

    /// <summary>Removes all headers of <paramref name="kind"/>.</summary>
    public void Remove(SipHeaderKind kind) => Headers.RemoveAll(h => h.Kind == kind);


    /// <summary>Semantic equality: start line, headers in order, body bytes.</summary>
    public bool ContentEquals(SipMessage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Method != other.Method || RequestUri != other.RequestUri || StatusCode != other.StatusCode
            || ReasonPhrase != other.ReasonPhrase || !Body.Span.SequenceEqual(other.Body.Span))
        {
            return false;
        }

        var mine = Headers.Where(h => h.Kind != SipHeaderKind.ContentLength).ToList();
        var theirs = other.Headers.Where(h => h.Kind != SipHeaderKind.ContentLength).ToList();
        return mine.SequenceEqual(theirs);
    }

    /// <inheritdoc/>
    public override string ToString() => IsRequest ? $"{Method} {RequestUri}" : $"{StatusCode} {ReasonPhrase}";
}
