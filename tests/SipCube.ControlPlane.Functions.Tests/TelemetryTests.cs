using System.Security.Cryptography;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace SipCube.ControlPlane.Functions.Tests;

/// <summary>Program.cs's telemetry registration: Azure Monitor through OpenTelemetry when configured, nothing otherwise.</summary>
public sealed class TelemetryTests
{
    // Well-formed, pointing at a closed loopback port: nothing may leave the box.
    private const string FakeConnectionString =
        "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/";

    private static IHost Build(string? connectionStringKey)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["SipCube:Secrets:CredentialKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        if (connectionStringKey is not null)
        {
            settings[connectionStringKey] = FakeConnectionString;
        }

        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddControlPlaneFunctions(builder.Configuration);
        builder.Services.AddCdrIngest(builder.Configuration);
        builder.Services.AddFunctionsTelemetry(builder.Configuration);
        return builder.Build();
    }

    [Theory]
    [InlineData(FunctionsTelemetry.ConnectionStringKey)]
    [InlineData(FunctionsTelemetry.EnvironmentKey)]
    public void Worker_with_a_connection_string_resolves_the_telemetry_services(string key)
    {
        using var host = Build(key);

        Assert.NotNull(host.Services.GetService<MeterProvider>());
        Assert.NotNull(host.Services.GetService<TracerProvider>());
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SipCube.Test");
        logger.LogInformation("telemetry smoke");
        foreach (var function in FunctionCatalog.All)
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, function.Class));
        }
    }

    [Fact]
    public void Worker_without_a_connection_string_adds_no_exporter()
    {
        using var host = Build(null);

        Assert.Null(host.Services.GetService<MeterProvider>());
        Assert.Null(host.Services.GetService<TracerProvider>());
    }
}
