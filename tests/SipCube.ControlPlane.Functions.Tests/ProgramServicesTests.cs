using System.Security.Cryptography;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SipCube.ControlPlane.Functions.Tests;

/// <summary>Program.cs's service registrations resolve every function class (a startup crash would show here).</summary>
public sealed class ProgramServicesTests
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
        ["SipCube:Secrets:CredentialKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    [Fact]
    public void Functions_application_builder_with_our_registrations_resolves_every_function()
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(Settings);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddControlPlaneFunctions(builder.Configuration);
        using var host = builder.Build();

        foreach (var function in FunctionCatalog.All)
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(host.Services, function.Class));
        }
    }

    [Fact]
    public void Registrations_pass_scope_and_build_validation()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddControlPlaneFunctions(configuration);

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        foreach (var function in FunctionCatalog.All)
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(provider, function.Class));
        }
    }

    [Fact]
    public void Missing_storage_configuration_fails_with_a_clear_message()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddControlPlaneFunctions(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ControlPlaneHealthCheck>());
        Assert.Contains("SipCube:Tables:ServiceUri", error.Message, StringComparison.Ordinal);
    }
}
