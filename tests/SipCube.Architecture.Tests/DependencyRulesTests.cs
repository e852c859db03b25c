using System.Text.RegularExpressions;
using System.Xml.Linq;
using SipCube.Testing;

namespace SipCube.Architecture.Tests;

/// <summary>
/// Compares every project's references with the allow-list in the repository's ARCHITECTURE.md.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly Lazy<Dictionary<string, AllowRule>> Rules = new(LoadRules);

    public static TheoryData<string> Projects()
    {
        var data = new TheoryData<string>();
        foreach (var path in ProjectFiles())
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Project_references_only_what_the_allow_list_permits(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.Root, relativePath);
        var name = Path.GetFileNameWithoutExtension(path);
        var rule = RuleFor(name);
        Assert.True(rule is not null, $"{name} has no row in ARCHITECTURE.md's allow-list");

        var forbidden = References(path).Where(r => !rule!.Permits(r)).ToList();
        Assert.True(forbidden.Count == 0, $"{name} references {string.Join(", ", forbidden)}, which ARCHITECTURE.md does not allow");
    }

    [Fact]
    public void Every_project_in_the_tree_is_in_the_solution()
    {
        var sln = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "SipCubeCloud.sln"));
        var missing = ProjectFiles().Select(Path.GetFileName).Where(f => !sln.Contains(f!, StringComparison.Ordinal)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void A_forbidden_reference_is_detected()
    {
        // Guards the test itself: Sip must not see Sdp or BouncyCastle.
        var sip = RuleFor("SipCube.Sip")!;
        Assert.False(sip.Permits("SipCube.Sdp"));
        Assert.False(sip.Permits("BouncyCastle.Cryptography"));
        Assert.True(sip.Permits("System.IO.Pipelines"));
        Assert.False(RuleFor("SipCube.MediaNode")!.Permits("Microsoft.Azure.Functions.Worker"));
    }

    private static AllowRule? RuleFor(string project)
    {
        if (Rules.Value.TryGetValue(project, out var rule))
        {
            return rule;
        }

        return project.EndsWith(".Tests", StringComparison.Ordinal) ? Rules.Value.GetValueOrDefault("*.Tests") : null;
    }

    private static IEnumerable<string> ProjectFiles() =>
        new[] { "functions", "mediaplane", "tests" }
            .Select(d => Path.Combine(RepositoryPaths.Root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.csproj", SearchOption.AllDirectories))
            .Where(p => !p.Contains("/obj/", StringComparison.Ordinal) && !p.Contains("/bin/", StringComparison.Ordinal)
                        && !p.Contains("/node_modules/", StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal);

    private static IEnumerable<string> References(string csproj)
    {
        var doc = XDocument.Load(csproj);
        foreach (var element in doc.Descendants())
        {
            var include = element.Attribute("Include")?.Value;
            if (include is null)
            {
                continue;
            }

            switch (element.Name.LocalName)
            {
                case "ProjectReference":
                    yield return Path.GetFileNameWithoutExtension(include.Replace('\\', '/'));
                    break;
                case "PackageReference":
                case "FrameworkReference":
                    yield return include;
                    break;
            }
        }
    }

    private static Dictionary<string, AllowRule> LoadRules()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "ARCHITECTURE.md"));
        var begin = text.IndexOf("<!-- allow-list: begin -->", StringComparison.Ordinal);
        var end = text.IndexOf("<!-- allow-list: end -->", StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, "ARCHITECTURE.md lost its allow-list markers");
        var rules = new Dictionary<string, AllowRule>(StringComparer.Ordinal);
        foreach (var line in text[begin..end].Split('\n'))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || cells[1] is "project" || cells[1].StartsWith("---", StringComparison.Ordinal) || cells[1].Length == 0)
            {
                continue;
            }

            rules[cells[1]] = AllowRule.Parse(cells[2]);
        }

        return rules;
    }

    private sealed class AllowRule
    {
        private readonly HashSet<string> _allowed = new(StringComparer.Ordinal);
        private readonly List<string> _exceptPrefixes = [];
        private bool _any;

        public static AllowRule Parse(string cell)
        {
            var rule = new AllowRule();
            if (cell.StartsWith('*'))
            {
                rule._any = true;
                var except = Regex.Match(cell, @"except (.+)$");
                if (except.Success)
                {
                    rule._exceptPrefixes.AddRange(except.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries).Select(e => e.TrimEnd('*')));
                }

                return rule;
            }

            foreach (var item in cell.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!item.StartsWith('(') && item.Length > 0)
                {
                    rule._allowed.Add(item);
                }
            }

            return rule;
        }

        public bool Permits(string reference) =>
            _any ? !_exceptPrefixes.Any(p => reference.StartsWith(p, StringComparison.Ordinal)) : _allowed.Contains(reference);
    }
}
