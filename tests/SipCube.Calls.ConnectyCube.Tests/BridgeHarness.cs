using SipCube.Calls.ConnectyCube.Tests.Fakes;
using SipCube.Calls.Ports;
using SipCube.ConnectyCube;
using SipCube.ConnectyCube.Emulator;
using SipCube.ConnectyCube.Rest;
using SipCube.ConnectyCube.Signaling;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.ConnectyCube.Tests;

/// <summary>
/// An in-process ConnectyCube emulator (real XMPP over WebSocket), the identity pool and app-leg factory under test,
/// and a real <see cref="CallRegistry"/> whose other ports are fakes. App users are plain C# chat identities.
/// </summary>
internal sealed class BridgeHarness : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly HttpClient http = new();
    private readonly List<IAsyncDisposable> owned = [];

    private BridgeHarness(ConnectyCubeEmulatorHost emulator, string offerToApp)
    {
        Emulator = emulator;
        Rest = new ConnectyCubeRestClient(http, new ConnectyCubeRestOptions { ApiUrl = emulator.ApiUri, ApplicationId = 1, AuthKey = "sipcube-local" });
        Tokens = new ConnectyCubeTokenCache(Rest);
        ChatOptions = new ConnectyCubeChatOptions { ChatUrl = emulator.ChatUri, ChatDomain = "127.0.0.1" };
        Pool = new ConnectyCubeIdentityPool(Tokens, ChatOptions, new ConnectyCubeIdentityPoolOptions { RetryDelay = TimeSpan.FromMilliseconds(50) });
        AppLegs = new ConnectyCubeAppLegFactory(Pool);
        Node = new FakeNode(AppLegs, offerToApp);
        Registry = new CallRegistry(new CallSessionServices { Router = Node, Legs = Node, Events = Node });
        AppLegs.AcceptInboundCalls(Registry);
    }

    public ConnectyCubeEmulatorHost Emulator { get; }

    public ConnectyCubeRestClient Rest { get; }

    public ConnectyCubeTokenCache Tokens { get; }

    public ConnectyCubeChatOptions ChatOptions { get; }

    public ConnectyCubeIdentityPool Pool { get; }

    public ConnectyCubeAppLegFactory AppLegs { get; }

    public FakeNode Node { get; }

    public CallRegistry Registry { get; }

    public static async Task<BridgeHarness> StartAsync(string offerToApp = "v=0\r\no=- 9 1 IN IP4 127.0.0.1\r\ns=offer-to-app\r\n")
    {
        var emulator = await ConnectyCubeEmulatorHost.StartAsync(new EmulatorOptions { Url = "http://127.0.0.1:0" });
        return new BridgeHarness(emulator, offerToApp);
    }

    /// <summary>A phone mapping whose ConnectyCube user exists in the emulator.</summary>
    public async Task<MappingIdentity> CreatePhoneAsync(string user, string? displayName = null)
    {
        var login = $"phone-{user}-{Guid.NewGuid():N}"[..24];
        var session = await Rest.CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin(login, "pw-" + user));
        return new MappingIdentity
        {
            SipUri = $"sip:{user}@example.test",
            User = user,
            Domain = "example.test",
            ConnectyCubeUserId = session.UserId,
            DisplayName = displayName,
            Ha1Md5 = "00000000000000000000000000000000",
            ConnectyCube = new ConnectyCubeCredentials(login, "pw-" + user),
        };
    }

    /// <summary>An app user logged in to chat, recording every signal it receives.</summary>
    public async Task<AppUser> StartAppUserAsync(TimeProvider? time = null)
    {
        var login = "app-" + Guid.NewGuid().ToString("N")[..10];
        var identity = await ConnectyCubeChatIdentity.StartAsync(Tokens, ConnectyCubeUserCredentials.ForLogin(login, "pw-app"), ChatOptions, time);
        await identity.Chat.WaitOnlineAsync(Wait);
        var user = new AppUser(identity);
        owned.Add(user);
        return user;
    }

    /// <summary>A ConnectyCube user that exists but has no chat session.</summary>
    public async Task<int> CreateOfflineUserAsync() =>
        (await Rest.CreateSessionAsync(ConnectyCubeUserCredentials.ForLogin("off-" + Guid.NewGuid().ToString("N")[..10], "pw"))).UserId;

    /// <summary>Starts a phone -> app call the way the SIP adapter does.</summary>
    public FakeSipLeg PhoneCalls(MappingIdentity phone, long callee)
    {
        Node.AppCallee = callee;
        var session = Registry.TryStart(Guid.NewGuid().ToString("N")) ?? throw new InvalidOperationException("registry refused");
        var leg = new FakeSipLeg("inbound", session.Sink);
        session.Sink.Post(new CallEvent.PhoneCallStarted(leg, new PhoneCallRequest
        {
            SipCallId = "sip-" + session.CallId,
            Caller = phone,
            TargetUser = callee.ToString(System.Globalization.CultureInfo.InvariantCulture),
            TargetDomain = "example.test",
            SdpOffer = "v=0\r\ns=phone-offer\r\n",
        }));
        return leg;
    }

    public async Task<FakeSipLeg> ForkAsync()
    {
        await Eventually.TrueAsync(() => !Node.Forks.IsEmpty, "the session forked to the phone");
        Node.Forks.TryPeek(out var fork);
        return fork!;
    }

    public async ValueTask DisposeAsync()
    {
        AppLegs.Dispose();
        await Registry.DrainAsync(CancellationToken.None).WaitAsync(Wait);
        foreach (var item in owned)
        {
            await item.DisposeAsync();
        }

        await Pool.DisposeAsync();
        await Emulator.DisposeAsync();
        http.Dispose();
    }
}
