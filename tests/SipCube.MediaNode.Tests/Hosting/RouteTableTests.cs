using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SipCube.ControlPlane.Http;

namespace SipCube.MediaNode.Tests.Hosting;

/// <summary>
/// The single box maps exactly the shared route table under <c>/api</c>; <c>SipCube.ControlPlane.Functions.Tests</c>
/// proves the Functions app declares the same table, so both hosts serve the same routes.
/// </summary>
public sealed class RouteTableTests
{
    [Fact]
    public void Single_box_api_endpoints_equal_the_shared_route_table()
    {
        using var node = new NodeFactory();
        using var client = node.CreateClient();
        var endpoints = node.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName} {m} {e.RoutePattern.RawText![1..]}"))
            .Order().ToList();
        var table = ControlPlaneRoutes.All.Select(r => $"{r.Name} {r.Method} api/{r.Template}").Order().ToList();

        Assert.Equal(table, endpoints);
    }
}
