using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using SipCube.Testing;

namespace SipCube.MediaNode.Tests.Demo;

public sealed class DemoEndpointsTests
{
    [Fact]
    public async Task The_page_its_script_and_the_real_sdk_bundle_are_served_from_the_build_output()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        var page = await client.GetAsync(new Uri("/demo/", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var script = await client.GetAsync(new Uri("/demo/demo.js", UriKind.Relative));
        var sdk = await client.GetAsync(new Uri("/demo/connectycube.min.js", UriKind.Relative));
        var sdkText = await sdk.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("""<script src="connectycube.min.js">""", html, StringComparison.Ordinal);
        Assert.Contains("""<script src="demo.js">""", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("window.sipcubeDemo", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, sdk.StatusCode);
        Assert.Equal("text/javascript", sdk.Content.Headers.ContentType?.MediaType);
        // The npm bundle itself (hundreds of kB, exporting the global the page uses), not a stub.
        Assert.True(sdkText.Length > 200_000, $"SDK bundle is only {sdkText.Length} chars");
        Assert.Contains("ConnectyCube", sdkText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_without_a_trailing_slash_redirects_and_keeps_the_tone_parameter()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        var response = await client.GetAsync(new Uri("/demo?tone=600", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/demo/?tone=600", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/demo/package.json")]
    [InlineData("/demo/package-lock.json")]
    [InlineData("/demo/DemoEndpoints.cs")]
    [InlineData("/demo/..%2Fappsettings.json")]
    [InlineData("/demo/node_modules/connectycube/package.json")]
    public async Task Nothing_but_the_listed_page_files_is_served(string path)
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Config_points_the_page_at_the_emulator_the_node_started()
    {
        var port = FreePort.Tcp();
        var settings = new Dictionary<string, string?> { ["SipCube:Emulator:Url"] = $"http://127.0.0.1:{port}" };
        await using var app = await StartAsync(settings);
        using var client = app.GetTestClient();

        var config = await GetConfigAsync(client);

        Assert.True(config.GetProperty("emulator").GetBoolean());
        Assert.Equal(1, config.GetProperty("appId").GetInt32());
        Assert.Equal("sipcube-local", config.GetProperty("authKey").GetString());
        Assert.Equal($"http://127.0.0.1:{port}", config.GetProperty("apiUrl").GetString());
        Assert.Equal($"ws://127.0.0.1:{port}/ws", config.GetProperty("chatUrl").GetString());
        Assert.Equal("127.0.0.1", config.GetProperty("chatDomain").GetString());
        Assert.False(config.TryGetProperty("authSecret", out _));
        Assert.True(config.GetProperty("answerSeconds").GetInt32() > 0);
    }

    [Fact]
    public async Task Config_hands_out_the_emulator_secret_because_it_is_a_local_test_value()
    {
        var settings = new Dictionary<string, string?> { ["SipCube:Emulator:AuthSecret"] = "local-secret" };
        await using var app = await StartAsync(settings);
        using var client = app.GetTestClient();

        var config = await GetConfigAsync(client);

        Assert.Equal("local-secret", config.GetProperty("authSecret").GetString());
    }

    [Fact]
    public async Task Config_for_a_real_account_carries_only_what_the_sdk_needs_and_never_the_secret()
    {
        var settings = new Dictionary<string, string?>
        {
            ["SipCube:ConnectyCube:ApplicationId"] = "4711",
            ["SipCube:ConnectyCube:AuthKey"] = "real-key",
            ["SipCube:ConnectyCube:AuthSecret"] = "real-secret-never-in-a-browser",
        };
        await using var app = await StartAsync(settings);
        using var client = app.GetTestClient();

        var response = await client.GetAsync(new Uri("/demo/config.json", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        var config = JsonDocument.Parse(text).RootElement;

        Assert.DoesNotContain("real-secret", text, StringComparison.Ordinal);
        Assert.False(config.GetProperty("emulator").GetBoolean());
        Assert.Equal(4711, config.GetProperty("appId").GetInt32());
        Assert.Equal("real-key", config.GetProperty("authKey").GetString());
        Assert.Equal("https://api.connectycube.com", config.GetProperty("apiUrl").GetString());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    private static async Task<JsonElement> GetConfigAsync(HttpClient client)
    {
        var response = await client.GetAsync(new Uri("/demo/config.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    private static async Task<WebApplication> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var app = DemoHost.Build(settings);
        await app.StartAsync();
        return app;
    }
}
