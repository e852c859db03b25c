using System.Diagnostics;
using System.Text;
using SipCube.Testing;

namespace SipCube.LoadHarness.Tests;

/// <summary>
/// Proves the capacity harness end to end in CI: tests/load/bridge-capacity.sh in smoke mode (a network namespace of
/// its own, the real node, SIPp placing 3 calls whose RTP it echoes, our WebRTC app peers doing ICE, DTLS and SRTP)
/// must connect every call and get every packet back. The figures themselves are not asserted (no timing in tests).
/// </summary>
[Trait("Category", "Interop")]
public sealed class BridgeCapacitySmokeTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(55);

    [SkippableFact]
    public async Task Three_bridged_calls_carry_srtp_through_the_node_and_back_without_loss()
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        InteropPeer.Require("unshare");
        InteropPeer.Require("setsid");
        InteropPeer.Require("taskset");
        InteropPeer.Require("curl");
        var info = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepositoryPaths.Tests, "load", "bridge-capacity.sh") },
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["SMOKE"] = "1";
        info.Environment["SKIP_BUILD"] = "1";
        info.Environment["STEPS"] = "3";
        info.Environment["WINDOW"] = "3";
        info.Environment["RATE"] = "10";
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("smoke run did not finish in time:\n" + Text(output));
        }

        var text = Text(output);
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}:\n{text}");
        Assert.Contains("most concurrent calls at 0 loss (node on one core): 3", text, StringComparison.Ordinal);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
