using System.Globalization;

namespace SipCube.Calls.Sip.Tests.Interop;

/// <summary>Reads SIPp's <c>-trace_msg</c> log: each message is preceded by a dashed line with SIPp's timestamp, then
/// "UDP message sent/received".</summary>
internal static class SippMessageLog
{
    private const string Separator = "-----------------------------------------------";

    /// <summary>Time between SIPp sending the request with <paramref name="cseq"/> <paramref name="method"/> and receiving
    /// its final response; null when either is missing.</summary>
    public static TimeSpan? RoundTrip(string log, int cseq, string method)
    {
        var cseqLine = "CSeq: " + cseq.ToString(CultureInfo.InvariantCulture) + " " + method;
        DateTime? sent = null;
        foreach (var entry in log.Split(Separator, StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = entry.Split('\n', StringSplitOptions.TrimEntries);
            if (lines.Length < 4 || !lines.Any(l => l.Equals(cseqLine, StringComparison.OrdinalIgnoreCase)) || !TryTime(lines[0], out var at))
            {
                continue;
            }

            var start = lines.FirstOrDefault(l => l.StartsWith(method + " ", StringComparison.Ordinal) || l.StartsWith("SIP/2.0 ", StringComparison.Ordinal));
            if (start is null)
            {
                continue;
            }

            if (start.StartsWith(method + " ", StringComparison.Ordinal) && lines[1].Contains("sent", StringComparison.Ordinal))
            {
                sent ??= at;
            }
            else if (sent is { } s && start.StartsWith("SIP/2.0 ", StringComparison.Ordinal) && start.Length > 9 && start[8] != '1')
            {
                return at - s;
            }
        }

        return null;
    }

    private static bool TryTime(string header, out DateTime at)
    {
        // "2026-11-28\t10:40:00.123456" (SIPp separates date and time with a tab).
        var text = header.Replace('\t', ' ').Trim();
        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
    }
}
