using System.Diagnostics;
using System.Globalization;
using System.Net;
using SipCube.Testing;

namespace SipCube.MediaNode.Tests.Hosting;

/// <summary>The real single-box process: starts with no configuration but a data folder, and exits cleanly on SIGTERM.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Sigterm_stops_the_node_cleanly_with_exit_code_0()
    {
        var port = FreePort.Tcp();
        var dataDirectory = Directory.CreateTempSubdirectory("sipcube-node-").FullName;
        var dll = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["SipCube__DataDirectory"] = dataDirectory;
        using var process = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
            var live = false;
            while (!live && DateTime.UtcNow < deadline && !process.HasExited)
            {
                try
                {
                    live = (await client.GetAsync($"http://127.0.0.1:{port}/health/live")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            Assert.True(live, "node did not become live: " + output);
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exitTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            await process.WaitForExitAsync(exitTimeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Application is shutting down", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
