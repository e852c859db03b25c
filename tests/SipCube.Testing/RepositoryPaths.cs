namespace SipCube.Testing;

/// <summary>Finds folders of the checkout (testdata, node_modules of tests/) from a running test.</summary>
public static class RepositoryPaths
{
    /// <summary>The checkout's root: the nearest parent holding SipCubeCloud.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/ of the checkout.</summary>
    public static string Tests => Path.Combine(Root, "tests");

    /// <summary>tests/testdata/&lt;relative&gt;.</summary>
    public static string TestData(string relative) => Path.Combine(Root, "tests", "testdata", relative);

    /// <summary>tests/node_modules (installed by tests/setup.sh from tests/package.json).</summary>
    public static string NodeModules => Path.Combine(Root, "tests", "node_modules");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SipCubeCloud.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("SipCubeCloud.sln not found above " + AppContext.BaseDirectory);
    }
}
