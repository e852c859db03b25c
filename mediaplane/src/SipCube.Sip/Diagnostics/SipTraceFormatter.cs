using System.Text;

namespace SipCube.Sip.Diagnostics;

/// <summary>Renders raw SIP for the Trace log with credentials removed.</summary>
/// <remarks>STYLE.md §7: Authorization and Proxy-Authorization values never reach a log.</remarks>
internal static class SipTraceFormatter
{
    public static string Redact(byte[] message)
    {
        var text = Encoding.UTF8.GetString(message);
        var builder = new StringBuilder(text.Length);
        foreach (var line in text.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = colon > 0 ? line[..colon].Trim() : string.Empty;
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                builder.Append(name).Append(": <redacted>\r\n");
            }
            else
            {
                builder.Append(line).Append("\r\n");
            }
        }

        return builder.ToString();
    }
}
