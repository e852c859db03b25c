using System.Net;
using Microsoft.AspNetCore.Http;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Tests.Http;

public sealed class ApiKeyAccessPolicyTests
{
    private static HttpRequest Request(string? remote, params (string Name, string Value)[] headers)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);
        foreach (var (name, value) in headers)
        {
            context.Request.Headers[name] = value;
        }

        return context.Request;
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("192.0.2.7", false)]
    [InlineData(null, false)]
    public void Without_a_key_only_loopback_callers_are_served(string? remote, bool allowed) =>
        Assert.Equal(allowed, new ApiKeyAccessPolicy(null).IsAllowed(Request(remote)));

    [Fact]
    public void With_a_key_the_functions_header_or_bearer_token_must_match_even_from_loopback()
    {
        var policy = new ApiKeyAccessPolicy("s3cret");

        Assert.True(policy.IsAllowed(Request("192.0.2.7", ("x-functions-key", "s3cret"))));
        Assert.True(policy.IsAllowed(Request("192.0.2.7", ("Authorization", "Bearer s3cret"))));
        Assert.False(policy.IsAllowed(Request("127.0.0.1")));
        Assert.False(policy.IsAllowed(Request("127.0.0.1", ("x-functions-key", "wrong"))));
        Assert.False(policy.IsAllowed(Request("127.0.0.1", ("Authorization", "Basic s3cret"))));
    }
}
