// Load tool for mapping lookups through the single box's HTTP API (not part of the test run).
// Run the node pinned to core 0 and this tool pinned to core 1, e.g.:
//   taskset -c 0 dotnet mediaplane/src/SipCube.MediaNode/bin/Release/net10.0/SipCube.MediaNode.dll --urls http://127.0.0.1:17171 &
//   taskset -c 1 dotnet run -c Release tests/SipCube.LoadHarness/MappingLookupLoad.cs -- http://127.0.0.1:17171 10 16 sip
// Arguments: base URL, seconds, concurrent connections, "sip" (GET ?sipUri=) or "cc" (GET ?connectyCubeUserId=).
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

var baseUrl = args.Length > 0 ? args[0] : "http://127.0.0.1:7071";
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
var mode = args.Length > 3 ? args[3] : "sip";
const int Mappings = 1000;
const long FirstId = 9_000_000;

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, UseProxy = false })
{
    BaseAddress = new Uri(baseUrl),
};
for (var i = 0; i < Mappings; i++)
{
    var body = $$"""{"sipUri":"sip:load{{i}}@load.example","connectyCubeUserId":{{FirstId + i}},"sipPassword":"pw"}""";
    using var response = await client.PostAsync("/api/mappings", new StringContent(body, Encoding.UTF8, "application/json"));
    if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
    {
        throw new InvalidOperationException($"setup failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

string PathFor(int i) => mode == "cc"
    ? "/api/mappings?connectyCubeUserId=" + (FirstId + i).ToString(CultureInfo.InvariantCulture)
    : "/api/mappings?sipUri=" + Uri.EscapeDataString($"sip:load{i}@load.example");

async Task<List<long>> WorkerAsync(int worker, DateTime warmEnd, DateTime end)
{
    var latencies = new List<long>(1 << 16);
    var random = new Random(worker);
    while (DateTime.UtcNow < end)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(PathFor(random.Next(Mappings)), HttpCompletionOption.ResponseContentRead);
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

var warm = DateTime.UtcNow.AddSeconds(2);
var stop = warm.AddSeconds(seconds);
var all = (await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(() => WorkerAsync(w, warm, stop))))).SelectMany(l => l).Order().ToArray();
double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"mode={mode} connections={concurrency} requests={all.Length} rps={all.Length / (double)seconds:F0} p50={Ms(all[all.Length / 2]):F2}ms p99={Ms(all[(int)(all.Length * 0.99)]):F2}ms max={Ms(all[^1]):F2}ms"));
