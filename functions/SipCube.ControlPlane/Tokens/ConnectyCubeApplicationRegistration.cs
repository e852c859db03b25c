using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SipCube.ConnectyCube.Rest;

namespace SipCube.ControlPlane.Tokens;

/// <summary>
/// Registers the ConnectyCube REST client the token route mints with, from <c>SipCube:ConnectyCube:{ApplicationId,
/// AuthKey, AuthSecret, ApiUrl}</c>. Hosts that already register a client (the single box) need not call it.
/// </summary>
/// <remarks>ARCHITECTURE.md "Fixed interfaces": application credentials come only from configuration.</remarks>
public static class ConnectyCubeApplicationRegistration
{
    /// <summary>Configuration section of the application credentials.</summary>
    public const string SectionName = "SipCube:ConnectyCube";

    /// <summary>
    /// Adds the client when <c>SipCube:ConnectyCube:ApplicationId</c> is set; without it the token route answers 503.
    /// </summary>
    public static IServiceCollection AddControlPlaneConnectyCube(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName);
        if (!int.TryParse(section["ApplicationId"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var applicationId)
            || applicationId <= 0)
        {
            return services;
        }

        var options = new ConnectyCubeRestOptions
        {
            ApplicationId = applicationId,
            AuthKey = section["AuthKey"] ?? string.Empty,
            AuthSecret = string.IsNullOrEmpty(section["AuthSecret"]) ? null : section["AuthSecret"],
        };
        if (section["ApiUrl"] is { Length: > 0 } apiUrl)
        {
            options.ApiUrl = new Uri(apiUrl, UriKind.Absolute);
        }

        services.AddHttpClient(nameof(ConnectyCubeRestClient));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ConnectyCubeRestClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ConnectyCubeRestClient)),
            options,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConnectyCubeRestClient>>()));
        return services;
    }
}
