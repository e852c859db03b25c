using System.Text;

namespace SipCube.Sdp;

/// <summary>
/// A parsed SDP session description. Lines we do not model (<c>i= u= e= p= z= k= r=</c> at session level) and
/// every attribute are kept verbatim and in order, so <c>Parse(x).ToString()</c> reproduces canonical input.
/// </summary>
/// <remarks>RFC 8866 §5 (line order v o s i u e p c b t r z k a m)</remarks>
public sealed class SessionDescription
{
    /// <summary>Creates an empty description with <c>s=-</c> and <c>t=0 0</c>.</summary>
    public SessionDescription(SdpOrigin origin)
    {
        Origin = origin;
    }

    /// <summary>The <c>o=</c> line.</summary>
    public SdpOrigin Origin { get; set; }

    /// <summary>The <c>s=</c> line.</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>Session-level <c>i= u= e= p=</c> lines (type and value), kept verbatim.</summary>
    public List<KeyValuePair<char, string>> InfoLines { get; } = [];

    /// <summary>Session-level <c>c=</c>.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>Session-level <c>b=</c> lines.</summary>
    public List<string> Bandwidths { get; } = [];

    /// <summary>The <c>t=</c> line value (and any <c>r=</c>/<c>z=</c>/<c>k=</c> lines, verbatim, in <see cref="TimingLines"/>).</summary>
    public string Timing { get; set; } = "0 0";

    /// <summary>Session-level <c>r= z= k=</c> lines kept verbatim.</summary>
    public List<KeyValuePair<char, string>> TimingLines { get; } = [];

    /// <summary>Session-level attributes.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>The media sections.</summary>
    public List<MediaDescription> Media { get; } = [];

    /// <summary>Value of the first session attribute named <paramref name="name"/>; empty for a flag; null when absent.</summary>
    public string? GetAttribute(string name) => Attributes.Find(a => a.Name == name) is { } a ? a.Value ?? string.Empty : null;

    /// <summary>A media-level attribute, falling back to the session level (ice-ufrag, fingerprint, setup...).</summary>
    public string? GetAttribute(MediaDescription media, string name)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.GetAttribute(name) ?? GetAttribute(name);
    }

    /// <summary>Adds a session attribute.</summary>
    public SessionDescription Add(string name, string? value = null)
    {
        Attributes.Add(new SdpAttribute(name, value));
        return this;
    }

    /// <summary>The <c>a=group:BUNDLE</c> mids, or empty.</summary>
    public IReadOnlyList<string> BundleGroup =>
        Attributes.Where(a => a.Name == "group" && a.Value?.StartsWith("BUNDLE", StringComparison.Ordinal) == true)
            .Select(a => a.Value!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray())
            .FirstOrDefault() ?? [];

    /// <summary>Serializes with CRLF line ends.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(1024);
        Line(sb, 'v', "0");
        Line(sb, 'o', Origin.ToString());
        Line(sb, 's', SessionName);
        InfoLines.ForEach(l => Line(sb, l.Key, l.Value));
        Line(sb, 'c', Connection?.ToString());
        Bandwidths.ForEach(b => Line(sb, 'b', b));
        Line(sb, 't', Timing);
        TimingLines.ForEach(l => Line(sb, l.Key, l.Value));
        Attributes.ForEach(a => Line(sb, 'a', a.ToString()));
        Media.ForEach(m => m.Write(sb));
        return sb.ToString();
    }

    internal static void Line(StringBuilder sb, char type, string? value)
    {
        if (value is not null)
        {
            sb.Append(type).Append('=').Append(value).Append("\r\n");
        }
    }
}
