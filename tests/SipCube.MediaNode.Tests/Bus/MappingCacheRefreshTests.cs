using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SipCube.Azure.ServiceBus;
using SipCube.Contracts.Mappings;
using SipCube.MediaNode.Tests.Hosting;
using SipCube.ServiceBusBroker;
using SipCube.Testing;

namespace SipCube.MediaNode.Tests.Bus;

/// <summary>
/// Issue 12: the node's mapping cache after a bus outage, with the real Service Bus SDK against the test broker. A
/// mapping changes in the shared store while the broker is down and its control message is lost (here: never sent, as
/// when the writer's publish gave up); once the subscription answers again the node reloads its cache from the store.
/// </summary>
public sealed class MappingCacheRefreshTests
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_change_missed_during_a_broker_outage_is_picked_up_from_the_store_once_the_bus_is_back()
    {
        using var broker = new ServiceBusTestBroker(FreePort.Tcp());
        broker.AddQueue("cdr");
        var subscription = broker.AddTopic("control", ["node1"])[0];
        broker.Start();
        var settings = NodeFactory.OwnEmulator();
        settings["SipCube:Bus:ServiceBus:ConnectionString"] = broker.ConnectionString;
        settings["SipCube:Bus:ServiceBus:NodeId"] = "node1";
        settings["SipCube:Bus:ServiceBus:MaxRetries"] = "1";
        settings["SipCube:Bus:ServiceBus:RetryDelay"] = "00:00:00.100";
        settings["SipCube:Bus:ServiceBus:MaxRetryDelay"] = "00:00:00.500";
        settings["SipCube:Bus:ServiceBus:TryTimeout"] = "00:00:05";
        settings["SipCube:Bus:ServiceBus:OutageProbeInterval"] = "00:00:00.200";
        using var node = new NodeFactory(settings: settings);
        using var client = node.CreateClient();
        using var created = await client.PostAsync(new Uri("/api/mappings", UriKind.Relative), new StringContent(
            """{"sipUri":"sip:1001@127.0.0.1","connectyCubeUserId":7,"displayName":"one"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        // The node's own change notice goes round the bus too: let it be consumed before the cache is filled.
        await WaitUntilAsync(() => subscription.Snapshot().Count == 0, "the node's own control message to be completed");
        var lookup = node.Services.GetRequiredService<IMappingLookup>();
        Assert.Equal("one", await DisplayNameAsync(lookup));
        var listener = node.Services.GetServices<IHostedService>().OfType<ServiceBusControlListener>().Single();

        broker.Stop();
        await WaitUntilAsync(() => listener.InOutage, "the node to notice the outage");
        Rename(node.DataDirectory, "two");
        Assert.Equal("one", await DisplayNameAsync(lookup));

        broker.Start();
        await WaitUntilAsync(async () => await DisplayNameAsync(lookup) == "two", "the cache to reload after the outage");
        Assert.False(listener.InOutage);
        Assert.Equal(7, (await lookup.FindByConnectyCubeUserIdAsync(7))!.ConnectyCubeUserId);
    }

    static async ValueTask<string?> DisplayNameAsync(IMappingLookup lookup) =>
        (await lookup.FindBySipUriAsync("1001", "127.0.0.1"))?.DisplayName;

    /// <summary>Another writer of the shared store (another node, the control plane) changes the mapping.</summary>
    static void Rename(string dataDirectory, string displayName)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "sipcube.db"),
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE mappings SET display_name = $name WHERE sip_uri = 'sip:1001@127.0.0.1'";
        command.Parameters.AddWithValue("$name", displayName);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => ValueTask.FromResult(condition()), what);

    static async Task WaitUntilAsync(Func<ValueTask<bool>> condition, string what)
    {
        using var cts = new CancellationTokenSource(Wait);
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }
        }
    }
}
