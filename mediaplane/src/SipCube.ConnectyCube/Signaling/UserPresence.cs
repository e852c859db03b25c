namespace SipCube.ConnectyCube.Signaling;

/// <summary>What the chat server says about a user before we ring it (XEP-0012 last activity).</summary>
/// <remarks>XEP-0012 §4 (offline user query): <c>seconds="0"</c> means at least one resource is online.</remarks>
public enum UserPresence
{
    /// <summary>The server did not say (no answer in time, or an error other than item-not-found): ring anyway.</summary>
    Indeterminate = 0,

    /// <summary>The user has a live chat session.</summary>
    Online = 1,

    /// <summary>The user exists but has no chat session.</summary>
    Offline = 2,

    /// <summary>No such user (<c>item-not-found</c>).</summary>
    Unknown = 3,
}
