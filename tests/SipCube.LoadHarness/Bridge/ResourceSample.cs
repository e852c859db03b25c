namespace SipCube.LoadHarness.Bridge;

/// <summary>CPU counters at one instant: Stopwatch time, CPU seconds of the node, SIPp and the harness, and the busy
/// and total seconds of cores 0 (node) and 1 (generators).</summary>
internal sealed record ResourceSample(
    long At,
    double NodeCpu,
    double SippCpu,
    double HarnessCpu,
    (double Busy, double Total) Core0,
    (double Busy, double Total) Core1);
