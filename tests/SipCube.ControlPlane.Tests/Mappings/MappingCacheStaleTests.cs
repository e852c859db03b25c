using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Tests.Mappings;

/// <summary>Issue 12: the cache reloads everything after a bus outage, and serves what it knew while the store is down.</summary>
public sealed class MappingCacheStaleTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FlakyStore _store = new();
    private readonly CachedMappingLookup _lookup;

    public MappingCacheStaleTests()
    {
        _lookup = new CachedMappingLookup(_store, new CredentialCipher(null), _clock,
            new ControlPlaneMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            new MappingChangeFeed(NullLogger<MappingChangeFeed>.Instance));
    }

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Hits_are_served_from_memory_until_marked_stale_then_reloaded_from_the_store()
    {
        _store.Put("one");
        Assert.Equal("one", (await _lookup.FindBySipUriAsync("1001", "example.com"))!.DisplayName);
        Assert.Equal("one", (await _lookup.FindByConnectyCubeUserIdAsync(7))!.DisplayName);

        // Another writer changes the mapping and its control message is lost: memory still says "one".
        _store.Put("two");
        var reads = _store.Reads;
        Assert.Equal("one", (await _lookup.FindBySipUriAsync("1001", "example.com"))!.DisplayName);
        Assert.Equal(reads, _store.Reads);

        _lookup.MarkAllStale();

        Assert.Equal("two", (await _lookup.FindBySipUriAsync("1001", "example.com"))!.DisplayName);
        Assert.Equal("two", (await _lookup.FindByConnectyCubeUserIdAsync(7))!.DisplayName);
        Assert.Equal(reads + 2, _store.Reads);
    }

    [Fact]
    public async Task While_the_store_fails_stale_and_expired_entries_are_served_and_unknown_keys_fail()
    {
        _store.Put("one");
        await _lookup.FindBySipUriAsync("1001", "example.com");
        await _lookup.FindByConnectyCubeUserIdAsync(7);
        _lookup.MarkAllStale();
        _store.Failing = true;

        Assert.Equal("one", (await _lookup.FindBySipUriAsync("1001", "example.com"))!.DisplayName);
        Assert.Equal("one", (await _lookup.FindByConnectyCubeUserIdAsync(7))!.DisplayName);
        _clock.Advance(CachedMappingLookup.PositiveLifetime + TimeSpan.FromMinutes(1));
        Assert.Equal("one", (await _lookup.FindBySipUriAsync("1001", "example.com"))!.DisplayName);
        await Assert.ThrowsAsync<IOException>(async () => await _lookup.FindBySipUriAsync("1002", "example.com"));

        _store.Failing = false;
        _store.Put("two");
        Assert.Equal("two", (await _lookup.FindBySipUriAsync("1001", "example.com"))!.DisplayName);
    }

    [Fact]
    public async Task An_entry_removed_by_a_known_change_is_never_served_stale()
    {
        _store.Put("one");
        await _lookup.FindBySipUriAsync("1001", "example.com");
        _lookup.Invalidate(new Contracts.Mappings.MappingChanged("sip:1001@example.com", null, 7, Contracts.Mappings.MappingChangeKind.Deleted));
        _store.Failing = true;

        await Assert.ThrowsAsync<IOException>(async () => await _lookup.FindBySipUriAsync("1001", "example.com"));
    }

    /// <summary>One mapping <c>sip:1001@example.com</c> (ConnectyCube 7) whose reads can be made to fail.</summary>
    private sealed class FlakyStore : IMappingStore
    {
        private MappingRecord? _record;

        public bool Failing { get; set; }

        public int Reads { get; private set; }

        public void Put(string displayName) => _record = new MappingRecord
        {
            SipUri = "sip:1001@example.com",
            User = "1001",
            Domain = "example.com",
            ConnectyCubeUserId = 7,
            DisplayName = displayName,
            Version = MappingRecord.NewVersion(),
        };

        public Task<MappingRecord?> GetAsync(string sipUri, CancellationToken cancellationToken) =>
            Read(sipUri == _record?.SipUri ? _record : null);

        public Task<MappingRecord?> FindByConnectyCubeUserIdAsync(long connectyCubeUserId, CancellationToken cancellationToken) =>
            Read(connectyCubeUserId == _record?.ConnectyCubeUserId ? _record : null);

        public Task<MappingWriteOutcome> CreateAsync(MappingRecord record, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<MappingWriteOutcome> UpdateAsync(MappingRecord record, string? expectedVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<MappingWriteOutcome> DeleteAsync(string sipUri, string? expectedVersion, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<MappingRecordPage> ListAsync(int pageSize, string? continuationToken, CancellationToken cancellationToken) => throw new NotSupportedException();

        private Task<MappingRecord?> Read(MappingRecord? record)
        {
            Reads++;
            return Failing ? Task.FromException<MappingRecord?>(new IOException("store down")) : Task.FromResult(record);
        }
    }
}
