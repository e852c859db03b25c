namespace SipCube.MediaNode.Sip;

/// <summary>Configuration section <c>SipCube:Sip</c>.</summary>
/// <remarks>ARCHITECTURE "Fixed interfaces": SIP on UDP+TCP 5060 on all interfaces, TLS 5061 only with a certificate.</remarks>
public sealed class SipOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "SipCube:Sip";

    /// <summary>False turns the SIP endpoint off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to bind (all interfaces by default).</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>Public address put in Via/Contact of requests the node originates (qualify OPTIONS, later INVITEs).</summary>
    public string? PublicAddress { get; set; }

    /// <summary>UDP port (0 disables UDP).</summary>
    public int UdpPort { get; set; } = 5060;

    /// <summary>TCP port (0 disables TCP).</summary>
    public int TcpPort { get; set; } = 5060;

    /// <summary>TLS port, used only when <see cref="CertificatePath"/> is set.</summary>
    public int TlsPort { get; set; } = 5061;

    /// <summary>PFX/PKCS#12 certificate for TLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of the certificate file.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Base64 node secret for digest nonces; share it across nodes behind one address. Random per process when empty.</summary>
    public string? NonceSecret { get; set; }

    /// <summary>Challenge algorithms in order (one WWW-Authenticate each).</summary>
    public IList<string> ChallengeAlgorithms { get; } = new List<string>();

    /// <summary>Nonce lifetime in seconds (then stale=true).</summary>
    public int NonceLifetimeSeconds { get; set; } = 300;

    /// <summary>Registrar Min-Expires in seconds.</summary>
    public int MinExpires { get; set; } = 60;

    /// <summary>Registrar maximum expiry in seconds.</summary>
    public int MaxExpires { get; set; } = 3600;

    /// <summary>Seconds without traffic (CRLF keep-alives count) before a TCP/TLS connection with no binding is closed (0 disables).</summary>
    public int IdleConnectionSeconds { get; set; } = 900;

    /// <summary>HTTP path of SIP over WebSocket (RFC 7118), served on the HTTP port; empty disables it.</summary>
    public string WebSocketPath { get; set; } = "/sip";

    /// <summary>Seconds between OPTIONS qualify rounds of registered contacts (0 disables).</summary>
    public int QualifyIntervalSeconds { get; set; } = 60;
}
