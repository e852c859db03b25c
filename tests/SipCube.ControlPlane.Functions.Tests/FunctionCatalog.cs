using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace SipCube.ControlPlane.Functions.Tests;

/// <summary>Every <c>[Function]</c> method of the Functions app, found by reflection as the worker's generator finds them.</summary>
internal static class FunctionCatalog
{
    public sealed record Entry(Type Class, MethodInfo Method, string Name, string? HttpMethod, string? Route);

    public static IReadOnlyList<Entry> All { get; } = typeof(FunctionsComposition).Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Select(m => (t, m)))
        .Select(p => (p.t, p.m, fn: p.m.GetCustomAttribute<FunctionAttribute>()))
        .Where(p => p.fn is not null)
        .Select(p =>
        {
            var trigger = p.m.GetParameters().Select(x => x.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null);
            return new Entry(p.t, p.m, p.fn!.Name, trigger?.Methods?.Single().ToUpperInvariant(), trigger?.Route);
        })
        .ToList();

    public static IEnumerable<Entry> Http => All.Where(e => e.HttpMethod is not null);
}
