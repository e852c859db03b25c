using System.Diagnostics;
using System.Globalization;

namespace SipCube.LoadHarness.Bridge;

/// <summary>
/// One SIPp process placing <c>calls</c> calls at <c>rate</c> per second into the node (scenario
/// tests/testdata/sipp/load/uac_load_echo.xml: digest-authenticated INVITE, then SIPp's <c>-rtp_echo</c> returns every
/// RTP packet the node sends to the one media port, until the node's BYE). Inherits the harness's CPU affinity.
/// </summary>
internal sealed class SippLoadRun : IDisposable
{
    private readonly Process process;
    private readonly DirectoryInfo directory;

    private SippLoadRun(Process process, DirectoryInfo directory)
    {
        this.process = process;
        this.directory = directory;
    }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>SIPp's error log (failed calls), trimmed.</summary>
    public string ErrorLog
    {
        get
        {
            var file = directory.EnumerateFiles("*_errors.log").FirstOrDefault();
            if (file is null)
            {
                return string.Empty;
            }

            var text = File.ReadAllText(file.FullName);
            return text.Length > 2000 ? text[..2000] : text;
        }
    }

    public static SippLoadRun Start(BridgeLoadOptions options, int calls, int appUserId)
    {
        var directory = Directory.CreateTempSubdirectory("sipp-load-");
        var info = new ProcessStartInfo("sipp")
        {
            WorkingDirectory = directory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            "127.0.0.1:" + options.SipPort.ToString(CultureInfo.InvariantCulture),
            "-sf", Path.GetFullPath(options.Scenario),
            "-i", "127.0.0.1", "-mi", "127.0.0.1",
            "-p", options.SippPort.ToString(CultureInfo.InvariantCulture),
            "-mp", options.EchoPort.ToString(CultureInfo.InvariantCulture),
            "-rtp_echo", "-rtp_buffsize", "4194304",
            "-t", "u1", "-aa", "-nostdin",
            "-m", calls.ToString(CultureInfo.InvariantCulture),
            "-l", calls.ToString(CultureInfo.InvariantCulture),
            "-r", options.Rate.ToString(CultureInfo.InvariantCulture),
            "-s", appUserId.ToString(CultureInfo.InvariantCulture),
            "-key", "caller", options.PhoneUser,
            "-key", "domain", "127.0.0.1",
            "-au", options.PhoneUser, "-ap", options.PhonePassword,
            "-trace_err",
            "-timeout", "600s", "-timeout_error",
        ];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("sipp did not start");

        // SIPp's screen output is not needed; drain it so a full pipe never blocks SIPp.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SippLoadRun(process, directory);
    }

    /// <summary>Waits for SIPp to finish its calls; false when it did not within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(5000);
        }

        process.Dispose();
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
