using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SipCube.ConnectyCube.Rest;
using SipCube.Contracts.Mappings;
using SipCube.ControlPlane.Cdrs;
using SipCube.ControlPlane.Http;
using SipCube.ControlPlane.Mappings;
using SipCube.ControlPlane.Storage.Sqlite;
using SipCube.ControlPlane.Storage.Tables;
using SipCube.ControlPlane.Tokens;

namespace SipCube.ControlPlane;

/// <summary>
/// Registers the control plane in a host. Call <see cref="AddControlPlaneCore"/> once, then exactly one store
/// (<see cref="AddControlPlaneSqlite"/> or <see cref="AddControlPlaneTables"/>), and register an
/// <see cref="IApiAccessPolicy"/>.
/// </summary>
public static class ControlPlaneServiceCollectionExtensions
{
    /// <summary>Handlers, dispatcher, mapping lookup cache, CDR ingestion, metrics.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="credentialKey">32-byte AES key for ConnectyCube credentials at rest, or null (then they cannot be stored).</param>
    public static IServiceCollection AddControlPlaneCore(this IServiceCollection services, byte[]? credentialKey)
    {
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ControlPlaneMetrics>();
        services.TryAddSingleton<MappingChangeFeed>();
        services.TryAddSingleton(new CredentialCipher(credentialKey));
        services.TryAddSingleton<MappingHandlers>();
        services.TryAddSingleton<CdrHandlers>();
        // The REST client is optional: the single box registers its own, the Functions app only when configured.
        services.TryAddSingleton(s => new TokenHandlers(s.GetRequiredService<IMappingStore>(), s.GetRequiredService<CredentialCipher>(),
            s.GetService<ConnectyCubeRestClient>(), s.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TokenHandlers>>()));
        services.TryAddSingleton<CachedMappingLookup>();
        services.TryAddSingleton<IMappingLookup>(s => s.GetRequiredService<CachedMappingLookup>());
        services.TryAddSingleton<IMappingCacheControl>(s => s.GetRequiredService<CachedMappingLookup>());
        services.TryAddSingleton(s => new CdrIngestion(s.GetRequiredService<ICdrStore>(), s.GetRequiredService<ControlPlaneMetrics>(),
            s.GetRequiredService<Microsoft.Extensions.Logging.ILogger<CdrIngestion>>()));
        services.TryAddSingleton<ControlPlaneDispatcher>();
        services.TryAddSingleton(s => new ControlPlaneHealthCheck(s.GetRequiredService<IMappingStore>()));
        return services;
    }

    /// <summary>Embedded SQLite stores in <paramref name="dataDirectory"/>/sipcube.db (the single box's default).</summary>
    public static IServiceCollection AddControlPlaneSqlite(this IServiceCollection services, string dataDirectory)
    {
        var database = new SqliteDatabase(Path.Combine(dataDirectory, "sipcube.db"));
        services.AddSingleton(database);
        services.AddSingleton<IMappingStore, SqliteMappingStore>();
        services.AddSingleton<ICdrStore, SqliteCdrStore>();
        return services;
    }

    /// <summary>Azure Table Storage stores; the tables are created on first use.</summary>
    public static IServiceCollection AddControlPlaneTables(this IServiceCollection services, Func<IServiceProvider, TableServiceClient> client, TableStoreOptions? options = null)
    {
        var names = options ?? new TableStoreOptions();
        services.AddSingleton<IMappingStore>(s => new TableMappingStore(CreateTable(client(s), names.MappingsTable)));
        services.AddSingleton<ICdrStore>(s => new TableCdrStore(CreateTable(client(s), names.CdrsTable)));
        return services;
    }

    private static ProvisionedTable CreateTable(TableServiceClient service, string name) => new(service.GetTableClient(name));
}
