using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace SipCube.LoadHarness;

/// <summary>
/// Mapping lookups through the single box's HTTP API: creates 1,000 mappings, then GETs them from many connections and
/// prints requests per second and latency percentiles. Run the node pinned to core 0 and this tool to core 1, e.g.
/// <c>taskset -c 1 dotnet SipCube.LoadHarness.dll mapping http://127.0.0.1:17171 10 16 sip</c>.
/// Arguments: base URL, seconds, concurrent connections, "sip" (GET ?sipUri=) or "cc" (GET ?connectyCubeUserId=).
/// </summary>
internal static class MappingLookupLoad
{
    private const int Mappings = 1000;
    private const long FirstId = 9_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:7071";
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        var mode = args.Length > 3 ? args[3] : "sip";

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false })
        {
            BaseAddress = new Uri(baseUrl),
        };
        for (var i = 0; i < Mappings; i++)
        {
            var body = $$"""{"sipUri":"sip:load{{i}}@load.example","connectyCubeUserId":{{FirstId + i}},"sipPassword":"pw"}""";
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(new Uri("/api/mappings", UriKind.Relative), content);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            {
                throw new InvalidOperationException($"setup failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        var warm = DateTime.UtcNow.AddSeconds(2);
        var stop = warm.AddSeconds(seconds);
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(client, mode, w, warm, stop)));
        var all = (await Task.WhenAll(workers)).SelectMany(l => l).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mode={mode} connections={concurrency} requests={all.Length} rps={all.Length / (double)seconds:F0} p50={Ms(all[all.Length / 2]):F2}ms p99={Ms(all[(int)(all.Length * 0.99)]):F2}ms max={Ms(all[^1]):F2}ms"));
        return 0;
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static Uri PathFor(string mode, int i) => new(
        mode == "cc"
            ? "/api/mappings?connectyCubeUserId=" + (FirstId + i).ToString(CultureInfo.InvariantCulture)
            : "/api/mappings?sipUri=" + Uri.EscapeDataString($"sip:load{i}@load.example"),
        UriKind.Relative);

    private static async Task<List<long>> WorkerAsync(HttpClient client, string mode, int worker, DateTime warmEnd, DateTime end)
    {
        var latencies = new List<long>(1 << 16);
#pragma warning disable CA5394 // Load spreading, not security.
        var random = new Random(worker);
        while (DateTime.UtcNow < end)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(PathFor(mode, random.Next(Mappings)), HttpCompletionOption.ResponseContentRead);
#pragma warning restore CA5394
            var elapsed = Stopwatch.GetTimestamp() - start;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"lookup failed: {(int)response.StatusCode}");
            }

            if (DateTime.UtcNow >= warmEnd)
            {
                latencies.Add(elapsed);
            }
        }

        return latencies;
    }
}
