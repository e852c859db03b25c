using System.Globalization;

namespace SipCube.LoadHarness.Bridge;

/// <summary>Command line of the bridge mode (<c>--name value</c> pairs; see <see cref="Usage"/>).</summary>
internal sealed class BridgeLoadOptions
{
    public const string Usage = """
        bridge mode: SIPp phones call WebRTC app peers of ours through a running node; prints one row per step.
          --node-pid N        the node's pid (CPU and RSS are read from /proc)            (required)
          --http URL          the node's HTTP base URL (mappings API)                      (required)
          --emulator URL      the node's ConnectyCube emulator (REST; chat at /ws)         (required)
          --sip-port P        the node's SIP UDP port                                      (required)
          --steps a,b,c       concurrent calls per step                                    (default 50,100,200)
          --rate R            SIPp calls per second while ramping                          (default 20)
          --warm S            seconds between the last call's media and the window         (default 3)
          --window S          measurement window in seconds                                (default 10)
          --codec pcmu|opus   what the app side answers (opus: the node transcodes)        (default pcmu)
          --scenario FILE     SIPp scenario (default tests/testdata/sipp/load/uac_load_echo.xml)
          --sipp-port P       SIPp's SIP port (default 5090); --echo-port P SIPp's -mp (default 6000)
          --warmup N          calls of an unreported first step that warms the node up (default 10; 0 = none)
          --perf-output FILE  perf-record core 0 (the node; perf record -g -a -C 0) during the last step's window
          --require-zero-loss true   exit 1 unless every step connected all calls with 0 loss (smoke runs)
        """;

    public int NodePid { get; private set; }

    public Uri Http { get; private set; } = null!;

    public Uri Emulator { get; private set; } = null!;

    public int SipPort { get; private set; }

    public IReadOnlyList<int> Steps { get; private set; } = [50, 100, 200];

    public int Rate { get; private set; } = 20;

    public int WarmSeconds { get; private set; } = 3;

    public int WindowSeconds { get; private set; } = 10;

    public string Codec { get; private set; } = "pcmu";

    public string Scenario { get; private set; } = "tests/testdata/sipp/load/uac_load_echo.xml";

    public int SippPort { get; private set; } = 5090;

    public int EchoPort { get; private set; } = 6000;

    public int Warmup { get; private set; } = 10;

    public bool RequireZeroLoss { get; private set; }

    public string? PerfOutput { get; private set; }

    /// <summary>The phone mapping SIPp authenticates as (created per run).</summary>
    public string PhoneUser { get; set; } = "7001";

    public string PhonePassword { get; set; } = "load-phone-secret";

    public static BridgeLoadOptions? Parse(string[] args)
    {
        var options = new BridgeLoadOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--node-pid": options.NodePid = Int(value); break;
                case "--http": options.Http = new Uri(value); break;
                case "--emulator": options.Emulator = new Uri(value); break;
                case "--sip-port": options.SipPort = Int(value); break;
                case "--steps": options.Steps = value.Split(',').Select(Int).ToArray(); break;
                case "--rate": options.Rate = Int(value); break;
                case "--warm": options.WarmSeconds = Int(value); break;
                case "--window": options.WindowSeconds = Int(value); break;
                case "--codec": options.Codec = value.ToLowerInvariant(); break;
                case "--scenario": options.Scenario = value; break;
                case "--sipp-port": options.SippPort = Int(value); break;
                case "--echo-port": options.EchoPort = Int(value); break;
                case "--warmup": options.Warmup = Int(value); break;
                case "--require-zero-loss": options.RequireZeroLoss = bool.Parse(value); break;
                case "--perf-output": options.PerfOutput = value; break;
                default: return null;
            }
        }

        var complete = options.NodePid > 0 && options.Http is not null && options.Emulator is not null && options.SipPort > 0
            && options.Codec is "pcmu" or "opus";
        return complete ? options : null;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
