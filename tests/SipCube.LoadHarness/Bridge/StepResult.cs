using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SipCube.LoadHarness.Bridge;

/// <summary>The figures of one step of the ramp and how they print.</summary>
internal sealed class StepResult
{
    public const string Header =
        "calls  conn  loss%    nodeCPU%  calls/core  nodeRSS_MB  KB/call  RTTvia_p50/p99_ms  RTTdirect_p50/p99_ms  added1way_p50/p99_ms  core0%  core1%  sipp%  harness%  late%  setup_s  load";

    public int Target { get; init; }

    public int Connected { get; set; }

    public double SetupSeconds { get; set; }

    public double TimeToMediaMs { get; set; }

    public long Sent { get; set; }

    public long Received { get; set; }

    public long Foreign { get; set; }

    public long UnprotectFailures { get; set; }

    public long Duplicates { get; set; }

    public int DroppedDuringWindow { get; set; }

    public long LateFrames { get; set; }

    public long Frames { get; set; }

    public double NodeCpu { get; private set; }

    public double SippCpu { get; private set; }

    public double HarnessCpu { get; private set; }

    public double Core0Busy { get; private set; }

    public double Core1Busy { get; private set; }

    public long RssKb { get; set; }

    public int NodeThreads { get; set; }

    public double KbPerCall { get; private set; }

    public (double P50, double P99) ViaNode { get; set; }

    public (double P50, double P99) Direct { get; set; }

    public string LoadAverageBefore { get; init; } = string.Empty;

    public string LoadAverageAfter { get; set; } = string.Empty;

    public List<string> Notes { get; } = [];

    /// <summary>Packets lost: passthrough counts our tagged packets; transcoded counts what arrived against what we sent.</summary>
    public double LossPercent => Sent == 0 ? double.NaN : 100.0 * Math.Max(0, Sent - (Received > 0 ? Received : Foreign)) / Sent;

    public bool ZeroLoss => Sent > 0 && (Received > 0 ? Received : Foreign) >= Sent && DroppedDuringWindow == 0;

    public double CallsPerCore => NodeCpu <= 0 ? double.NaN : Connected / NodeCpu;

    public (double P50, double P99) AddedOneWayMs => ((ViaNode.P50 - Direct.P50) / 2000.0, (ViaNode.P99 - Direct.P99) / 2000.0);

    public static string Summary(IReadOnlyList<StepResult> rows, bool passthrough)
    {
        var text = new StringBuilder();
        var best = rows.Where(r => r.ZeroLoss && r.Connected == r.Target).MaxBy(r => r.Connected);
        text.AppendLine(passthrough ? "Passthrough (PCMU both legs)" : "Transcoded (PCMU phone <-> Opus app)");
        if (best is null)
        {
            text.AppendLine("no step reached 0 loss with every call connected");
            return text.ToString();
        }

        var goalCalls = passthrough ? 1000 : 300;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  most concurrent calls at 0 loss (node on one core): {best.Connected}; node CPU {best.NodeCpu * 100:F0}% of a core -> {best.CallsPerCore:F0} calls/core (goal >= {goalCalls})"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  memory: {best.KbPerCall:F1} KB/call (goal <= 64)"));
        if (passthrough)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  added one-way latency p50 {best.AddedOneWayMs.P50:F3} ms, p99 {best.AddedOneWayMs.P99:F3} ms (goal p99 <= 1 ms)"));
        }

        return text.ToString();
    }

    public void Measure(ResourceSample before, ResourceSample after, long baselineRssKb)
    {
        var wall = (after.At - before.At) / (double)Stopwatch.Frequency;
        NodeCpu = (after.NodeCpu - before.NodeCpu) / wall;
        SippCpu = (after.SippCpu - before.SippCpu) / wall;
        HarnessCpu = (after.HarnessCpu - before.HarnessCpu) / wall;
        Core0Busy = Fraction(before.Core0, after.Core0);
        Core1Busy = Fraction(before.Core1, after.Core1);
        KbPerCall = Connected == 0 || baselineRssKb == 0 ? double.NaN : (RssKb - baselineRssKb) / (double)Connected;
    }

    public string Row()
    {
        var added = AddedOneWayMs;
        var row = string.Create(CultureInfo.InvariantCulture,
            $"{Target,5}  {Connected,4}  {LossPercent,6:F3}  {NodeCpu * 100,8:F1}  {CallsPerCore,10:F0}  {RssKb / 1024.0,10:F1}  {KbPerCall,7:F1}  {ViaNode.P50 / 1000,8:F2}/{ViaNode.P99 / 1000,-8:F2}  {Direct.P50 / 1000,9:F2}/{Direct.P99 / 1000,-9:F2}  {added.P50,9:F3}/{added.P99,-9:F3}  {Core0Busy * 100,5:F0}  {Core1Busy * 100,5:F0}  {SippCpu * 100,5:F0}  {HarnessCpu * 100,8:F0}  {LatePercent,5:F1}  {SetupSeconds,7:F1}  {LoadAverageBefore}/{LoadAverageAfter}");
        var details = string.Create(CultureInfo.InvariantCulture,
            $"       sent {Sent} received {Received} transcoded-in {Foreign} srtp-fail {UnprotectFailures} dup/reordered {Duplicates} ended-early {DroppedDuringWindow} time-to-media {TimeToMediaMs:F0} ms node-threads {NodeThreads}");
        return Notes.Count == 0 ? row + "\n" + details : row + "\n" + details + "\n       notes: " + string.Join(" | ", Notes.Take(5));
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Connected}/{Target} calls connected, loss {LossPercent:F3}%, RTT via node p50 {ViaNode.P50 / 1000:F2} ms{(Notes.Count > 0 ? ", notes: " + string.Join(" | ", Notes.Take(3)) : string.Empty)}");

    private double LatePercent => Frames == 0 ? 0 : 100.0 * LateFrames / Frames;

    private static double Fraction((double Busy, double Total) before, (double Busy, double Total) after) =>
        after.Total <= before.Total ? double.NaN : (after.Busy - before.Busy) / (after.Total - before.Total);
}
