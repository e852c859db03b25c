using System.Net;
using System.Net.Http.Json;
using SipCube.ConnectyCube.Emulator.Rest;

namespace SipCube.ConnectyCube.Emulator.Tests;

public sealed class SignedSessionTests : IAsyncLifetime
{
    private ConnectyCubeEmulatorHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _host = await ConnectyCubeEmulatorHost.StartAsync(new EmulatorOptions { Url = "http://127.0.0.1:0", AuthSecret = "s3cret" });
        _http = new HttpClient { BaseAddress = _host.ApiUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task With_an_auth_secret_a_correct_signature_is_accepted_and_a_wrong_one_refused()
    {
        var canonical = "application_id=1&auth_key=sipcube-local&nonce=4711&timestamp=1760000000&user[login]=alice&user[password]=secret1";
        var signature = LegacySignature.Sign(canonical, "s3cret");
        object Body(string sig) => new
        {
            application_id = 1,
            auth_key = "sipcube-local",
            nonce = 4711,
            timestamp = 1760000000,
            user = new { login = "alice", password = "secret1" },
            signature = sig,
        };

        using var ok = await _http.PostAsJsonAsync("/session.json", Body(signature));
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        using var bad = await _http.PostAsJsonAsync("/session.json", Body(new string('0', 40)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Unexpected signature", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unsigned = await _http.PostAsJsonAsync("/session.json", new { application_id = 1, auth_key = "sipcube-local" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unsigned.StatusCode);
    }
}
