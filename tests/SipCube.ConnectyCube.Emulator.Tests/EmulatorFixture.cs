using System.Net.Http.Json;
using System.Text.Json;

namespace SipCube.ConnectyCube.Emulator.Tests;

/// <summary>One emulator on a free loopback port per test class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public ConnectyCubeEmulatorHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await ConnectyCubeEmulatorHost.StartAsync(new EmulatorOptions { Url = "http://127.0.0.1:0" });
        Http = new HttpClient { BaseAddress = Host.ApiUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }

    /// <summary>Logs a user in (creating it) and returns (userId, token).</summary>
    public async Task<(int UserId, string Token)> LoginAsync(string login, string password, int applicationId = 1)
    {
        using var response = await Http.PostAsJsonAsync("/session.json", new
        {
            application_id = applicationId,
            auth_key = "sipcube-local",
            user = new { login, password },
        });
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var session = doc.RootElement.GetProperty("session");
        return (session.GetProperty("user_id").GetInt32(), session.GetProperty("token").GetString()!);
    }
}
