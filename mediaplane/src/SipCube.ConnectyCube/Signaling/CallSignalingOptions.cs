namespace SipCube.ConnectyCube.Signaling;

/// <summary>Identity and timers of <see cref="CallSignaling"/>.</summary>
/// <remarks>connectycube-protocol.md §3.5 (dialingTimeInterval 5 s, answerTimeInterval 60 s).</remarks>
public sealed class CallSignalingOptions
{
    /// <summary>Our own ConnectyCube user id (the <c>callerID</c> of calls we place).</summary>
    public int UserId { get; set; }

    /// <summary>The application id (the JID local part is <c>userId-appId</c>).</summary>
    public int ApplicationId { get; set; }

    /// <summary>The chat domain used in JIDs; the emulator routes by local part whatever it is.</summary>
    public string ChatDomain { get; set; } = "chat.connectycube.com";

    /// <summary>How often an unanswered <c>call</c> is re-sent.</summary>
    public TimeSpan DialingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When an unanswered call is given up.</summary>
    public TimeSpan AnswerTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The <c>platform</c> we announce.</summary>
    public string Platform { get; set; } = "web";

    /// <summary>How many message ids and signal keys are remembered for duplicate suppression.</summary>
    public int DuplicateMemory { get; set; } = 4096;
}
