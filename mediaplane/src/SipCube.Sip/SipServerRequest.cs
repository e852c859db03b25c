using SipCube.Sip.Message;
using SipCube.Sip.Transactions;
using SipCube.Sip.Transport;

namespace SipCube.Sip;

/// <summary>A new request handed to an <see cref="ISipRequestHandler"/>, with the means to answer it.</summary>
/// <remarks>RFC 3261 §8.2.6 (generating the response).</remarks>
public sealed class SipServerRequest
{
    internal SipServerRequest(SipMessage message, SipFlow flow, ServerTransaction? transaction, SipEndpoint endpoint)
    {
        Message = message;
        Flow = flow;
        Transaction = transaction;
        Endpoint = endpoint;
    }

    /// <summary>The request (top Via already carries received/rport).</summary>
    public SipMessage Message { get; }

    /// <summary>The flow it arrived on.</summary>
    public SipFlow Flow { get; }

    /// <summary>The server transaction (null for ACK).</summary>
    public ServerTransaction? Transaction { get; }

    /// <summary>The endpoint (to send further requests, e.g. qualify OPTIONS).</summary>
    public SipEndpoint Endpoint { get; }

    /// <summary>Cancelled when a CANCEL matched this INVITE.</summary>
    public CancellationToken Cancelled => Transaction?.Cancelled ?? CancellationToken.None;

    /// <summary>Creates a response to this request (Via, From, To+tag, Call-ID, CSeq copied).</summary>
    public SipMessage CreateResponse(int statusCode, string reasonPhrase) => SipResponseFactory.Create(Message, statusCode, reasonPhrase);

    /// <summary>Sends a response through the server transaction.</summary>
    public ValueTask<bool> RespondAsync(SipMessage response) => Endpoint.SendResponseAsync(this, response);

    /// <summary>Creates and sends a response.</summary>
    public ValueTask<bool> RespondAsync(int statusCode, string reasonPhrase) => RespondAsync(CreateResponse(statusCode, reasonPhrase));
}
