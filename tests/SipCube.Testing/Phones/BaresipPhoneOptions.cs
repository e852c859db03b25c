namespace SipCube.Testing.Phones;

/// <summary>How <see cref="BaresipPhone.StartAsync"/> configures one baresip 1.0 user agent.</summary>
public sealed record BaresipPhoneOptions
{
    /// <summary>SIP user (the AOR is <c>sip:User@Domain</c>).</summary>
    public required string User { get; init; }

    /// <summary>AOR domain; never resolved when <see cref="Registrar"/> is set (everything goes there).</summary>
    public string Domain { get; init; } = "test.local";

    /// <summary>Digest password (<c>auth_pass</c>); null sends no credentials.</summary>
    public string? Password { get; init; }

    /// <summary>Digest user name (<c>auth_user</c>) when it differs from <see cref="User"/>.</summary>
    public string? AuthUser { get; init; }

    /// <summary>
    /// Registrar and outbound proxy as <c>host:port</c> (loopback only). Null: no registration, calls go straight to
    /// the dialled URI's host (e.g. another phone's <see cref="BaresipPhone.DirectUri"/>).
    /// </summary>
    public string? Registrar { get; init; }

    /// <summary>Transport for registration and calls.</summary>
    public PhoneTransport Transport { get; init; } = PhoneTransport.Udp;

    /// <summary>Requested registration expiry in seconds (<c>regint</c>); libre refreshes at about 90 % of the granted one.</summary>
    public int RegisterIntervalSeconds { get; init; } = 600;

    /// <summary>Audio codecs in preference order, e.g. <c>[BaresipCodecs.Pcmu]</c> or <c>[BaresipCodecs.Opus]</c>.</summary>
    public IReadOnlyList<string> AudioCodecs { get; init; } = [BaresipCodecs.Pcmu];

    /// <summary>
    /// Frequency of the tone the phone sends when <see cref="SourceWav"/> is null: a WAV in the format of the first
    /// codec is generated, <see cref="ToneSeconds"/> long. 0 sends silence.
    /// </summary>
    public double ToneHz { get; init; } = 1000;

    /// <summary>Length of the generated tone; baresip ends the call when its source file ends, so keep it longer than any call.</summary>
    public double ToneSeconds { get; init; } = 60;

    /// <summary>A WAV to send instead of the generated tone; it must match the negotiated codec's rate and channels.</summary>
    public string? SourceWav { get; init; }

    /// <summary>Answer incoming calls at once (<c>answermode=auto</c>) instead of waiting for <see cref="BaresipPhone.AnswerAsync"/>.</summary>
    public bool AutoAnswer { get; init; }

    /// <summary>Record what was sent and received per call (<c>sndfile</c>); see <see cref="BaresipPhone.ReceivedAudioPath"/>.</summary>
    public bool RecordAudio { get; init; } = true;

    /// <summary>Local SIP port; 0 picks a free one (UDP and TCP).</summary>
    public int LocalPort { get; init; }

    /// <summary>Extra account parameters appended as-is, e.g. <c>;ptime=20</c>.</summary>
    public string? ExtraAccountParameters { get; init; }

    /// <summary>Extra config lines appended as-is.</summary>
    public IReadOnlyList<string> ExtraConfigLines { get; init; } = [];

    /// <summary>Keep the config and recordings directory after dispose (for a failing test's post-mortem).</summary>
    public bool KeepFiles { get; init; }

    /// <summary>Bound for start-up (control port up) and for each control command.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
