using System.Text;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Contracts;
using SipCube.Contracts.Cdrs;
using SipCube.ControlPlane.Cdrs;
using SipCube.ControlPlane.Functions;
using SipCube.ServiceBusBroker;
using SipCube.Testing;

namespace SipCube.ControlPlane.Functions.Tests.CdrIngest;

/// <summary>CdrIngest in-process: the real Service Bus SDK against the test broker, SQLite CDR store.</summary>
public sealed class CdrIngestFunctionTests : IAsyncLifetime
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "sipcube-ingest-" + Guid.NewGuid().ToString("N"));
    readonly ServiceBusTestBroker broker = new(FreePort.Tcp());
    BrokerEntity queue = null!;
    ServiceProvider services = null!;

    public Task InitializeAsync()
    {
        queue = broker.AddQueue("cdr", maxDeliveryCount: 3);
        broker.Start();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SipCube:Bus:ServiceBus:ConnectionString"] = broker.ConnectionString })
            .Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddControlPlaneCore(null);
        collection.AddControlPlaneSqlite(folder);
        collection.AddCdrIngest(configuration);
        collection.AddSingleton<CdrIngestFunction>();
        services = collection.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        broker.Dispose();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    static CallDetailRecord Record(string callId) => new()
    {
        CallId = callId,
        Direction = CallDirection.ConnectyCubeToSip,
        StartUtc = DateTimeOffset.UtcNow.AddMinutes(-2),
        EndUtc = DateTimeOffset.UtcNow,
        TerminationCause = "normal_clearing",
        MediaNodeId = "node-1",
    };

    async Task SendAsync(string messageId, byte[] body)
    {
        await using var sender = services.GetRequiredService<ServiceBusClient>().CreateSender("cdr");
        await sender.SendMessageAsync(new ServiceBusMessage(body) { MessageId = messageId, Subject = "cdr", ContentType = "application/json" });
    }

    static byte[] Json(CallDetailRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, ContractsJsonContext.Default.CallDetailRecord);

    [Fact]
    public async Task Duplicate_deliveries_of_a_cdr_store_it_once_and_empty_the_queue()
    {
        await SendAsync("call-1", Json(Record("call-1")));
        await SendAsync("call-1", Json(Record("call-1")));
        await SendAsync("call-2", Json(Record("call-2")));
        var function = services.GetRequiredService<CdrIngestFunction>();

        var result = await function.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(2, result.Stored);
        Assert.Equal(1, result.Duplicates);
        Assert.Empty(queue.Snapshot());
        var again = await services.GetRequiredService<CdrIngestion>().IngestAsync(Record("call-1"));
        Assert.Equal(CdrIngestOutcome.Duplicate, again.Outcome);
    }

    [Fact]
    public async Task A_malformed_cdr_is_dead_lettered_with_the_reason()
    {
        await SendAsync("junk", Encoding.UTF8.GetBytes("{\"callId\":"));
        var invalid = Record("call-3") with { TerminationCause = "" };
        await SendAsync("call-3", Json(invalid));

        var result = await services.GetRequiredService<CdrIngestFunction>().DrainOnceAsync(CancellationToken.None);

        Assert.Equal(2, result.DeadLettered);
        var dead = queue.DeadLetters.Snapshot();
        Assert.All(dead, d => Assert.Equal("MalformedCdr", d.DeadLetterReason));
        Assert.Contains(dead, d => d.DeadLetterErrorDescription!.StartsWith("invalid CDR JSON", StringComparison.Ordinal));
        Assert.Contains(dead, d => d.DeadLetterErrorDescription == "terminationCause is required");
    }

    [Fact]
    public async Task Without_service_bus_configuration_the_run_is_skipped()
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        collection.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        collection.AddControlPlaneCore(null);
        collection.AddControlPlaneSqlite(folder);
        collection.AddCdrIngest(new ConfigurationBuilder().Build());
        collection.AddSingleton<CdrIngestFunction>();
        await using var provider = collection.BuildServiceProvider();

        var result = await provider.GetRequiredService<CdrIngestFunction>().DrainOnceAsync(CancellationToken.None);

        Assert.Equal(default, result);
    }
}
