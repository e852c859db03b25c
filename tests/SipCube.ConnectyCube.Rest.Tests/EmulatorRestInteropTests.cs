using SipCube.ConnectyCube.Emulator;

namespace SipCube.ConnectyCube.Rest.Tests;

public sealed class EmulatorRestInteropTests
{
    [Fact]
    public async Task Client_creates_sessions_signs_up_and_reads_users_against_the_emulator()
    {
        await using var emulator = await ConnectyCubeEmulatorHost.StartAsync(new EmulatorOptions { Url = "http://127.0.0.1:0" });
        using var http = new HttpClient();
        var client = new ConnectyCubeRestClient(http, new ConnectyCubeRestOptions { ApiUrl = emulator.ApiUri, ApplicationId = 1, AuthKey = "sipcube-local" });

        var app = await client.CreateSessionAsync(null);
        Assert.Equal(0, app.UserId);
        var created = await client.SignUpAsync(app.Token, "rest-bob", "pw-bob", "Bob");
        var bob = await client.CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin("rest-bob", "pw-bob"));
        Assert.Equal(created.Id, bob.UserId);
        Assert.Equal("Bob", (await client.GetUserAsync(bob.Token, created.Id)).FullName);

        await client.DestroySessionAsync(bob.Token);
        var gone = await Assert.ThrowsAsync<ConnectyCubeApiException>(() => client.GetSessionAsync(bob.Token));
        Assert.Equal(ConnectyCubeErrorKind.SessionExpired, gone.Kind);

        var wrong = await Assert.ThrowsAsync<ConnectyCubeApiException>(() => client.CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin("rest-bob", "nope")));
        Assert.Equal(ConnectyCubeErrorKind.Unauthorized, wrong.Kind);
    }

    [Fact]
    public async Task Signed_sessions_are_accepted_by_an_emulator_that_checks_signatures_and_a_wrong_secret_is_refused()
    {
        await using var emulator = await ConnectyCubeEmulatorHost.StartAsync(new EmulatorOptions { Url = "http://127.0.0.1:0", AuthSecret = "s3cret" });
        using var http = new HttpClient();
        ConnectyCubeRestClient Client(string secret) => new(http, new ConnectyCubeRestOptions { ApiUrl = emulator.ApiUri, ApplicationId = 1, AuthKey = "sipcube-local", AuthSecret = secret });

        var session = await Client("s3cret").CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin("signed", "pw"));
        Assert.True(session.UserId > 0);
        var error = await Assert.ThrowsAsync<ConnectyCubeApiException>(() => Client("wrong").CreateSessionAsync(null));
        Assert.Equal(ConnectyCubeErrorKind.InvalidRequest, error.Kind);
        Assert.Contains("base: Unexpected signature", error.Errors);
    }
}
