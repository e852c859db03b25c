using SipCube.Contracts.Mappings;
using SipCube.ControlPlane.Http;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Tests.Mappings;

public sealed class CachedMappingLookupTests : IDisposable
{
    private readonly ControlPlaneHarness _harness = new();

    private IMappingLookup Lookup => _harness.Get<IMappingLookup>();

    private async Task CreateAsync(string json) =>
        Assert.Equal(201, (await _harness.SendAsync(ControlPlaneRoutes.MappingsCreate, json)).StatusCode);

    [Fact]
    public async Task Finds_a_phone_by_sip_uri_with_hashes_realm_and_decrypted_credentials()
    {
        await CreateAsync("""{"sipUri":"sip:1001@Example.com","connectyCubeUserId":42,"displayName":"Desk","sipPassword":"pw","connectyCube":{"login":"l","password":"p"}}""");

        var found = await Lookup.FindBySipUriAsync("1001", "EXAMPLE.COM");

        Assert.NotNull(found);
        Assert.True(found.IsPhone);
        Assert.Equal("example.com", found.Realm);
        Assert.Equal(DigestHa1.Md5("1001", "example.com", "pw"), found.Ha1Md5);
        Assert.Equal(DigestHa1.Sha256("1001", "example.com", "pw"), found.Ha1Sha256);
        Assert.Equal(42, found.ConnectyCubeUserId);
        Assert.Equal("Desk", found.DisplayName);
        Assert.Equal("l", found.ConnectyCube!.Login);
        Assert.Equal("p", found.ConnectyCube.Password);
        Assert.Equal(found.SipUri, (await Lookup.FindByConnectyCubeUserIdAsync(42))?.SipUri);
    }

    [Fact]
    public async Task User_part_is_case_sensitive()
    {
        await CreateAsync("""{"sipUri":"sip:Alice@example.com","connectyCubeUserId":1}""");

        Assert.NotNull(await Lookup.FindBySipUriAsync("Alice", "example.com"));
        Assert.Null(await Lookup.FindBySipUriAsync("alice", "example.com"));
    }

    [Fact]
    public async Task Alias_without_password_is_not_a_phone()
    {
        await CreateAsync("""{"sipUri":"sip:app@example.com","connectyCubeUserId":5}""");

        var found = await Lookup.FindBySipUriAsync("app", "example.com");

        Assert.False(found!.IsPhone);
        Assert.Null(found.ConnectyCube);
    }

    [Fact]
    public async Task Writes_through_the_api_invalidate_cached_entries_and_misses()
    {
        Assert.Null(await Lookup.FindBySipUriAsync("1001", "example.com"));
        Assert.Null(await Lookup.FindByConnectyCubeUserIdAsync(7));
        await CreateAsync("""{"sipUri":"sip:1001@example.com","connectyCubeUserId":7,"displayName":"one"}""");
        Assert.Equal("one", (await Lookup.FindBySipUriAsync("1001", "example.com"))!.DisplayName);
        Assert.NotNull(await Lookup.FindByConnectyCubeUserIdAsync(7));

        var put = await _harness.SendAsync(ControlPlaneRoutes.MappingsUpdate, """{"connectyCubeUserId":8,"displayName":"two"}""", "sip:1001@example.com");
        Assert.Equal(200, put.StatusCode);

        Assert.Equal("two", (await Lookup.FindBySipUriAsync("1001", "example.com"))!.DisplayName);
        Assert.Null(await Lookup.FindByConnectyCubeUserIdAsync(7));
        Assert.Equal("two", (await Lookup.FindByConnectyCubeUserIdAsync(8))!.DisplayName);

        Assert.Equal(204, (await _harness.SendAsync(ControlPlaneRoutes.MappingsDelete, routeValue: "sip:1001@example.com")).StatusCode);
        Assert.Null(await Lookup.FindBySipUriAsync("1001", "example.com"));
        Assert.Null(await Lookup.FindByConnectyCubeUserIdAsync(8));
    }

    [Fact]
    public async Task Entries_expire_so_changes_made_elsewhere_show_up_without_a_notification()
    {
        var store = _harness.Get<IMappingStore>();
        Assert.Null(await Lookup.FindBySipUriAsync("1001", "example.com"));
        await store.CreateAsync(Storage.TestRecords.Mapping("sip:1001@example.com", 3), default);
        Assert.Null(await Lookup.FindBySipUriAsync("1001", "example.com"));

        _harness.Clock.Advance(CachedMappingLookup.NegativeLifetime + TimeSpan.FromSeconds(1));

        Assert.NotNull(await Lookup.FindBySipUriAsync("1001", "example.com"));
    }

    [Fact]
    public async Task Explicit_invalidation_from_the_bus_drops_the_entry()
    {
        var store = _harness.Get<IMappingStore>();
        Assert.Null(await Lookup.FindByConnectyCubeUserIdAsync(3));
        await store.CreateAsync(Storage.TestRecords.Mapping("sip:1001@example.com", 3), default);

        Lookup.Invalidate(new MappingChanged("sip:1001@example.com", 3, null, MappingChangeKind.Created));

        Assert.NotNull(await Lookup.FindByConnectyCubeUserIdAsync(3));
    }

    [Fact]
    public async Task Cached_hits_allocate_nothing()
    {
        await CreateAsync("""{"sipUri":"sip:1001@example.com","connectyCubeUserId":9}""");
        var lookup = Lookup;
        const string user = "1001";
        const string domain = "Example.com";
        Assert.NotNull(await lookup.FindBySipUriAsync(user, domain));
        Assert.NotNull(await lookup.FindByConnectyCubeUserIdAsync(9));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            var bySip = lookup.FindBySipUriAsync(user, domain);
            var byId = lookup.FindByConnectyCubeUserIdAsync(9);
            Assert.True(bySip.IsCompletedSuccessfully && byId.IsCompletedSuccessfully);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    public void Dispose() => _harness.Dispose();
}
