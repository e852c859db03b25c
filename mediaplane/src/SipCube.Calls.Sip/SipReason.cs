using System.Globalization;
using SipCube.Calls.Ports;

namespace SipCube.Calls.Sip;

/// <summary>The Reason header of a CANCEL or BYE.</summary>
/// <remarks>RFC 3326 §2: <c>Reason: SIP ;cause=200 ;text="Call completed elsewhere"</c>. Normal clearing carries none.</remarks>
internal static class SipReason
{
    public static string? For(SipTermination termination)
    {
        if (termination.StatusCode is < 200 or > 699 || (termination.StatusCode == 200 && termination.ReasonPhrase == "OK"))
        {
            return null;
        }

        var text = (termination.ReasonPhrase ?? string.Empty).Replace("\"", string.Empty, StringComparison.Ordinal).Replace("\\", string.Empty, StringComparison.Ordinal);
        return "SIP;cause=" + termination.StatusCode.ToString(CultureInfo.InvariantCulture) + ";text=\"" + text + "\"";
    }
}
