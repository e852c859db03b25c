namespace SipCube.Testing.Phones;

/// <summary>One SIPp run (<see cref="SippPhone"/>): scenario, peer, credentials and parameters.</summary>
public sealed record SippPhoneOptions
{
    /// <summary>A scenario of <see cref="SippScenario"/> (file name) or an absolute path.</summary>
    public required string Scenario { get; init; }

    /// <summary>Where a client scenario sends (<c>127.0.0.1:port</c>); null for a server (UAS) scenario.</summary>
    public string? Remote { get; init; }

    /// <summary><c>-s</c>: the callee user for uac_*, this phone's own user for register.xml and uas_*.</summary>
    public string Service { get; init; } = "sipp";

    /// <summary><c>-key caller</c>: the From user of uac_* calls.</summary>
    public string Caller { get; init; } = "sipp";

    /// <summary><c>-key domain</c>: the host of the Request-URI, From and To.</summary>
    public string Domain { get; init; } = "test.local";

    /// <summary><c>-au</c>: digest user (SIPp computes MD5 only).</summary>
    public string? AuthUser { get; init; }

    /// <summary><c>-ap</c>: digest password.</summary>
    public string? AuthPassword { get; init; }

    /// <summary>SIP transport (<c>-t u1</c> or <c>-t t1</c>).</summary>
    public PhoneTransport Transport { get; init; } = PhoneTransport.Udp;

    /// <summary><c>-p</c>; 0 picks a free port. Reuse a register.xml run's port for a uas_* scenario.</summary>
    public int LocalPort { get; init; }

    /// <summary><c>-mp</c> base media port; 0 picks a free one.</summary>
    public int MediaPort { get; init; }

    /// <summary><c>-set</c> values; merged over <see cref="SippScenario.DefaultVariables"/>.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra <c>-key</c> values (caller, domain and expires are set from the properties).</summary>
    public IReadOnlyDictionary<string, string> Keys { get; init; } = new Dictionary<string, string>();

    /// <summary><c>-key expires</c> for register.xml (0 unregisters).</summary>
    public int Expires { get; init; } = 3600;

    /// <summary>Frequency of <c>tone.ulaw</c> written to the working directory for <c>rtp_stream</c> (0: none written).</summary>
    public double ToneHz { get; init; } = 1000;

    /// <summary>
    /// DTMF digits (0-9, *, #, A-D) sent as RFC 4733 events in <c>call.pcap</c> (played by uac_call_pcap.xml), starting
    /// <see cref="DtmfStartSeconds"/> into the call; 160 ms per digit, 100 ms of tone between.
    /// </summary>
    public string DtmfDigits { get; init; } = string.Empty;

    /// <summary>When the first DTMF digit starts in <c>call.pcap</c>.</summary>
    public double DtmfStartSeconds { get; init; } = 1.0;

    /// <summary>Length of <c>call.pcap</c> (its tone stops there; the call goes on silent).</summary>
    public double PcapSeconds { get; init; } = 10;

    /// <summary><c>-m</c>: calls to make (client) or take (server) before exiting.</summary>
    public int Calls { get; init; } = 1;

    /// <summary>
    /// <c>-timeout</c> with <c>-timeout_error</c>: SIPp gives up and fails after this. Keep it below the bound given to
    /// <see cref="SippPhone.WaitForExitAsync"/>, so SIPp's own logs say what it was waiting for.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>-rtp_echo</c>: echo received RTP (server doubles).</summary>
    public bool RtpEcho { get; init; }

    /// <summary>Any further arguments, appended last.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>Keep the working directory (logs, tone) after dispose.</summary>
    public bool KeepFiles { get; init; }
}
