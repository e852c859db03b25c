using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SipCube.ControlPlane.Http;
using SipCube.ControlPlane.Storage.Tables;
using SipCube.ControlPlane.Tokens;

namespace SipCube.ControlPlane.Functions;

/// <summary>
/// Service registrations of the Functions app: Table Storage stores (managed identity through
/// <see cref="DefaultAzureCredential"/> when <c>SipCube:Tables:ServiceUri</c> is set, else a connection string:
/// <c>SipCube:Tables:ConnectionString</c> or <c>AzureWebJobsStorage</c>, e.g. Azurite), the credential key, the
/// ConnectyCube application (<c>SipCube:ConnectyCube</c>, for token minting) and the host-key access policy.
/// </summary>
public static class FunctionsComposition
{
    /// <summary>Adds everything the control-plane functions need.</summary>
    public static IServiceCollection AddControlPlaneFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var key = configuration["SipCube:Secrets:CredentialKey"];
        services.AddControlPlaneCore(string.IsNullOrWhiteSpace(key) ? null : Convert.FromBase64String(key));
        services.AddSingleton<IApiAccessPolicy, FunctionsHostAccessPolicy>();
        services.AddControlPlaneConnectyCube(configuration);
        var options = configuration.GetSection("SipCube:Tables").Get<TableStoreOptions>() ?? new TableStoreOptions();
        services.AddControlPlaneTables(_ => CreateTableService(configuration), options);
        return services;
    }

    private static TableServiceClient CreateTableService(IConfiguration configuration)
    {
        var serviceUri = configuration["SipCube:Tables:ServiceUri"];
        if (!string.IsNullOrWhiteSpace(serviceUri))
        {
            return new TableServiceClient(new Uri(serviceUri), new DefaultAzureCredential());
        }

        var connectionString = configuration["SipCube:Tables:ConnectionString"] ?? configuration["AzureWebJobsStorage"];
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new InvalidOperationException("Configure SipCube:Tables:ServiceUri (managed identity) or SipCube:Tables:ConnectionString / AzureWebJobsStorage")
            : new TableServiceClient(connectionString);
    }
}
