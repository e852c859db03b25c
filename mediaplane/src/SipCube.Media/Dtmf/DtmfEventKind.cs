namespace SipCube.Media.Dtmf;

/// <summary>What one RFC 4733 event packet means for the event it belongs to.</summary>
public enum DtmfEventKind
{
    /// <summary>Not a well-formed event payload.</summary>
    Malformed = 0,

    /// <summary>The first packet of a new event (marker bit or not).</summary>
    Start,

    /// <summary>An update of the current event.</summary>
    Continuation,

    /// <summary>The first packet with the End bit: the event is complete (reported once).</summary>
    End,

    /// <summary>A retransmitted end packet (RFC 4733 §2.5.1.4 sends it three times): ignore.</summary>
    DuplicateEnd,
}
