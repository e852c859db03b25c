using Xunit;

namespace SipCube.Testing;

/// <summary>
/// Locates a real peer program (sipp, baresip, chromium, node...) for an interop test.
/// </summary>
/// <remarks>
/// A missing peer skips the test on a developer machine, but fails it when
/// <c>SIPCUBE_REQUIRE_INTEROP=1</c> (set by <c>.ci/run</c>), so CI can never pass by skipping.
/// Tests that call this must be <c>[SkippableFact]</c> and carry <c>[Trait("Category", "Interop")]</c>.
/// </remarks>
public static class InteropPeer
{
    /// <summary>True when a missing peer or namespace must fail the test instead of skipping it.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("SIPCUBE_REQUIRE_INTEROP") == "1";

    /// <summary>Returns the full path of <paramref name="program"/> or skips/fails the test.</summary>
    public static string Require(string program)
    {
        var path = Find(program);
        if (path is not null)
        {
            return path;
        }

        Unavailable($"interop peer '{program}' is not installed (run tests/run.sh, which installs it)");
        return program;
    }

    /// <summary>
    /// Requires that this test process runs inside a private network namespace with only <c>lo</c>
    /// (tests/run.sh runs the suite under <c>unshare -n</c>), so peers can only reach loopback.
    /// </summary>
    public static void RequirePrivateNetwork()
    {
        if (!PrivateNetwork.IsPrivate)
        {
            Unavailable("interop tests run only inside a private network namespace: use tests/run.sh (unshare -n)");
        }
    }

    /// <summary>Skips the test, or fails it when interop is required.</summary>
    public static void Unavailable(string reason)
    {
        if (Required)
        {
            throw new InvalidOperationException("SIPCUBE_REQUIRE_INTEROP=1 and " + reason);
        }

        Skip.If(true, reason);
    }

    /// <summary>Finds an executable on PATH (or an absolute path), or null.</summary>
    public static string? Find(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }

        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return dirs.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }
}
