using System.Globalization;

namespace SipCube.MediaNode.Tests.Bus;

/// <summary>A strict-enough parser of the Prometheus text exposition format (0.0.4) for scrape tests.</summary>
internal static class PrometheusText
{
    public sealed record Sample(string Name, string Labels, double Value);

    /// <summary>Parses every sample line; throws on a line that is not a comment, blank or a valid sample.</summary>
    public static IReadOnlyList<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                if (line.StartsWith("# TYPE ", StringComparison.Ordinal) && line.Split(' ').Length != 4)
                {
                    throw new FormatException("bad TYPE line: " + line);
                }

                continue;
            }

            var nameEnd = line.IndexOfAny(['{', ' ']);
            if (nameEnd <= 0)
            {
                throw new FormatException("no metric name: " + line);
            }

            var name = line[..nameEnd];
            if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':') || char.IsAsciiDigit(name[0]))
            {
                throw new FormatException("bad metric name: " + name);
            }

            var labels = string.Empty;
            var rest = line[nameEnd..];
            if (rest.StartsWith('{'))
            {
                var close = rest.LastIndexOf('}');
                if (close < 0)
                {
                    throw new FormatException("unclosed labels: " + line);
                }

                labels = rest[1..close];
                rest = rest[(close + 1)..];
            }

            var parts = rest.Trim().Split(' ');
            if (parts.Length is < 1 or > 2 || !double.TryParse(parts[0].Replace("+Inf", "Infinity", StringComparison.Ordinal).Replace("-Inf", "-Infinity", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new FormatException("bad value: " + line);
            }

            samples.Add(new Sample(name, labels, value));
        }

        return samples;
    }
}
