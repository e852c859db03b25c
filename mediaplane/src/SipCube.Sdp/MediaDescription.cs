using System.Globalization;
using System.Text;

namespace SipCube.Sdp;

/// <summary>One <c>m=</c> section with its lines, attributes kept in order.</summary>
/// <remarks>RFC 8866 §5.14, RFC 3264 §5 (offer), §6 (answer)</remarks>
public sealed class MediaDescription
{
    /// <summary>Creates a section.</summary>
    public MediaDescription(string media, int port, string protocol, IEnumerable<string> formats)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
        Formats = [.. formats];
    }

    /// <summary><c>audio</c>, <c>video</c>, <c>application</c>...</summary>
    public string Media { get; set; }

    /// <summary>Transport port (0 rejects the stream, RFC 3264 §6).</summary>
    public int Port { get; set; }

    /// <summary>The optional <c>/number</c> of ports.</summary>
    public int? PortCount { get; set; }

    /// <summary><c>UDP/TLS/RTP/SAVPF</c>, <c>RTP/AVP</c>, <c>RTP/SAVP</c>...</summary>
    public string Protocol { get; set; }

    /// <summary>Payload types (or other format tokens) in preference order.</summary>
    public List<string> Formats { get; }

    /// <summary>The <c>i=</c> line, when present.</summary>
    public string? Information { get; set; }

    /// <summary>The <c>c=</c> line, when present.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>The <c>b=</c> lines.</summary>
    public List<string> Bandwidths { get; } = [];

    /// <summary>The <c>a=</c> lines, in order.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>The <c>a=mid</c> value.</summary>
    public string? Mid => GetAttribute("mid");

    /// <summary>The direction attribute (sendrecv when absent, RFC 8866 §6.7).</summary>
    public SdpDirection Direction => SdpDirections.Find(Attributes) ?? SdpDirection.SendRecv;

    /// <summary>Value of the first attribute named <paramref name="name"/>; empty string for a flag; null when absent.</summary>
    public string? GetAttribute(string name) => Attributes.Find(a => a.Name == name) is { } a ? a.Value ?? string.Empty : null;

    /// <summary>True when a flag or value attribute named <paramref name="name"/> is present.</summary>
    public bool HasAttribute(string name) => Attributes.Exists(a => a.Name == name);

    /// <summary>Values of every attribute named <paramref name="name"/>.</summary>
    public IEnumerable<string> GetAttributes(string name) => Attributes.Where(a => a.Name == name).Select(a => a.Value ?? string.Empty);

    /// <summary>Adds an attribute.</summary>
    public MediaDescription Add(string name, string? value = null)
    {
        Attributes.Add(new SdpAttribute(name, value));
        return this;
    }

    /// <summary>The rtpmap entries.</summary>
    public IEnumerable<SdpRtpMap> RtpMaps => GetAttributes("rtpmap").Select(SdpRtpMap.TryParse).OfType<SdpRtpMap>();

    /// <summary>The fmtp parameters of <paramref name="payloadType"/>, or null.</summary>
    public string? GetFmtp(int payloadType)
    {
        var prefix = payloadType.ToString(CultureInfo.InvariantCulture) + " ";
        return GetAttributes("fmtp").FirstOrDefault(v => v.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
    }

    internal void Write(StringBuilder sb)
    {
        sb.Append("m=").Append(Media).Append(' ').Append(Port.ToString(CultureInfo.InvariantCulture));
        if (PortCount is { } count)
        {
            sb.Append('/').Append(count.ToString(CultureInfo.InvariantCulture));
        }

        sb.Append(' ').Append(Protocol);
        foreach (var f in Formats)
        {
            sb.Append(' ').Append(f);
        }

        sb.Append("\r\n");
        SessionDescription.Line(sb, 'i', Information);
        SessionDescription.Line(sb, 'c', Connection?.ToString());
        Bandwidths.ForEach(b => SessionDescription.Line(sb, 'b', b));
        Attributes.ForEach(a => SessionDescription.Line(sb, 'a', a.ToString()));
    }
}
