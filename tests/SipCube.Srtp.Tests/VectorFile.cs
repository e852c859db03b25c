using SipCube.Testing;

namespace SipCube.Srtp.Tests;

/// <summary>Reads the `name: hex` vector files kept under tests/testdata (provenance in each folder's README).</summary>
internal static class VectorFile
{
    public static Dictionary<string, byte[]> Load(string relative)
    {
        var values = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string raw in File.ReadLines(RepositoryPaths.TestData(relative)))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            values[line[..colon].Trim()] = Convert.FromHexString(line[(colon + 1)..].Replace(" ", "", StringComparison.Ordinal));
        }

        return values;
    }
}
