using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SipCube.ConnectyCube.Rest;
using SipCube.Testing;

namespace SipCube.MediaNode.Tests.EndToEnd;

/// <summary>
/// The real single box as a separate process, on loopback ports of its own, with its emulator, an empty data folder and
/// only what a newcomer would configure: the ports, MD5-only digest (baresip 1.0 cannot answer a SHA-256 challenge) and
/// short call timers for the failure cases. Each end-to-end test starts one.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private readonly Process process;
    private readonly StringBuilder output = new();

    private NodeProcess(Process process, int httpPort, int sipPort, int emulatorPort, string dataDirectory)
    {
        this.process = process;
        HttpPort = httpPort;
        SipPort = sipPort;
        EmulatorPort = emulatorPort;
        DataDirectory = dataDirectory;
        Api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/"), Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>HTTP port of the API, /demo and /metrics.</summary>
    public int HttpPort { get; }

    /// <summary>SIP port (UDP and TCP) on 127.0.0.1.</summary>
    public int SipPort { get; }

    /// <summary>Port of the ConnectyCube emulator.</summary>
    public int EmulatorPort { get; }

    /// <summary>The node's data folder (deleted on dispose).</summary>
    public string DataDirectory { get; }

    /// <summary>The node's base URL.</summary>
    public Uri BaseUrl => Api.BaseAddress!;

    /// <summary>The emulator's REST base URL.</summary>
    public Uri EmulatorUrl => new($"http://127.0.0.1:{EmulatorPort}");

    /// <summary>Client of the node's HTTP API.</summary>
    public HttpClient Api { get; }

    /// <summary>Everything the node printed so far (for assertion messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts the node and waits until it is ready; <paramref name="settings"/> override the defaults.</summary>
    public static async Task<NodeProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var httpPort = FreePort.Tcp();
        var sipPort = FreePort.UdpAndTcp();
        var emulatorPort = FreePort.Tcp();
        var dataDirectory = Directory.CreateTempSubdirectory("sipcube-e2e-").FullName;
        var dll = typeof(Program).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{httpPort}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["SipCube:DataDirectory"] = dataDirectory,
            ["SipCube:Emulator:Url"] = $"http://127.0.0.1:{emulatorPort}",
            ["SipCube:Sip:BindAddress"] = "127.0.0.1",
            ["SipCube:Sip:UdpPort"] = sipPort.ToString(CultureInfo.InvariantCulture),
            ["SipCube:Sip:TcpPort"] = sipPort.ToString(CultureInfo.InvariantCulture),
            ["SipCube:Sip:ChallengeAlgorithms:0"] = "MD5",
            ["SipCube:Sip:QualifyIntervalSeconds"] = "0",
            ["SipCube:Media:BindAddress"] = "127.0.0.1",
            ["SipCube:Calls:NoAnswerTimeout"] = "00:00:08",
            ["SipCube:Calls:RingTimeout"] = "00:00:08",
            ["SipCube:Drain:CallDeadline"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var node = new NodeProcess(Process.Start(info)!, httpPort, sipPort, emulatorPort, dataDirectory);
        node.process.OutputDataReceived += (_, e) => node.Append(e.Data);
        node.process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();
        try
        {
            await node.WaitReadyAsync();
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>Signs a user up at the emulator (a phone's ConnectyCube identity or an app user) and returns its id.</summary>
    public async Task<int> SignUpConnectyCubeUserAsync(string login, string password)
    {
        using var http = new HttpClient();
        var rest = new ConnectyCubeRestClient(http, new ConnectyCubeRestOptions { ApplicationId = 1, AuthKey = "sipcube-local", ApiUrl = EmulatorUrl });
        var session = await rest.CreateSessionAsync(null);
        var user = await rest.SignUpAsync(session.Token, login, password, login);
        return user.Id;
    }

    /// <summary>Creates a phone mapping through the API: SIP <c>sip:user@127.0.0.1</c> with a password, mapped to a
    /// ConnectyCube identity the node logs in as.</summary>
    public async Task CreatePhoneMappingAsync(string sipUser, string sipPassword, int connectyCubeUserId, string login, string password, string displayName)
    {
        using var response = await Api.PostAsJsonAsync("api/mappings", new
        {
            sipUri = $"sip:{sipUser}@127.0.0.1",
            sipPassword,
            connectyCubeUserId,
            displayName,
            connectyCube = new { login, password },
        });
        Assert.True(response.IsSuccessStatusCode, $"mapping: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits until <c>GET /api/cdrs</c> lists a CDR matching <paramref name="match"/>; returns it.</summary>
    public async Task<JsonElement> WaitForCdrAsync(Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var last = string.Empty;
        while (true)
        {
            last = await Api.GetStringAsync("api/cdrs", cts.Token);
            using var document = JsonDocument.Parse(last);
            foreach (var cdr in document.RootElement.GetProperty("items").EnumerateArray())
            {
                if (match(cdr))
                {
                    return cdr.Clone();
                }
            }

            try
            {
                await Task.Delay(200, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("no matching CDR; last page: " + last + "\nnode:\n" + Output);
            }
        }
    }

    /// <summary>True once the node process exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Sends SIGTERM (what a container runtime or systemd sends) and returns at once: the node drains and
    /// exits by itself.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits until the node exits by itself; returns its exit code.</summary>
    /// <exception cref="TimeoutException">It did not exit within <paramref name="bound"/>.</exception>
    public async Task<int> WaitForExitAsync(TimeSpan bound)
    {
        using var cts = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"node did not exit within {bound}:\n" + Output);
        }

        return process.ExitCode;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        if (!process.HasExited)
        {
            await TerminateAsync();

            try
            {
                await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow + StartBound;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await Api.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("node did not become ready:\n" + Output);
    }
}
