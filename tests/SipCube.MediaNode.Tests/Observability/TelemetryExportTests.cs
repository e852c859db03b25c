using System.Net;
using Microsoft.ApplicationInsights;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using SipCube.MediaNode.Observability;
using SipCube.MediaNode.Tests.Bus;
using SipCube.MediaNode.Tests.Hosting;

namespace SipCube.MediaNode.Tests.Observability;

/// <summary>Application Insights export in the node: on with a connection string, absent without one.</summary>
public sealed class TelemetryExportTests
{
    // Well-formed but pointing at a closed loopback port: nothing may leave the box, and the node must still start.
    private const string FakeConnectionString =
        "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/;LiveEndpoint=http://127.0.0.1:9/";

    [Theory]
    [InlineData(ApplicationInsightsExport.ConnectionStringKey)]
    [InlineData(ApplicationInsightsExport.EnvironmentKey)]
    public async Task Node_with_a_connection_string_starts_and_resolves_application_insights(string key)
    {
        using var node = new NodeFactory();
        using var configured = node.WithWebHostBuilder(b => b.UseSetting(key, FakeConnectionString));
        using var client = configured.CreateClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.NotNull(configured.Services.GetService<TelemetryClient>());
        Assert.NotNull(configured.Services.GetService<MeterProvider>());
        var metrics = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.NotNull(PrometheusText.Parse(metrics));
    }

    [Fact]
    public async Task Node_without_a_connection_string_adds_no_application_insights()
    {
        using var node = new NodeFactory();
        using var client = node.CreateClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Null(node.Services.GetService<TelemetryClient>());
        Assert.NotNull(node.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void Connection_string_prefers_the_sipcube_key_and_ignores_blanks()
    {
        var both = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ApplicationInsightsExport.ConnectionStringKey] = "InstrumentationKey=a",
            [ApplicationInsightsExport.EnvironmentKey] = "InstrumentationKey=b",
        }).Build();
        var blank = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ApplicationInsightsExport.ConnectionStringKey] = " ",
        }).Build();

        Assert.Equal("InstrumentationKey=a", ApplicationInsightsExport.ConnectionString(both));
        Assert.Null(ApplicationInsightsExport.ConnectionString(blank));
        Assert.False(new ServiceCollection().AddApplicationInsightsExport(blank));
    }
}
