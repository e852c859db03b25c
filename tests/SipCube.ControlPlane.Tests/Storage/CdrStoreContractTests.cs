using SipCube.ControlPlane.Cdrs;

namespace SipCube.ControlPlane.Tests.Storage;

/// <summary>The behaviour every <see cref="ICdrStore"/> must have; run against SQLite and Table Storage on Azurite.</summary>
public abstract class CdrStoreContractTests
{
    private protected abstract Task<ICdrStore> CreateStoreAsync();

    private static CdrQuery All(int pageSize = 50, string? token = null) =>
        new(TestRecords.T0.AddYears(-1), TestRecords.T0.AddYears(1), null, null, pageSize, token);

    [SkippableFact]
    public async Task Stored_record_reads_back_whole()
    {
        var store = await CreateStoreAsync();
        var cdr = TestRecords.Cdr("call-1", TestRecords.T0);

        Assert.True(await store.TryAddAsync(cdr, default));

        var read = await store.GetAsync("call-1", default);
        Assert.Equal(cdr with { SipLeg = null, WebRtcLeg = null }, read! with { SipLeg = null, WebRtcLeg = null });
        Assert.Equal(cdr.SipLeg, read.SipLeg);
        Assert.Equal(cdr.WebRtcLeg, read.WebRtcLeg);
    }

    [SkippableFact]
    public async Task Second_delivery_of_a_call_id_changes_nothing()
    {
        var store = await CreateStoreAsync();
        var cdr = TestRecords.Cdr("call-1", TestRecords.T0);
        Assert.True(await store.TryAddAsync(cdr, default));

        Assert.False(await store.TryAddAsync(cdr with { TerminationCause = "busy" }, default));

        Assert.Equal("normal_clearing", (await store.GetAsync("call-1", default))!.TerminationCause);
        Assert.Single((await store.QueryAsync(All(), default)).Items);
    }

    [SkippableFact]
    public async Task Query_returns_newest_first_across_months_and_pages()
    {
        var store = await CreateStoreAsync();
        var starts = new[] { -70, -40, -35, -1, 0, 3, 33 }.Select(d => TestRecords.T0.AddDays(d)).ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            await store.TryAddAsync(TestRecords.Cdr($"call-{i}", starts[i]), default);
        }

        var seen = new List<DateTimeOffset>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.QueryAsync(All(2, token), default);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(c => c.StartUtc));
            token = page.ContinuationToken;
            Assert.True(++pages < 40, "paging did not terminate");
        }
        while (token is not null);

        Assert.Equal(starts.OrderByDescending(s => s), seen);
    }

    [SkippableFact]
    public async Task Query_window_includes_from_and_excludes_to()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync(TestRecords.Cdr("at-from", TestRecords.T0), default);
        await store.TryAddAsync(TestRecords.Cdr("at-to", TestRecords.T0.AddHours(1)), default);
        await store.TryAddAsync(TestRecords.Cdr("before", TestRecords.T0.AddTicks(-1)), default);

        var page = await store.QueryAsync(new CdrQuery(TestRecords.T0, TestRecords.T0.AddHours(1), null, null, 50, null), default);

        Assert.Equal(["at-from"], page.Items.Select(c => c.CallId));
    }

    [SkippableFact]
    public async Task Query_filters_by_sip_uri_and_connectycube_id_on_either_side()
    {
        var store = await CreateStoreAsync();
        await store.TryAddAsync(TestRecords.Cdr("a", TestRecords.T0, from: "sip:1001@example.com", toCc: 1), default);
        await store.TryAddAsync(TestRecords.Cdr("b", TestRecords.T0.AddMinutes(1), from: "sip:1002@example.com", toCc: 2), default);
        await store.TryAddAsync(TestRecords.Cdr("c", TestRecords.T0.AddMinutes(2), from: "sip:1001@example.com", toCc: 2), default);

        var bySip = await store.QueryAsync(All() with { SipUri = "sip:1001@example.com" }, default);
        var byCc = await store.QueryAsync(All() with { ConnectyCubeUserId = 2 }, default);
        var both = await store.QueryAsync(All() with { SipUri = "sip:1001@example.com", ConnectyCubeUserId = 2 }, default);
        var toSide = await store.QueryAsync(All() with { SipUri = "sip:app@example.com" }, default);

        Assert.Equal(["c", "a"], bySip.Items.Select(c => c.CallId));
        Assert.Equal(["c", "b"], byCc.Items.Select(c => c.CallId));
        Assert.Equal(["c"], both.Items.Select(c => c.CallId));
        Assert.Equal(3, toSide.Items.Count);
    }

    [SkippableFact]
    public async Task Invalid_continuation_token_is_a_format_error()
    {
        var store = await CreateStoreAsync();
        await Assert.ThrowsAsync<FormatException>(() => store.QueryAsync(All(token: "AAAA"), default));
    }
}
