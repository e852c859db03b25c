using System.Text.Json;

namespace SipCube.Testing;

/// <summary>
/// Runs a Node.js driver script (usually headless Chromium through tests/browser/chromium.mjs) as a real peer
/// and returns the JSON of its <c>RESULT {json}</c> line.
/// </summary>
public static class NodePeer
{
    /// <summary>Starts <paramref name="script"/> with node in the background; the caller awaits and disposes it.</summary>
    public static PeerProcess Start(string script, params string[] arguments)
    {
        RequireNodeModules();
        return PeerProcess.Start("node", new[] { script }.Concat(arguments), RepositoryPaths.Tests);
    }

    /// <summary>Runs <paramref name="script"/> to completion and parses its result line.</summary>
    public static async Task<JsonElement> RunAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        await using var peer = Start(script, arguments);
        var exit = await peer.WaitForExitAsync(timeout);
        return ParseResult(peer, exit);
    }

    /// <summary>Parses the <c>RESULT</c> line of a finished peer, throwing with its output when it failed.</summary>
    public static JsonElement ParseResult(PeerProcess peer, int exitCode)
    {
        var line = peer.Output.Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (exitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"node peer failed (exit {exitCode}):\n{peer.Output}");
        }

        using var doc = JsonDocument.Parse(line["RESULT ".Length..]);
        return doc.RootElement.Clone();
    }

    private static void RequireNodeModules()
    {
        if (!Directory.Exists(Path.Combine(RepositoryPaths.NodeModules, "playwright-core")))
        {
            InteropPeer.Unavailable("tests/node_modules/playwright-core is missing (run tests/setup.sh)");
        }

        InteropPeer.Require("chromium");
    }
}
