using SipCube.Sip.Message;

namespace SipCube.Sip.Parsing;

/// <summary>The checks a UAS makes before it may answer anything but 400.</summary>
/// <remarks>
/// RFC 3261 §8.1.1 (mandatory To, From, CSeq, Call-ID, Max-Forwards, Via), §8.2 and §16.3 (CSeq method
/// matches the request method: RFC 4475 §3.1.2.14 mismatch01), §7.3.1 (single-valued headers appear
/// once: §3.1.2.12 multi01). Max-Forwards is not required, so RFC 2543 requests (§3.1.3.1 inv2543) pass.
/// </remarks>
public static class SipMessageValidator
{
    private static readonly SipHeaderKind[] Required = [SipHeaderKind.Via, SipHeaderKind.From, SipHeaderKind.To, SipHeaderKind.CallId, SipHeaderKind.CSeq];

    /// <summary>Returns None when the message may be processed, else the first problem found.</summary>
    public static SipParseError Validate(SipMessage message, out int headerIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        headerIndex = 0;
        Span<int> counts = stackalloc int[(int)SipHeaderKind.ReferTo + 1];
        for (var i = 0; i < message.Headers.Count; i++)
        {
            var kind = message.Headers[i].Kind;
            if (++counts[(int)kind] > 1 && SipHeaderNames.IsSingleValued(kind))
            {
                headerIndex = i;
                return SipParseError.DuplicateHeader;
            }
        }

        foreach (var kind in Required)
        {
            if (counts[(int)kind] == 0)
            {
                return SipParseError.MissingHeader;
            }
        }

        return ValidateValues(message);
    }

    private static SipParseError ValidateValues(SipMessage message)
    {
        if (!ValidVias(message))
        {
            return SipParseError.InvalidVia;
        }

        // Parsed through the message's cache: the transaction layer and the registrar read the same values again.
        if (message.CSeq is not { } cseq)
        {
            return SipParseError.InvalidCSeq;
        }

        if (message.IsRequest && cseq.Method != message.Method)
        {
            return SipParseError.CSeqMethodMismatch;
        }

        if (message.FromAddress is null || message.ToAddress is null)
        {
            return SipParseError.InvalidFromOrTo;
        }

        // Checked on the raw bytes: no string is decoded just to be looked at (hot path of every message).
        if (TryRaw(message, SipHeaderKind.MaxForwards, out var maxForwards)
            && (maxForwards.Length is 0 or > 9 || maxForwards.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0))
        {
            return SipParseError.InvalidMaxForwards;
        }

        if (!TryRaw(message, SipHeaderKind.CallId, out var callId) || callId.Trim(" \t"u8).IsEmpty)
        {
            return SipParseError.MissingHeader;
        }

        foreach (var contact in message.GetAll(SipHeaderKind.Contact))
        {
            if (contact != "*" && !NameAddress.TryParse(contact, out _))
            {
                return SipParseError.InvalidContact;
            }
        }

        return SipParseError.None;
    }

    private static bool ValidVias(SipMessage message)
    {
        var first = true;
        foreach (var header in message.Headers)
        {
            if (header.Kind != SipHeaderKind.Via)
            {
                continue;
            }

            // The usual single-valued top Via is parsed once, into the cache the transaction key reads.
            if (first && !header.RawValue.Span.Contains((byte)','))
            {
                first = false;
                if (message.TopVia is null)
                {
                    return false;
                }

                continue;
            }

            first = false;
            foreach (var via in HeaderValueSplitter.SplitCommas(header.Value))
            {
                if (!ViaHeader.TryParse(via, out _))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool TryRaw(SipMessage message, SipHeaderKind kind, out ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < message.Headers.Count; i++)
        {
            if (message.Headers[i].Kind == kind)
            {
                value = message.Headers[i].RawValue.Span;
                return true;
            }
        }

        value = default;
        return false;
    }
}
