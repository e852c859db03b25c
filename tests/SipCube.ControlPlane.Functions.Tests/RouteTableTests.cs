using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Functions.Tests;

/// <summary>
/// The Functions app serves exactly the shared route table; <c>SipCube.MediaNode.Tests</c> proves the single box maps
/// exactly the same table, so the two hosts' routes are equal.
/// </summary>
public sealed class RouteTableTests
{
    [Fact]
    public void Every_http_function_is_a_row_of_the_shared_route_table_and_the_reverse()
    {
        var functions = FunctionCatalog.Http.Select(f => $"{f.Name} {f.HttpMethod} api/{f.Route}").Order().ToList();
        var table = ControlPlaneRoutes.All.Select(r => $"{r.Name} {r.Method} api/{r.Template}").Order().ToList();

        Assert.Equal(table, functions);
    }

    [Fact]
    public void Function_classes_follow_the_name_convention()
    {
        foreach (var function in FunctionCatalog.All)
        {
            Assert.Equal(function.Name + "Function", function.Class.Name);
        }
    }

    [Fact]
    public void Route_parameters_are_bound_by_name()
    {
        foreach (var function in FunctionCatalog.Http)
        {
            var route = ControlPlaneRoutes.All.Single(r => r.Name == function.Name);
            var names = function.Method.GetParameters().Skip(1).Select(p => p.Name).ToList();
            Assert.Equal(route.RouteValueName is null ? [] : [route.RouteValueName], names);
        }
    }
}
