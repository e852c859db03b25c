namespace SipCube.Xmpp.Session;

/// <summary>Passed to the credential source before each connect, so it can mint a fresh token after a rejection.</summary>
/// <param name="Number">1 for the first attempt since the last successful session.</param>
/// <param name="PreviousRejected">True when the server refused the previous credentials (SASL not-authorized).</param>
public readonly record struct XmppConnectAttempt(int Number, bool PreviousRejected);
