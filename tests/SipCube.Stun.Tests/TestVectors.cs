using SipCube.Testing;

namespace SipCube.Stun.Tests;

/// <summary>Loads the hex dumps under tests/testdata/rfc5769.</summary>
internal static class TestVectors
{
    public static byte[] Load(string name)
    {
        var path = Path.Combine(RepositoryPaths.Tests, "testdata", "rfc5769", name);
        var hex = string.Concat(File.ReadAllLines(path).Where(l => !l.StartsWith('#')).Select(l => l.Replace(" ", "", StringComparison.Ordinal)));
        return Convert.FromHexString(hex);
    }
}
