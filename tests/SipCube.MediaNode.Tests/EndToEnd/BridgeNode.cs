using System.Globalization;
using System.Text.Json;
using SipCube.Testing;
using SipCube.Testing.Browser;
using SipCube.Testing.Phones;

namespace SipCube.MediaNode.Tests.EndToEnd;

/// <summary>
/// What every end-to-end call test shares: one real node (with its emulator), one ConnectyCube app user in headless
/// Chromium on the node's /demo page (sending a 600 Hz tone), an alias mapping <c>sip:app@127.0.0.1</c> for that user,
/// and phone mappings <c>sip:100N@127.0.0.1</c> (password <see cref="PhonePassword"/>) whose ConnectyCube identities the
/// node logs in. Started lazily from inside a test, after the test checked its peers (a skip cannot come from a fixture).
/// </summary>
public sealed class BridgeNode : IAsyncLifetime
{
    /// <summary>The SIP password of every phone mapping.</summary>
    public const string PhonePassword = "s3cret-phone";

    /// <summary>The tone the app user's browser sends.</summary>
    public const int AppToneHz = 600;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, int> phoneIdentities = new(StringComparer.Ordinal);

    /// <summary>The node.</summary>
    public NodeProcess Node { get; private set; } = null!;

    /// <summary>The app user.</summary>
    public AppUserBrowser App { get; private set; } = null!;

    /// <summary>The registrar address phones use, <c>127.0.0.1:port</c>.</summary>
    public string Registrar => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Node.SipPort}");

    /// <summary>Starts the node and the app user once.</summary>
    public async Task StartAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (Node is not null)
            {
                return;
            }

            var node = await NodeProcess.StartAsync();
            try
            {
                var app = await AppUserBrowser.StartAsync(node.BaseUrl, "app-user", "app-password", AppToneHz);
                using var response = await node.Api.PostAsync("api/mappings", JsonContent(new { sipUri = "sip:app@127.0.0.1", connectyCubeUserId = app.UserId, displayName = "App user" }));
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                (Node, App) = (node, app);
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Marks every app event seen so far as consumed, so a test only waits for events of its own calls.</summary>
    public async Task ForgetAppEventsAsync()
    {
        foreach (var name in App.Events.Select(e => e.GetProperty("event").GetString()!).Distinct().ToList())
        {
            while (true)
            {
                try
                {
                    await App.WaitForEventAsync(name, TimeSpan.Zero);
                }
                catch (TimeoutException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Creates (once) the phone mapping <c>sip:<paramref name="user"/>@127.0.0.1</c> with its own ConnectyCube
    /// identity; returns that identity's user id.</summary>
    public async Task<int> PhoneAsync(string user)
    {
        await gate.WaitAsync();
        try
        {
            if (phoneIdentities.TryGetValue(user, out var id))
            {
                return id;
            }

            var login = "phone-" + user;
            id = await Node.SignUpConnectyCubeUserAsync(login, "identity-" + user);
            await Node.CreatePhoneMappingAsync(user, PhonePassword, id, login, "identity-" + user, "Phone " + user);
            phoneIdentities[user] = id;
            return id;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Waits until the node logged the ConnectyCube identity of phone <paramref name="user"/> in (it does so after
    /// the phone's REGISTER; an app call to the identity before that finds it offline).</summary>
    public async Task WaitForIdentityOnlineAsync(string user, TimeSpan timeout)
    {
        var line = $"ConnectyCube identity of sip:{user}@127.0.0.1 logged in";
        var deadline = DateTime.UtcNow + timeout;
        while (!Node.Output.Contains(line, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{line}' not logged:\n{Node.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits for the CDR of the next call that involves <paramref name="sipUser"/> and started after
    /// <paramref name="since"/>.</summary>
    public Task<JsonElement> WaitForCdrAsync(string sipUser, DateTimeOffset since, TimeSpan timeout) =>
        Node.WaitForCdrAsync(
            cdr => (Is(cdr, "fromSipUri", sipUser) || Is(cdr, "toSipUri", sipUser))
                && cdr.GetProperty("startUtc").GetDateTimeOffset() >= since.AddSeconds(-1),
            timeout);

    /// <inheritdoc/>
    /// <summary>Requires the peers of a phone/app call test, starts the node and the app user, forgets earlier app
    /// events and maps <paramref name="phoneUser"/>; returns the instant the test's CDRs are looked up from.</summary>
    public async Task<DateTimeOffset> PrepareCallAsync(string phoneUser)
    {
        InteropPeer.RequirePrivateNetwork();
        InteropPeer.Require("sipp");
        InteropPeer.Require("chromium");
        InteropPeer.Require("node");
        await StartAsync();
        await ForgetAppEventsAsync();
        await PhoneAsync(phoneUser);
        return DateTimeOffset.UtcNow;
    }

    /// <summary>A SIPp phone <paramref name="user"/> that authenticates with the phone password and calls the app user.</summary>
    public SippPhoneOptions SippCaller(string user, string scenario, TimeSpan timeout, params (string Name, string Value)[] variables) => new()
    {
        Scenario = scenario,
        Remote = Registrar,
        Service = "app",
        Caller = user,
        Domain = "127.0.0.1",
        AuthUser = user,
        AuthPassword = PhonePassword,
        Variables = variables.ToDictionary(v => v.Name, v => v.Value),
        Timeout = timeout,
    };

    /// <summary>The termination cause of a CDR from <see cref="WaitForCdrAsync"/>.</summary>
    public static string? CauseOf(JsonElement cdr) => cdr.GetProperty("terminationCause").GetString();

    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        gate.Dispose();
    }

    private static bool Is(JsonElement cdr, string property, string sipUser) =>
        cdr.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString()!.StartsWith("sip:" + sipUser + "@", StringComparison.Ordinal);

    private static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value), System.Text.Encoding.UTF8, "application/json");
}
