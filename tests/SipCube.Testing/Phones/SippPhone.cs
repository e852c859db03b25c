using System.Globalization;
using SipCube.Testing.Audio;

namespace SipCube.Testing.Phones;

/// <summary>
/// One SIPp 3.6 process running a scenario as a scripted phone: loopback only (<c>-i</c>/<c>-mi 127.0.0.1</c>), its own
/// working directory (logs, the <c>tone.ulaw</c> that <c>rtp_stream</c> plays, the <c>call.pcap</c> of
/// uac_call_pcap.xml), bounded by SIPp's own
/// <c>-timeout</c> and by the wait here.
/// </summary>
/// <remarks>
/// SIPp's digest (<c>[authentication]</c>) is MD5 only and puts <c>uri="sip:remote_ip:remote_port"</c> in the header,
/// not the Request-URI; a server that checks that uri against the Request-URI will refuse it.
/// </remarks>
public sealed class SippPhone : IAsyncDisposable
{
    private readonly SippPhoneOptions _options;
    private readonly DirectoryInfo _dir;
    private readonly PeerProcess _process;

    private SippPhone(SippPhoneOptions options, DirectoryInfo dir, PeerProcess process, int localPort, int mediaPort)
    {
        _options = options;
        _dir = dir;
        _process = process;
        LocalPort = localPort;
        MediaPort = mediaPort;
    }

    /// <summary>The SIP port SIPp listens and sends on.</summary>
    public int LocalPort { get; }

    /// <summary>The base media port.</summary>
    public int MediaPort { get; }

    /// <summary>The contact a register.xml run from this port binds: <c>sip:service@127.0.0.1:port</c>.</summary>
    public string ContactUri => string.Create(CultureInfo.InvariantCulture, $"sip:{_options.Service}@127.0.0.1:{LocalPort}");

    /// <summary>SIPp's working directory (logs, tone).</summary>
    public string WorkingDirectory => _dir.FullName;

    /// <summary>True once SIPp exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts SIPp in the background (e.g. a uas_* phone waiting for the node's INVITE).</summary>
    public static SippPhone Start(SippPhoneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var program = InteropPeer.Require("sipp");
        var scenario = SippScenario.PathOf(options.Scenario);
        if (!File.Exists(scenario))
        {
            throw new FileNotFoundException("SIPp scenario not found", scenario);
        }

        var dir = Directory.CreateTempSubdirectory("sipp-phone-");
        if (options.ToneHz > 0)
        {
            MuLaw.WriteTone(Path.Combine(dir.FullName, "tone.ulaw"), options.ToneHz, seconds: 5);
            if (Path.GetFileName(scenario) == SippScenario.UacCallG729)
            {
                G729.WriteTone(Path.Combine(dir.FullName, "tone.g729"), options.ToneHz, seconds: 5);
            }

            if (Path.GetFileName(scenario) == SippScenario.UacCallReinvitePcma)
            {
                ALawTone.Write(Path.Combine(dir.FullName, "tone.alaw"), options.ToneHz, seconds: 5);
            }

            if (Path.GetFileName(scenario) == SippScenario.UacCallPcap)
            {
                RtpPcap.WritePcmuWithDtmf(Path.Combine(dir.FullName, "call.pcap"), options.ToneHz, options.PcapSeconds,
                    options.DtmfDigits, options.DtmfStartSeconds);
            }
        }

        var localPort = options.LocalPort != 0 ? options.LocalPort : FreePort.UdpAndTcp();
        var mediaPort = options.MediaPort != 0 ? options.MediaPort : FreePort.Udp();
        var process = PeerProcess.Start(program, Arguments(options, scenario, localPort, mediaPort), dir.FullName);
        return new SippPhone(options, dir, process, localPort, mediaPort);
    }

    /// <summary>Runs a scenario to its end (client scenarios), bounded by <paramref name="bound"/>.</summary>
    public static async Task<SippResult> RunAsync(SippPhoneOptions options, TimeSpan? bound = null)
    {
        await using var phone = Start(options);
        return await phone.WaitForExitAsync(bound ?? options.Timeout + TimeSpan.FromSeconds(15));
    }

    /// <summary>
    /// Registers <paramref name="user"/> at <paramref name="registrar"/> from <paramref name="localPort"/> with
    /// register.xml (run a uas_* scenario from the same port afterwards); <paramref name="expires"/> 0 unregisters.
    /// </summary>
    public static Task<SippResult> RegisterAsync(string registrar, string user, string password, int localPort,
        string domain = "test.local", int expires = 3600, PhoneTransport transport = PhoneTransport.Udp) =>
        RunAsync(new SippPhoneOptions
        {
            Scenario = SippScenario.Register,
            Remote = registrar,
            Service = user,
            AuthUser = user,
            AuthPassword = password,
            Domain = domain,
            LocalPort = localPort,
            Expires = expires,
            Transport = transport,
            ToneHz = 0,
            Timeout = TimeSpan.FromSeconds(15),
        });

    /// <summary>Waits for SIPp to exit (killing it after <paramref name="bound"/>) and collects its logs.</summary>
    public async Task<SippResult> WaitForExitAsync(TimeSpan bound)
    {
        int code;
        try
        {
            code = await _process.WaitForExitAsync(bound);
        }
        catch (TimeoutException)
        {
            return Collect(-1);
        }

        return Collect(code);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (!_options.KeepFiles)
        {
            try
            {
                _dir.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private SippResult Collect(int code) =>
        new(code, _process.Output, ReadLog("*_errors.log"), ReadLog("*_messages.log"), ReadLog("*_logs.log"));

    private string ReadLog(string pattern) =>
        string.Join("\n", _dir.GetFiles(pattern).Select(f => File.ReadAllText(f.FullName)));

    private static List<string> Arguments(SippPhoneOptions options, string scenario, int localPort, int mediaPort)
    {
        var inv = CultureInfo.InvariantCulture;
        var args = new List<string>();
        if (options.Remote is not null)
        {
            args.Add(options.Remote);
        }

        args.AddRange([
            "-sf", scenario, "-s", options.Service,
            "-i", "127.0.0.1", "-p", localPort.ToString(inv),
            "-mi", "127.0.0.1", "-mp", mediaPort.ToString(inv),
            "-t", options.Transport == PhoneTransport.Tcp ? "t1" : "u1",
            "-m", options.Calls.ToString(inv),
            "-timeout", ((int)Math.Ceiling(options.Timeout.TotalSeconds)).ToString(inv) + "s", "-timeout_error",
            "-nostdin", "-trace_err", "-trace_msg", "-trace_logs",
            // No automatic BYE after a failed call (it would only add noise against a server under test).
            "-default_behaviors", "all,-bye",
        ]);
        if (options.AuthUser is not null)
        {
            args.AddRange(["-au", options.AuthUser, "-ap", options.AuthPassword ?? string.Empty]);
        }

        if (options.RtpEcho)
        {
            args.Add("-rtp_echo");
        }

        var keys = new Dictionary<string, string>
        {
            ["caller"] = options.Caller,
            ["domain"] = options.Domain,
            ["expires"] = options.Expires.ToString(inv),
            ["info1"] = "1",
            ["info2"] = "2",
            ["info3"] = "3",
        };
        foreach (var (key, value) in options.Keys)
        {
            keys[key] = value;
        }

        foreach (var (key, value) in keys)
        {
            args.AddRange(["-key", key, value]);
        }

        var variables = new Dictionary<string, string>(SippScenario.DefaultVariables(scenario));
        foreach (var (name, value) in options.Variables)
        {
            variables[name] = value;
        }

        foreach (var (name, value) in variables)
        {
            args.AddRange(["-set", name, value]);
        }

        args.AddRange(options.ExtraArguments);
        return args;
    }
}
