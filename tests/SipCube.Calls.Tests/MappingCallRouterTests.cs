using SipCube.Calls.Ports;
using SipCube.Calls.Routing;
using SipCube.Calls.Tests.Fakes;

namespace SipCube.Calls.Tests;

public class MappingCallRouterTests
{
    private readonly FakeMappings mappings = new();

    public MappingCallRouterTests()
    {
        mappings.Mappings.Add(CallHarness.Alice);
        mappings.Mappings.Add(FakeMappings.Alias("bob", 2002));
        mappings.Mappings.Add(FakeMappings.Alias("ghost", null));
        mappings.Mappings.Add(CallHarness.Carol);
    }

    private Task<CallRoute> RouteAsync(string user, string domain = "example.test", bool numeric = false, MappingIdentityFactory? caller = null)
    {
        var options = new CallRoutingOptions { AllowNumericConnectyCubeIds = numeric };
        options.LocalDomains.Add("pbx.example.test");
        var router = new MappingCallRouter(mappings, mappings, options);
        return router.RouteFromPhoneAsync(
            new PhoneCallRequest
            {
                SipCallId = "c",
                Caller = caller?.Invoke() ?? CallHarness.Alice,
                TargetUser = user,
                TargetDomain = domain,
                SdpOffer = "o",
            },
            CancellationToken.None).AsTask();
    }

    internal delegate Contracts.Mappings.MappingIdentity MappingIdentityFactory();

    [Theory]
    [InlineData("bob", "example.test", false, null)]
    [InlineData("bob", "EXAMPLE.test", false, null)]
    [InlineData("ghost", "example.test", false, TerminationReason.NotFound)]
    [InlineData("carol", "example.test", false, TerminationReason.Forbidden)]
    [InlineData("bob", "attacker.example", false, TerminationReason.Forbidden)]
    [InlineData("+15551234567", "example.test", true, TerminationReason.NotFound)]
    [InlineData("4711", "example.test", false, TerminationReason.NotFound)]
    [InlineData("4711", "attacker.example", true, TerminationReason.Forbidden)]
    [InlineData("1001", "example.test", true, TerminationReason.Forbidden)]
    [InlineData("0", "example.test", true, TerminationReason.NotFound)]
    [InlineData("99999999999999999999", "example.test", true, TerminationReason.NotFound)]
    public async Task Phone_routes_follow_the_rules(string user, string domain, bool numeric, TerminationReason? refusal)
    {
        var route = await RouteAsync(user, domain, numeric);

        Assert.Equal(refusal, route.Refusal);
    }

    [Fact]
    public async Task Alias_routes_to_its_connectycube_user_as_the_caller()
    {
        var route = await RouteAsync("bob");

        Assert.Equal(new AppCallTarget(2002, CallHarness.Alice), route.App);
    }

    [Fact]
    public async Task Numeric_user_in_a_configured_local_domain_routes_to_that_id()
    {
        var route = await RouteAsync("4711", "pbx.example.test", numeric: true);

        Assert.Equal(4711, route.App!.CalleeUserId);
    }

    [Fact]
    public async Task Caller_without_connectycube_credentials_is_forbidden()
    {
        var route = await RouteAsync("bob", caller: () => FakeMappings.Phone("dave", 5005, withCredentials: false));

        Assert.Equal(TerminationReason.Forbidden, route.Refusal);
    }

    [Fact]
    public async Task App_call_to_a_registered_phone_forks_to_its_contacts()
    {
        var contact = new SipContact("sip:carol@10.0.0.5");
        mappings.Contacts[CallHarness.Carol.SipUri] = [contact];
        var router = new MappingCallRouter(mappings, mappings, new CallRoutingOptions());

        var route = await router.RouteFromAppAsync(new AppCallRequest { SessionId = "s", CallerUserId = 2002, CalleeUserId = 3003, SdpOffer = "o" }, CancellationToken.None);

        Assert.Null(route.Refusal);
        Assert.Equal([contact], route.Contacts);
        Assert.Same(CallHarness.Carol, route.Phone);
    }

    [Theory]
    [InlineData(3003, TerminationReason.Unavailable)]
    [InlineData(2002, TerminationReason.NotFound)]
    [InlineData(9999, TerminationReason.NotFound)]
    public async Task App_calls_to_unreachable_identities_are_refused(long callee, TerminationReason refusal)
    {
        var router = new MappingCallRouter(mappings, mappings, new CallRoutingOptions());

        var route = await router.RouteFromAppAsync(new AppCallRequest { SessionId = "s", CallerUserId = 2002, CalleeUserId = callee, SdpOffer = "o" }, CancellationToken.None);

        Assert.Equal(refusal, route.Refusal);
    }
}
