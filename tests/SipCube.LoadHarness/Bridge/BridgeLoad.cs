using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using SipCube.Codecs;
using SipCube.ConnectyCube.Rest;
using SipCube.Dtls;

namespace SipCube.LoadHarness.Bridge;

/// <summary>
/// The capacity run: creates a phone mapping and an app user on the node, logs the app user in, then for each step
/// has SIPp place N calls to it, waits until all N have SRTP flowing, measures a window (loss, round trips, the node's
/// CPU and RSS, the generator core's load), hangs every call up from the app side and prints a row.
/// </summary>
internal static class BridgeLoad
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static async Task<int> RunAsync(string[] args)
    {
        if (BridgeLoadOptions.Parse(args) is not { } options)
        {
            Console.Error.WriteLine(BridgeLoadOptions.Usage);
            return 2;
        }

        var run = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        options.PhoneUser = "7" + RandomNumberGenerator.GetInt32(100000, 999999).ToString(CultureInfo.InvariantCulture);
        using var http = new HttpClient { Timeout = Bound };
        var rest = new ConnectyCubeRestClient(http, new ConnectyCubeRestOptions { ApplicationId = 1, AuthKey = "sipcube-local", ApiUrl = options.Emulator });
        var tokens = new ConnectyCubeTokenCache(rest);
        var session = await rest.CreateSessionAsync(null);
        var appLogin = "load-app-" + run;
        var app = await rest.SignUpAsync(session.Token, appLogin, "load-app-password", "Load app " + run);
        var phoneLogin = "load-phone-" + run;
        var phone = await rest.SignUpAsync(session.Token, phoneLogin, "load-phone-password", "Load phone " + run);
        await CreatePhoneMappingAsync(http, options, phone.Id, phoneLogin);

        using var pacer = new MediaPacer();
        using var socket = new LoadSocket();
        var measurement = new LoadMeasurement();
        var callOptions = CallOptions(options, pacer, measurement, socket);
        await using var appUser = await LoadAppUser.StartAsync(tokens, ConnectyCubeUserCredentials.ForLogin(appLogin, "load-app-password"),
            new UriBuilder(options.Emulator) { Scheme = "ws", Path = "/ws" }.Uri, callOptions);
        Console.WriteLine($"app user {app.Id} online; phone sip:{options.PhoneUser}@127.0.0.1 (identity {phone.Id}); codec {options.Codec}; node pid {options.NodePid}");

        if (options.Warmup > 0)
        {
            var warm = await RunStepAsync(options, appUser, callOptions, pacer, options.Warmup, baselineRssKb: 0);
            Console.WriteLine("warm-up: " + warm.Describe());
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var idleFrom = ProcessSampler.CpuSeconds(options.NodePid);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var idleCpu = (ProcessSampler.CpuSeconds(options.NodePid) - idleFrom) / 3;
        var baseline = ProcessSampler.RssKb(options.NodePid);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"node before the steps: RSS {baseline / 1024.0:F1} MB, threads {ProcessSampler.Threads(options.NodePid)}, idle CPU {idleCpu * 100:F1}% of a core; load average {ProcessSampler.LoadAverage()}"));
        Console.WriteLine(StepResult.Header);
        var rows = new List<StepResult>();
        foreach (var calls in options.Steps)
        {
            var row = await RunStepAsync(options, appUser, callOptions, pacer, calls, baseline);
            rows.Add(row);
            Console.WriteLine(row.Row());
            Console.Out.Flush();
            if (row.Connected < calls / 2)
            {
                Console.WriteLine("stopping: fewer than half the calls connected");
                break;
            }
        }

        Console.WriteLine();
        Console.WriteLine(StepResult.Summary(rows, options.Codec == "pcmu"));
        if (options.RequireZeroLoss && !rows.TrueForAll(r => r.ZeroLoss && r.Connected == r.Target))
        {
            Console.WriteLine("FAILED: a step lost packets or did not connect every call");
            return 1;
        }

        return 0;
    }

    private static LoadCallOptions CallOptions(BridgeLoadOptions options, MediaPacer pacer, LoadMeasurement measurement, LoadSocket socket)
    {
        var certificate = DtlsCertificate.Generate(TimeProvider.System);
        if (options.Codec == "pcmu")
        {
            // μ-law silence after the 12-byte tag + timestamp; it comes back byte for byte in passthrough.
            var payload = Enumerable.Repeat((byte)0xFF, 160).ToArray();
            return new LoadCallOptions { Codec = "PCMU", SamplesPerFrame = 160, Payload = payload, TaggedPayload = true, Certificate = certificate, Pacer = pacer, Measurement = measurement, Socket = socket };
        }

        var creation = OpusCodec.Create(OpusOptions.Voice);
        using var opus = creation.Codec ?? throw new InvalidOperationException("libopus.so.0 is not available");
        var pcm = new short[opus.SamplesPerFrame * opus.Channels];
        for (var i = 0; i < opus.SamplesPerFrame; i++)
        {
            for (var c = 0; c < opus.Channels; c++)
            {
                pcm[(i * opus.Channels) + c] = (short)(8000 * Math.Sin(2 * Math.PI * 1000 * i / 48000.0));
            }
        }

        var frame = new byte[opus.MaxPayloadBytes];
        var length = opus.Encode(pcm, frame);
        return new LoadCallOptions { Codec = "opus", SamplesPerFrame = 960, Payload = frame.AsMemory(0, length), TaggedPayload = false, Certificate = certificate, Pacer = pacer, Measurement = measurement, Socket = socket };
    }

    private static async Task CreatePhoneMappingAsync(HttpClient http, BridgeLoadOptions options, int identity, string login)
    {
        using var response = await http.PostAsJsonAsync(new Uri(options.Http, "api/mappings"), new
        {
            sipUri = $"sip:{options.PhoneUser}@127.0.0.1",
            sipPassword = options.PhonePassword,
            connectyCubeUserId = identity,
            displayName = "Load phone",
            connectyCube = new { login, password = "load-phone-password" },
        });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"phone mapping: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<StepResult> RunStepAsync(BridgeLoadOptions options, LoadAppUser appUser, LoadCallOptions callOptions, MediaPacer pacer, int calls, long baselineRssKb)
    {
        while (callOptions.Finished.TryDequeue(out _))
        {
        }

        var result = new StepResult { Target = calls, LoadAverageBefore = ProcessSampler.LoadAverage() };
        using var sipp = SippLoadRun.Start(options, calls, appUser.UserId);
        var setupBound = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * ((calls / (double)options.Rate) + 30));
        var begin = Stopwatch.GetTimestamp();
        while (appUser.Calls.Count(c => c.MediaReady) < calls && Stopwatch.GetTimestamp() < setupBound && !sipp.HasExited)
        {
            await Task.Delay(250);
        }

        result.SetupSeconds = Stopwatch.GetElapsedTime(begin).TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(options.WarmSeconds));

        using var probe = new EchoProbe(options.EchoPort);
        var active = appUser.Calls.Where(c => c.MediaReady).ToList();
        result.Connected = active.Count;
        result.TimeToMediaMs = active.Count == 0 ? 0 : active.Average(c => (c.MediaReadyAt - c.Created) * 1000.0 / Stopwatch.Frequency);
        var sippPid = sipp.Pid;
        var before = Sample(options.NodePid, sippPid);
        // perf samples core 0 (the node's) system-wide: per-thread attach (-p) fails with hundreds of node threads.
        // The window opens a little in the future, so no frame is stamped inside it before every thread sees it.
        var windowStart = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 20);
        callOptions.Measurement.Open(windowStart, windowStart + (Stopwatch.Frequency * options.WindowSeconds));
        pacer.ResetCounters();
        probe.RoundTrips.Reset();
        using var profile = options.PerfOutput is { } perfFile && calls == options.Steps[^1]
            ? Process.Start("perf", ["record", "-F", "999", "-g", "-a", "-C", "0", "-o", perfFile, "--", "sleep", options.WindowSeconds.ToString(CultureInfo.InvariantCulture)])
            : null;
        await Task.Delay(TimeSpan.FromSeconds(options.WindowSeconds) + TimeSpan.FromMilliseconds(50));
        var after = Sample(options.NodePid, sippPid);
        if (profile is not null)
        {
            await profile.WaitForExitAsync();
        }

        result.RssKb = ProcessSampler.RssKb(options.NodePid);
        result.NodeThreads = ProcessSampler.Threads(options.NodePid);
        await Task.Delay(TimeSpan.FromSeconds(1));

        result.Measure(before, after, baselineRssKb);
        result.Sent = active.Sum(c => c.WindowSent);
        result.Received = active.Sum(c => c.WindowReceived);
        result.Foreign = callOptions.Measurement.ForeignInWindow;
        result.UnprotectFailures = active.Sum(c => c.UnprotectFailures);
        result.Duplicates = active.Sum(c => c.Duplicates);
        result.DroppedDuringWindow = active.Count(c => !appUser.Calls.Contains(c));
        result.LateFrames = pacer.LateFrames;
        result.Frames = pacer.Frames;
        result.ViaNode = Percentiles(callOptions.Measurement.RoundTrips);
        result.Direct = Percentiles(probe.RoundTrips);
        result.LoadAverageAfter = ProcessSampler.LoadAverage();

        // Not faster: every hangUp reaches the node over the one phone identity's chat connection, and a node at
        // 100% CPU that reads it too slowly gets that connection dropped by the emulator (256 queued stanzas).
        await appUser.HangUpAllAsync(perSecond: 100, CancellationToken.None);
        if (!await sipp.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            result.Notes.Add("SIPp still running after the hang-ups");
        }
        else if (sipp.ExitCode != 0)
        {
            result.Notes.Add($"SIPp exit {sipp.ExitCode}: {sipp.ErrorLog.ReplaceLineEndings(" ")[..Math.Min(300, sipp.ErrorLog.Length)]}");
        }

        while (appUser.Errors.TryDequeue(out var error))
        {
            result.Notes.Add(error);
        }

        foreach (var failure in active.Select(c => c.Failure).OfType<string>().Distinct())
        {
            result.Notes.Add(failure);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        return result;
    }

    private static (double P50, double P99) Percentiles(LatencyHistogram histogram) =>
        (histogram.PercentileMicros(0.50), histogram.PercentileMicros(0.99));

    private static ResourceSample Sample(int nodePid, int sippPid) => new(
        Stopwatch.GetTimestamp(),
        ProcessSampler.CpuSeconds(nodePid),
        ProcessSampler.CpuSeconds(sippPid),
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
        ProcessSampler.Core(0),
        ProcessSampler.Core(1));
}
