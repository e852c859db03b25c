using SipCube.Contracts.Cdrs;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Cdrs;

/// <summary>Checks a CDR before it is stored; returns the first reason it is malformed, or null.</summary>
internal static class CdrValidator
{
    public const int MaxCallIdLength = 256;
    public const int MaxTextLength = 256;

    public static string? Validate(CallDetailRecord? record)
    {
        if (record is null)
        {
            return "record is null";
        }

        if (string.IsNullOrWhiteSpace(record.CallId) || record.CallId.Length > MaxCallIdLength || HasControl(record.CallId))
        {
            return $"callId must be 1-{MaxCallIdLength} printable ASCII characters";
        }

        if (!Enum.IsDefined(record.Direction))
        {
            return "direction is not a known value";
        }

        if (record.EndUtc < record.StartUtc)
        {
            return "endUtc is before startUtc";
        }

        if (record.AnswerUtc is { } answer && (answer < record.StartUtc || answer > record.EndUtc))
        {
            return "answerUtc is outside startUtc..endUtc";
        }

        if (record.DurationMs < 0 || record.DurationMs > (record.EndUtc - record.StartUtc).TotalMilliseconds + 1000)
        {
            return "durationMs is negative or longer than the call";
        }

        if (string.IsNullOrWhiteSpace(record.TerminationCause) || record.TerminationCause.Length > MaxTextLength)
        {
            return "terminationCause is required";
        }

        if (string.IsNullOrWhiteSpace(record.MediaNodeId) || record.MediaNodeId.Length > MaxTextLength)
        {
            return "mediaNodeId is required";
        }

        if (record.SipStatus is { } status && (status < 100 || status > 699))
        {
            return "sipStatus must be 100-699";
        }

        return CheckUri("fromSipUri", record.FromSipUri) ?? CheckUri("toSipUri", record.ToSipUri)
            ?? CheckLeg("sipLeg", record.SipLeg) ?? CheckLeg("webRtcLeg", record.WebRtcLeg);
    }

    private static string? CheckUri(string field, string? uri) =>
        uri is null || SipAor.TryParse(uri, out _, out _) ? null : $"{field} is not a sip:user@host URI";

    private static string? CheckLeg(string field, CallLegRecord? leg)
    {
        if (leg is null)
        {
            return null;
        }

        if (leg.PacketsSent < 0 || leg.PacketsReceived < 0 || leg.JitterMs < 0 || leg.RttMs < 0)
        {
            return $"{field} has a negative counter";
        }

        return leg.Mos is < 1.0 or > 5.0 ? $"{field}.mos must be 1.0-5.0" : null;
    }

    private static bool HasControl(string text) => text.AsSpan().ContainsAnyExceptInRange('!', '~');
}
