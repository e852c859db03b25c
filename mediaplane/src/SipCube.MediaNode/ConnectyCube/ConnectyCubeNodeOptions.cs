namespace SipCube.MediaNode.ConnectyCube;

/// <summary>
/// Configuration section <c>SipCube:ConnectyCube</c>. With no <see cref="ApplicationId"/> the node starts the
/// emulator (<c>SipCube:Emulator</c>) and uses it; with one it never does.
/// </summary>
/// <remarks>ARCHITECTURE.md "Fixed interfaces".</remarks>
internal sealed class ConnectyCubeNodeOptions
{
    public const string SectionName = "SipCube:ConnectyCube";

    public int? ApplicationId { get; set; }

    public string? AuthKey { get; set; }

    public string? AuthSecret { get; set; }

    public Uri? ApiUrl { get; set; }

    public Uri? ChatUrl { get; set; }

    /// <summary>The chat domain in JIDs; defaults to the chat URL's host.</summary>
    public string? ChatDomain { get; set; }

    /// <summary>True when real ConnectyCube credentials are configured.</summary>
    public bool IsConfigured => ApplicationId is > 0;
}
