using SipCube.Contracts.Cdrs;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Tests.Storage;

/// <summary>Builders of stored records for the contract tests.</summary>
internal static class TestRecords
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    public static MappingRecord Mapping(string sipUri, long? cc = null, string? name = null)
    {
        Assert.True(SipAor.TryParse(sipUri, out var aor, out _), sipUri);
        return new MappingRecord
        {
            SipUri = aor.ToString(),
            User = aor.User,
            Domain = aor.Host,
            ConnectyCubeUserId = cc,
            DisplayName = name,
            Ha1Md5 = DigestHa1.Md5(aor.User, aor.Host, "pw"),
            Ha1Sha256 = DigestHa1.Sha256(aor.User, aor.Host, "pw"),
            ConnectyCubeSecret = "v1.sealed",
            Version = MappingRecord.NewVersion(),
            CreatedUtc = T0,
            UpdatedUtc = T0,
        };
    }

    public static CallDetailRecord Cdr(string callId, DateTimeOffset start, string? from = "sip:1001@example.com", long? toCc = 42) => new()
    {
        CallId = callId,
        Direction = CallDirection.SipToConnectyCube,
        FromSipUri = from,
        ToSipUri = "sip:app@example.com",
        ToConnectyCubeUserId = toCc,
        StartUtc = start,
        AnswerUtc = start.AddSeconds(2),
        EndUtc = start.AddSeconds(62),
        DurationMs = 60_000,
        TerminationCause = "normal_clearing",
        SipStatus = 200,
        SipLeg = new CallLegRecord { AudioCodec = "PCMU", PacketsSent = 3000, PacketsReceived = 2990, PacketsLost = 10, JitterMs = 4.5, RttMs = 30, Mos = 4.2 },
        WebRtcLeg = new CallLegRecord { AudioCodec = "opus", PacketsSent = 3000, PacketsReceived = 3000 },
        MediaNodeId = "node-1",
    };
}
