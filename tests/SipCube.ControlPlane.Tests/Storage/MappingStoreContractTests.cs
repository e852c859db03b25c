using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IMappingStore"/> must have; run against SQLite and against Table Storage on Azurite.
/// </summary>
public abstract class MappingStoreContractTests
{
    private protected abstract Task<IMappingStore> CreateStoreAsync();

    [SkippableFact]
    public async Task Created_mapping_reads_back_by_sip_uri_and_by_connectycube_id()
    {
        var store = await CreateStoreAsync();
        var record = TestRecords.Mapping("sip:Alice@example.com", 42, "Alice");
        Assert.Equal(MappingWriteOutcome.Ok, await store.CreateAsync(record, default));

        Assert.Equal(record, await store.GetAsync("sip:Alice@example.com", default));
        Assert.Equal(record, await store.FindByConnectyCubeUserIdAsync(42, default));
        Assert.Null(await store.GetAsync("sip:alice@example.com", default));
        Assert.Null(await store.FindByConnectyCubeUserIdAsync(43, default));
    }

    [SkippableFact]
    public async Task Second_create_of_the_same_sip_uri_is_a_duplicate_and_keeps_the_first()
    {
        var store = await CreateStoreAsync();
        var first = TestRecords.Mapping("sip:1001@example.com", 1, "first");
        await store.CreateAsync(first, default);

        var outcome = await store.CreateAsync(TestRecords.Mapping("sip:1001@example.com", 2, "second"), default);

        Assert.Equal(MappingWriteOutcome.DuplicateSipUri, outcome);
        Assert.Equal(first, await store.GetAsync(first.SipUri, default));
        Assert.Null(await store.FindByConnectyCubeUserIdAsync(2, default));
    }

    [SkippableFact]
    public async Task Create_with_a_connectycube_id_already_used_stores_nothing()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(TestRecords.Mapping("sip:1001@example.com", 7), default);

        var outcome = await store.CreateAsync(TestRecords.Mapping("sip:1002@example.com", 7), default);

        Assert.Equal(MappingWriteOutcome.DuplicateConnectyCubeUserId, outcome);
        Assert.Null(await store.GetAsync("sip:1002@example.com", default));
        Assert.Equal("sip:1001@example.com", (await store.FindByConnectyCubeUserIdAsync(7, default))!.SipUri);
    }

    [SkippableFact]
    public async Task Update_moves_the_connectycube_index_with_the_mapping()
    {
        var store = await CreateStoreAsync();
        var record = TestRecords.Mapping("sip:1001@example.com", 7);
        await store.CreateAsync(record, default);

        var updated = record with { ConnectyCubeUserId = 8, Version = MappingRecord.NewVersion() };
        Assert.Equal(MappingWriteOutcome.Ok, await store.UpdateAsync(updated, record.Version, default));

        Assert.Null(await store.FindByConnectyCubeUserIdAsync(7, default));
        Assert.Equal(updated, await store.FindByConnectyCubeUserIdAsync(8, default));
        var cleared = updated with { ConnectyCubeUserId = null, Version = MappingRecord.NewVersion() };
        Assert.Equal(MappingWriteOutcome.Ok, await store.UpdateAsync(cleared, updated.Version, default));
        Assert.Null(await store.FindByConnectyCubeUserIdAsync(8, default));
        Assert.Equal(cleared, await store.GetAsync(record.SipUri, default));
    }

    [SkippableFact]
    public async Task Update_to_a_connectycube_id_used_elsewhere_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var a = TestRecords.Mapping("sip:a@example.com", 1);
        await store.CreateAsync(a, default);
        await store.CreateAsync(TestRecords.Mapping("sip:b@example.com", 2), default);

        var outcome = await store.UpdateAsync(a with { ConnectyCubeUserId = 2, Version = MappingRecord.NewVersion() }, a.Version, default);

        Assert.Equal(MappingWriteOutcome.DuplicateConnectyCubeUserId, outcome);
        Assert.Equal(a, await store.GetAsync(a.SipUri, default));
        Assert.Equal(a, await store.FindByConnectyCubeUserIdAsync(1, default));
    }

    [SkippableFact]
    public async Task Stale_version_is_refused_for_update_and_delete()
    {
        var store = await CreateStoreAsync();
        var record = TestRecords.Mapping("sip:1001@example.com", 5);
        await store.CreateAsync(record, default);
        var v2 = record with { DisplayName = "v2", Version = MappingRecord.NewVersion() };
        Assert.Equal(MappingWriteOutcome.Ok, await store.UpdateAsync(v2, record.Version, default));

        Assert.Equal(MappingWriteOutcome.VersionMismatch,
            await store.UpdateAsync(record with { DisplayName = "lost", Version = MappingRecord.NewVersion() }, record.Version, default));
        Assert.Equal(MappingWriteOutcome.VersionMismatch, await store.DeleteAsync(record.SipUri, record.Version, default));
        Assert.Equal(v2, await store.GetAsync(record.SipUri, default));
    }

    [SkippableFact]
    public async Task Missing_mapping_is_not_found_for_update_and_delete()
    {
        var store = await CreateStoreAsync();
        Assert.Equal(MappingWriteOutcome.NotFound, await store.UpdateAsync(TestRecords.Mapping("sip:x@example.com"), null, default));
        Assert.Equal(MappingWriteOutcome.NotFound, await store.DeleteAsync("sip:x@example.com", null, default));
    }

    [SkippableFact]
    public async Task Delete_removes_the_mapping_and_its_index_row()
    {
        var store = await CreateStoreAsync();
        var record = TestRecords.Mapping("sip:1001@example.com", 9);
        await store.CreateAsync(record, default);

        Assert.Equal(MappingWriteOutcome.Ok, await store.DeleteAsync(record.SipUri, record.Version, default));

        Assert.Null(await store.GetAsync(record.SipUri, default));
        Assert.Null(await store.FindByConnectyCubeUserIdAsync(9, default));
        Assert.Equal(MappingWriteOutcome.Ok, await store.CreateAsync(TestRecords.Mapping("sip:1002@example.com", 9), default));
    }

    [SkippableFact]
    public async Task Sip_uris_with_key_hostile_characters_round_trip()
    {
        var store = await CreateStoreAsync();
        string[] uris = ["sip:a%2Fb@example.com", "sip:a?b@example.com", "sip:a/b@example.com", "sip:%23x%5C@example.com", "sip:a%25b@[2001:db8::1]"];
        foreach (var uri in uris)
        {
            Assert.Equal(MappingWriteOutcome.Ok, await store.CreateAsync(TestRecords.Mapping(uri), default));
        }

        foreach (var uri in uris)
        {
            var aor = TestRecords.Mapping(uri).SipUri;
            Assert.Equal(aor, (await store.GetAsync(aor, default))?.SipUri);
        }
    }

    [SkippableFact]
    public async Task List_pages_through_all_mappings_in_sip_uri_order()
    {
        var store = await CreateStoreAsync();
        var expected = Enumerable.Range(0, 7).Select(i => $"sip:user{i}@example.com").ToList();
        foreach (var uri in expected.AsEnumerable().Reverse())
        {
            await store.CreateAsync(TestRecords.Mapping(uri), default);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.ListAsync(3, token, default);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(r => r.SipUri));
            token = page.ContinuationToken;
            Assert.True(++pages < 10, "paging did not terminate");
        }
        while (token is not null);

        Assert.Equal(expected, seen);
    }

    [SkippableFact]
    public async Task Invalid_continuation_token_is_a_format_error()
    {
        var store = await CreateStoreAsync();
        await Assert.ThrowsAsync<FormatException>(() => store.ListAsync(3, "not a token!", default));
    }

    [SkippableFact]
    public async Task Concurrent_conditional_updates_lose_no_update()
    {
        var store = await CreateStoreAsync();
        await store.CreateAsync(TestRecords.Mapping("sip:counter@example.com", name: "0"), default);
        const int writers = 8;
        const int incrementsEach = 5;

        async Task IncrementAsync()
        {
            for (var done = 0; done < incrementsEach;)
            {
                var current = (await store.GetAsync("sip:counter@example.com", default))!;
                var next = current with { DisplayName = (int.Parse(current.DisplayName!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Version = MappingRecord.NewVersion() };
                var outcome = await store.UpdateAsync(next, current.Version, default);
                Assert.True(outcome is MappingWriteOutcome.Ok or MappingWriteOutcome.VersionMismatch, outcome.ToString());
                done += outcome == MappingWriteOutcome.Ok ? 1 : 0;
            }
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(IncrementAsync))).WaitAsync(TimeSpan.FromSeconds(50));

        Assert.Equal((writers * incrementsEach).ToString(System.Globalization.CultureInfo.InvariantCulture), (await store.GetAsync("sip:counter@example.com", default))!.DisplayName);
    }
}
