using System.Net;
using System.Text.Json;
using SipCube.MediaNode.Tests.Hosting;

namespace SipCube.MediaNode.Tests.Demo;

/// <summary>The real Program (as <c>dotnet run</c> composes it) serves the demo page and its configuration.</summary>
public sealed class DemoInNodeTests
{
    [Fact]
    public async Task The_single_box_serves_the_demo_page_and_points_it_at_its_emulator()
    {
        using var node = new NodeFactory();
        using var client = node.CreateClient();

        var page = await client.GetAsync(new Uri("/demo/", UriKind.Relative));
        var sdk = await client.GetAsync(new Uri("/demo/connectycube.min.js", UriKind.Relative));
        using var config = JsonDocument.Parse(await client.GetStringAsync(new Uri("/demo/config.json", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("window.sipcubeDemo", await client.GetStringAsync(new Uri("/demo/demo.js", UriKind.Relative)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sdk.StatusCode);
        Assert.True(config.RootElement.GetProperty("emulator").GetBoolean());
        Assert.Equal("http://127.0.0.1:7080", config.RootElement.GetProperty("apiUrl").GetString());
        Assert.Equal("ws://127.0.0.1:7080/ws", config.RootElement.GetProperty("chatUrl").GetString());
    }
}
