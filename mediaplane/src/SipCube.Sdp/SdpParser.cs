using System.Globalization;

namespace SipCube.Sdp;

/// <summary>
/// Parses SDP text into a <see cref="SessionDescription"/>. Peer input never throws: failures come back as an
/// <see cref="SdpParseError"/>. Tolerates LF-only line ends and unknown line types inside media (kept as-is
/// when they are attributes, ignored otherwise, RFC 8866 §5: "unknown types MUST be ignored").
/// </summary>
/// <remarks>RFC 8866 §5, §9</remarks>
public static class SdpParser
{
    /// <summary>Largest description accepted, in characters.</summary>
    public const int MaxSize = 65536;

    /// <summary>Most lines accepted.</summary>
    public const int MaxLines = 2000;

    /// <summary>Most m= sections accepted.</summary>
    public const int MaxMedia = 64;

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static bool TryParse(string text, out SessionDescription? description, out SdpParseError error)
    {
        description = null;
        error = default;
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxSize)
        {
            error = new SdpParseError(SdpParseReason.TooLarge, 0);
            return false;
        }

        var lines = text.Split('\n');
        if (lines.Length > MaxLines)
        {
            error = new SdpParseError(SdpParseReason.TooManyLines, 0);
            return false;
        }

        var state = new State();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var reason = line.Length < 2 || line[1] != '=' ? SdpParseReason.BadLine : state.Accept(line[0], line[2..]);
            if (reason != SdpParseReason.None)
            {
                error = new SdpParseError(reason, i + 1);
                return false;
            }
        }

        if (state.Session is null)
        {
            error = new SdpParseError(state.SawVersion ? SdpParseReason.BadOrigin : SdpParseReason.BadVersion, 0);
            return false;
        }

        description = state.Session;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for our own, trusted descriptions and tests.</summary>
    public static SessionDescription Parse(string text) =>
        TryParse(text, out var d, out var e) ? d! : throw new FormatException($"bad SDP: {e.Reason} at line {e.Line}");

    private sealed class State
    {
        public bool SawVersion { get; private set; }

        public SessionDescription? Session { get; private set; }

        private MediaDescription? media;

        public SdpParseReason Accept(char type, string value)
        {
            if (!SawVersion)
            {
                SawVersion = true;
                return type == 'v' && value == "0" ? SdpParseReason.None : SdpParseReason.BadVersion;
            }

            if (Session is null)
            {
                var origin = type == 'o' ? SdpOrigin.TryParse(value) : null;
                Session = origin is null ? null : new SessionDescription(origin);
                return Session is null ? SdpParseReason.BadOrigin : SdpParseReason.None;
            }

            return type switch
            {
                'm' => AcceptMedia(value),
                'a' => AcceptAttribute(value),
                'c' => AcceptConnection(value),
                'b' => Add(value, media?.Bandwidths ?? Session.Bandwidths),
                'i' when media is not null => Set(() => media.Information = value),
                _ when media is not null => SdpParseReason.None,
                's' => Set(() => Session.SessionName = value),
                't' => Set(() => Session.Timing = value),
                'r' or 'z' or 'k' => Add(new KeyValuePair<char, string>(type, value), Session.TimingLines),
                'i' or 'u' or 'e' or 'p' => Add(new KeyValuePair<char, string>(type, value), Session.InfoLines),
                _ => SdpParseReason.None,
            };
        }

        private static SdpParseReason Set(Action set)
        {
            set();
            return SdpParseReason.None;
        }

        private static SdpParseReason Add<T>(T item, List<T> list)
        {
            list.Add(item);
            return SdpParseReason.None;
        }

        private SdpParseReason AcceptConnection(string value)
        {
            var connection = SdpConnection.TryParse(value);
            if (connection is null)
            {
                return SdpParseReason.BadConnection;
            }

            if (media is not null)
            {
                media.Connection = connection;
            }
            else
            {
                Session!.Connection = connection;
            }

            return SdpParseReason.None;
        }

        private SdpParseReason AcceptAttribute(string value)
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            var attribute = colon < 0 ? new SdpAttribute(value) : new SdpAttribute(value[..colon], value[(colon + 1)..]);
            if (attribute.Name.Length == 0 || attribute.Name.Contains(' ', StringComparison.Ordinal))
            {
                return SdpParseReason.BadAttribute;
            }

            (media?.Attributes ?? Session!.Attributes).Add(attribute);
            return SdpParseReason.None;
        }

        private SdpParseReason AcceptMedia(string value)
        {
            if (Session!.Media.Count >= MaxMedia)
            {
                return SdpParseReason.TooManyMedia;
            }

            var p = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (p.Length < 3)
            {
                return SdpParseReason.BadMedia;
            }

            var portText = p[1];
            int? count = null;
            var slash = portText.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!int.TryParse(portText.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var c))
                {
                    return SdpParseReason.BadMedia;
                }

                count = c;
                portText = portText[..slash];
            }

            if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
            {
                return SdpParseReason.BadMedia;
            }

            media = new MediaDescription(p[0], port, p[2], p.Skip(3)) { PortCount = count };
            Session.Media.Add(media);
            return SdpParseReason.None;
        }
    }
}
