using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SipCube.Contracts.Bus;
using SipCube.Contracts.Cdrs;
using SipCube.ControlPlane.Cdrs;
using SipCube.MediaNode.Bus;

namespace SipCube.MediaNode.Tests.Bus;

/// <summary>The single box with the in-process bus: a CDR goes outbox -> in-process bus -> CDR ingestion.</summary>
public sealed class BusHostingTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "sipcube-host-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    WebApplicationFactory<Program> Factory() => new WebApplicationFactory<Program>().WithWebHostBuilder(b => b
        .UseSetting("SipCube:DataDirectory", folder)
        .UseSetting("SipCube:Outbox:MinRetryDelay", "00:00:00.050"));

    [Fact]
    public async Task A_published_cdr_is_stored_by_the_local_ingestion_and_leaves_the_outbox()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        var services = factory.Services;
        var record = new CallDetailRecord
        {
            CallId = "host-call-1",
            Direction = CallDirection.SipToConnectyCube,
            StartUtc = DateTimeOffset.UtcNow.AddMinutes(-1),
            EndUtc = DateTimeOffset.UtcNow,
            TerminationCause = "normal_clearing",
            MediaNodeId = "node-test",
        };

        await services.GetRequiredService<ICdrPublisher>().PublishAsync(CdrBusMessage.Create(record), CancellationToken.None);

        var outbox = services.GetRequiredService<SqliteCdrOutbox>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (outbox.Depth > 0)
        {
            await Task.Delay(50, cts.Token);
        }

        var again = await services.GetRequiredService<CdrIngestion>().IngestAsync(record, CancellationToken.None);
        Assert.Equal(CdrIngestOutcome.Duplicate, again.Outcome);
        Assert.Equal(Path.Combine(folder, "outbox.db"), outbox.DatabasePath);
    }

    [Fact]
    public async Task Metrics_scrape_is_prometheus_text_with_the_outbox_depth()
    {
        await using var factory = Factory();
        using var client = factory.CreateClient();
        _ = factory.Services.GetRequiredService<SqliteCdrOutbox>();

        var text = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));

        var samples = PrometheusText.Parse(text);
        Assert.Contains(samples, s => s.Name == "sipcube_outbox_depth" && s.Value == 0);
    }
}
