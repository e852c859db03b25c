using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SipCube.ConnectyCube.Rest;
using SipCube.ControlPlane.Tokens;

namespace SipCube.ControlPlane.Tests.Tokens;

public sealed class ConnectyCubeApplicationRegistrationTests
{
    [Fact]
    public void The_client_is_built_from_the_sipcube_connectycube_section()
    {
        using var services = Build(new()
        {
            ["SipCube:ConnectyCube:ApplicationId"] = "321",
            ["SipCube:ConnectyCube:AuthKey"] = "key",
            ["SipCube:ConnectyCube:AuthSecret"] = "secret",
            ["SipCube:ConnectyCube:ApiUrl"] = "http://127.0.0.1:7080",
        });

        var options = services.GetRequiredService<ConnectyCubeRestClient>().Options;
        Assert.Equal(321, options.ApplicationId);
        Assert.Equal("key", options.AuthKey);
        Assert.Equal("secret", options.AuthSecret);
        Assert.Equal(new Uri("http://127.0.0.1:7080"), options.ApiUrl);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("abc")]
    public void Without_an_application_id_no_client_is_registered(string? applicationId)
    {
        using var services = Build(new() { ["SipCube:ConnectyCube:ApplicationId"] = applicationId, ["SipCube:ConnectyCube:AuthKey"] = "key" });

        Assert.Null(services.GetService<ConnectyCubeRestClient>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddControlPlaneConnectyCube(configuration);
        return services.BuildServiceProvider();
    }
}
