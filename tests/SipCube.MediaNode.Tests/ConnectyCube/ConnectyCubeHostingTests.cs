using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SipCube.ConnectyCube;
using SipCube.ConnectyCube.Rest;
using SipCube.MediaNode.ConnectyCube;
using SipCube.Testing;

namespace SipCube.MediaNode.Tests.ConnectyCube;

public sealed class ConnectyCubeHostingTests
{
    [Fact]
    public void Without_an_application_id_the_node_uses_the_emulator_at_the_fixed_address()
    {
        using var host = Build(new Dictionary<string, string?>());
        var rest = host.Services.GetRequiredService<ConnectyCubeRestOptions>();
        var chat = host.Services.GetRequiredService<ConnectyCubeChatOptions>();
        Assert.Equal((1, "sipcube-local", "http://127.0.0.1:7080/"), (rest.ApplicationId, rest.AuthKey, rest.ApiUrl.ToString()));
        Assert.Equal("ws://127.0.0.1:7080/ws", chat.ChatUrl.ToString());
        Assert.NotNull(host.Services.GetService<ConnectyCubeEmulatorService>());
    }

    [Fact]
    public void With_an_application_id_the_emulator_is_never_started()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["SipCube:ConnectyCube:ApplicationId"] = "4711",
            ["SipCube:ConnectyCube:AuthKey"] = "real-key",
            ["SipCube:ConnectyCube:ChatUrl"] = "wss://chat.connectycube.com:5291",
        });
        Assert.Null(host.Services.GetService<ConnectyCubeEmulatorService>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is ConnectyCubeEmulatorService);
        var rest = host.Services.GetRequiredService<ConnectyCubeRestOptions>();
        Assert.Equal((4711, "real-key", "https://api.connectycube.com/"), (rest.ApplicationId, rest.AuthKey, rest.ApiUrl.ToString()));
        Assert.Equal("chat.connectycube.com", host.Services.GetRequiredService<ConnectyCubeChatOptions>().ChatDomain);
    }

    [Fact]
    public async Task Started_emulator_serves_sessions_to_the_registered_rest_client()
    {
        var port = FreePort.Tcp();
        using var host = Build(new Dictionary<string, string?> { ["SipCube:Emulator:Url"] = $"http://127.0.0.1:{port}" });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        try
        {
            var tokens = host.Services.GetRequiredService<ConnectyCubeTokenCache>();
            var session = await tokens.GetSessionAsync(ConnectyCubeUserCredentials.ForLogin("desk-2001", "pw"), timeout.Token);
            Assert.True(session.UserId > 0);
        }
        finally
        {
            await host.StopAsync(timeout.Token);
        }
    }

    private static IHost Build(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.AddConnectyCube();
        return builder.Build();
    }
}
