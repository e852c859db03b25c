using System.Text.Json;
using SipCube.Contracts;
using SipCube.Contracts.Cdrs;
using SipCube.Contracts.Mappings;

namespace SipCube.Contracts.Tests;

public sealed class CallDetailRecordJsonTests
{
    private static readonly CallDetailRecord Sample = new()
    {
        CallId = "c-1",
        Direction = CallDirection.ConnectyCubeToSip,
        FromConnectyCubeUserId = 42,
        ToSipUri = "sip:1001@example.com",
        StartUtc = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero),
        AnswerUtc = new DateTimeOffset(2026, 11, 28, 10, 0, 3, TimeSpan.Zero),
        EndUtc = new DateTimeOffset(2026, 11, 28, 10, 1, 3, TimeSpan.Zero),
        DurationMs = 60_000,
        TerminationCause = "normal_clearing",
        SipStatus = 200,
        SipLeg = new CallLegRecord { AudioCodec = "PCMA", PacketsSent = 3000, PacketsReceived = 2999, PacketsLost = 1, JitterMs = 2.5, RttMs = 40, Mos = 4.3 },
        WebRtcLeg = new CallLegRecord { AudioCodec = "opus", VideoCodec = "VP8" },
        MediaNodeId = "node-a",
    };

    [Fact]
    public void Round_trips_through_the_source_generated_context()
    {
        var json = JsonSerializer.Serialize(Sample, ContractsJsonContext.Default.CallDetailRecord);
        var back = JsonSerializer.Deserialize(json, ContractsJsonContext.Default.CallDetailRecord)!;

        Assert.Equal(Sample with { SipLeg = null, WebRtcLeg = null }, back with { SipLeg = null, WebRtcLeg = null });
        Assert.Equal(Sample.SipLeg, back.SipLeg);
        Assert.Equal(Sample.WebRtcLeg, back.WebRtcLeg);
    }

    [Fact]
    public void Uses_camel_case_names_string_enums_and_omits_nulls()
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(Sample, ContractsJsonContext.Default.CallDetailRecord));
        var root = document.RootElement;

        Assert.Equal("c-1", root.GetProperty("callId").GetString());
        Assert.Equal("ConnectyCubeToSip", root.GetProperty("direction").GetString());
        Assert.Equal(42, root.GetProperty("fromConnectyCubeUserId").GetInt64());
        Assert.Equal("PCMA", root.GetProperty("sipLeg").GetProperty("audioCodec").GetString());
        Assert.False(root.TryGetProperty("fromSipUri", out _));
    }

    [Theory]
    [InlineData("""{"direction":"SipToConnectyCube","startUtc":"2026-11-28T10:00:00Z","endUtc":"2026-11-28T10:00:00Z","terminationCause":"x","mediaNodeId":"n"}""")]
    [InlineData("""{"callId":"c","direction":"Sideways","startUtc":"2026-11-28T10:00:00Z","endUtc":"2026-11-28T10:00:00Z","terminationCause":"x","mediaNodeId":"n"}""")]
    [InlineData("""{"callId":"c","direction":"SipToSip","startUtc":"2026-11-28T10:00:00Z","endUtc":"2026-11-28T10:00:00Z","terminationCause":"x","mediaNodeId":"n","durationMs":"5"}""")]
    public void Missing_required_fields_bad_enums_and_wrong_types_fail_to_deserialize(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, ContractsJsonContext.Default.CallDetailRecord));

    [Fact]
    public void Mapping_write_request_rejects_unknown_fields()
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("""{"sipUri":"sip:a@x","sipPasswd":"typo"}""", ContractsJsonContext.Default.MappingWriteRequest));
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize("""{"connectyCube":{"login":"l","pass":"p"}}""", ContractsJsonContext.Default.MappingWriteRequest));
    }

    [Fact]
    public void Credentials_never_print_their_password()
    {
        var credentials = new ConnectyCubeCredentials("user", "hunter2");
        var identity = new MappingIdentity { SipUri = "sip:a@x", User = "a", Domain = "x", ConnectyCube = credentials };

        Assert.DoesNotContain("hunter2", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", identity.ToString(), StringComparison.Ordinal);
        Assert.Equal("x", identity.Realm);
        Assert.False(identity.IsPhone);
    }

    [Fact]
    public void Mapping_change_serialises_its_kind_as_text()
    {
        var json = JsonSerializer.Serialize(new MappingChanged("sip:a@x", 5, null, MappingChangeKind.Updated), ContractsJsonContext.Default.MappingChanged);

        Assert.Contains("\"kind\":\"Updated\"", json, StringComparison.Ordinal);
        Assert.Equal(new MappingChanged("sip:a@x", 5, null, MappingChangeKind.Updated), JsonSerializer.Deserialize(json, ContractsJsonContext.Default.MappingChanged));
    }
}
