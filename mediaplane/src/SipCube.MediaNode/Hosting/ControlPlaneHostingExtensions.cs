using Azure.Data.Tables;
using Azure.Identity;
using SipCube.ControlPlane;
using SipCube.ControlPlane.Http;
using SipCube.ControlPlane.Storage.Tables;

namespace SipCube.MediaNode.Hosting;

/// <summary>
/// The control API inside the single box: the same handlers as the Functions app, mapped as minimal-API routes
/// under <c>/api</c>. SQLite in the data folder by default; Table Storage when <c>SipCube:Tables:ConnectionString</c>
/// (Azurite) or <c>SipCube:Tables:ServiceUri</c> (Azure, managed identity) is set.
/// </summary>
internal static class ControlPlaneHostingExtensions
{
    public static WebApplicationBuilder AddControlPlane(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var dataDirectory = DataDirectory.Resolve(configuration);
        var key = CredentialKeyFile.LoadOrCreate(configuration[CredentialKeyFile.ConfigurationKey], dataDirectory);
        builder.Services.AddControlPlaneCore(key);
        builder.Services.AddSingleton<IApiAccessPolicy>(new ApiKeyAccessPolicy(configuration["SipCube:Api:Key"]));

        var tables = configuration["SipCube:Tables:ConnectionString"];
        var tablesUri = configuration["SipCube:Tables:ServiceUri"];
        var options = configuration.GetSection("SipCube:Tables").Get<TableStoreOptions>() ?? new TableStoreOptions();
        if (!string.IsNullOrWhiteSpace(tables))
        {
            builder.Services.AddControlPlaneTables(_ => new TableServiceClient(tables), options);
        }
        else if (!string.IsNullOrWhiteSpace(tablesUri))
        {
            // In Azure: the node's managed identity (AZURE_CLIENT_ID picks a user-assigned one), no keys.
            builder.Services.AddControlPlaneTables(_ => new TableServiceClient(new Uri(tablesUri), new DefaultAzureCredential()), options);
        }
        else
        {
            builder.Services.AddControlPlaneSqlite(dataDirectory);
        }

        builder.Services.AddHealthChecks().AddCheck<ControlPlaneHealthCheck>("control-plane-store", tags: [NodeHostingExtensions.ReadyTag]);
        return builder;
    }

    public static WebApplication MapControlPlane(this WebApplication app)
    {
        var dispatcher = app.Services.GetRequiredService<ControlPlaneDispatcher>();
        foreach (var route in ControlPlaneRoutes.All)
        {
            var valueName = route.RouteValueName;
            app.MapMethods("/api/" + route.Template, [route.Method], async context =>
            {
                var routeValue = valueName is null ? null : context.Request.RouteValues[valueName] as string;
                var result = await dispatcher.InvokeAsync(route, context.Request, routeValue);
                await result.ExecuteAsync(context);
            }).WithName(route.Name);
        }

        return app;
    }
}
