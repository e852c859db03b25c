using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SipCube.Calls;
using SipCube.Calls.ConnectyCube;
using SipCube.Calls.Media;
using SipCube.Calls.Ports;
using SipCube.Calls.Routing;
using SipCube.Calls.Sip;
using SipCube.ConnectyCube;
using SipCube.ConnectyCube.Rest;
using SipCube.Contracts.Bus;
using SipCube.Contracts.Mappings;
using SipCube.Dtls;
using SipCube.MediaNode.Observability;
using SipCube.MediaNode.Sip;
using SipCube.Sip;
using SipCube.Sip.Auth;
using SipCube.Sip.Registrar;

namespace SipCube.MediaNode.Calls;

/// <summary>
/// Composition of the bridge: the call registry and its sessions (SipCube.Calls) over the three edges — SIP legs
/// (SipCube.Calls.Sip), ConnectyCube app legs (SipCube.Calls.ConnectyCube) and media bridges (SipCube.Calls.Media) —,
/// CDRs into the outbox, the drain's view of live calls. Sections: <c>SipCube:Calls</c> (timers),
/// <c>SipCube:Routing</c>, <c>SipCube:Media</c>.
/// </summary>
internal static class CallsHostingExtensions
{
    /// <summary>Call after <c>AddBus</c>, <c>AddDrain</c>, <c>AddConnectyCube</c> and <c>AddSipEndpoint</c>; does nothing
    /// when SIP is turned off.</summary>
    public static WebApplicationBuilder AddCalls(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var sip = new SipOptions();
        configuration.GetSection(SipOptions.Section).Bind(sip);
        if (!sip.Enabled)
        {
            return builder;
        }

        var callOptions = new CallOptions();
        configuration.GetSection("SipCube:Calls").Bind(callOptions);
        var routing = new CallRoutingOptions();
        configuration.GetSection("SipCube:Routing").Bind(routing);
        var media = new MediaSettings();
        configuration.GetSection(MediaSettings.Section).Bind(media);
        callOptions.MediaTimeout = media.MediaTimeout;
        var bridgeOptions = media.ToOptions(sip.BindAddress, sip.PublicAddress);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => DtlsCertificate.Generate(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new MediaBridgeFactory(bridgeOptions, sp.GetRequiredService<DtlsCertificate>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), new MediaBridgeMetrics(sp.GetRequiredService<IMeterFactory>())));
        services.AddSingleton(sp => new SipLegFactory(sp.GetRequiredService<SipEndpoint>(), sp.GetRequiredService<ILocationService>(),
            new SipCallOptions { Domain = sip.PublicAddress ?? bridgeOptions.SipAdvertisedAddress!.ToString() },
            sp.GetRequiredService<ILoggerFactory>(), new SipCallsMetrics(sp.GetRequiredService<IMeterFactory>())));
        services.AddSingleton(sp => new ConnectyCubeIdentityPool(sp.GetRequiredService<ConnectyCubeTokenCache>(),
            sp.GetRequiredService<ConnectyCubeChatOptions>(), new ConnectyCubeIdentityPoolOptions(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(), sp.GetService<IMeterFactory>()));
        services.AddSingleton(sp => new ConnectyCubeAppLegFactory(sp.GetRequiredService<ConnectyCubeIdentityPool>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<ILegFactory, NodeLegFactory>();
        services.AddSingleton<IContactLocator>(sp => new SipContactLocator(sp.GetRequiredService<ILocationService>()));
        services.AddSingleton<ICallRouter>(sp => new MappingCallRouter(sp.GetRequiredService<IMappingLookup>(), sp.GetRequiredService<IContactLocator>(), routing));
        services.AddSingleton(sp => new CdrCallEvents(sp.GetRequiredService<ICdrPublisher>(), sp.GetRequiredService<ILogger<CdrCallEvents>>()));
        services.AddSingleton(sp => new CallsMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton(sp => new CallSessionServices
        {
            Router = sp.GetRequiredService<ICallRouter>(),
            Legs = sp.GetRequiredService<ILegFactory>(),
            Events = new MeteredCallEvents(sp.GetRequiredService<CdrCallEvents>(), sp.GetRequiredService<CallQualityMetrics>()),
            Options = callOptions,
            Time = sp.GetRequiredService<TimeProvider>(),
            Logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("SipCube.Calls"),
            Metrics = sp.GetRequiredService<CallsMetrics>(),
        });
        services.AddSingleton(sp => new CallRegistry(sp.GetRequiredService<CallSessionServices>()));
        services.AddSingleton<IActiveCallCounter>(sp => new CallRegistryCounter(sp.GetRequiredService<CallRegistry>(), sp.GetRequiredService<CdrCallEvents>()));
        services.AddSingleton(sp => new SipCallHandlers(sp.GetRequiredService<SipLegFactory>(), sp.GetRequiredService<CallRegistry>(),
            sp.GetRequiredService<DigestAuthenticator>(), sp.GetRequiredService<IMappingLookup>()));
        services.AddSingleton<PhoneIdentityRegistrations>();

        // Before the SIP endpoint's hosted service: the call methods are mapped before its transports open.
        var first = services.IndexOf(services.First(d => d.ServiceType == typeof(IHostedService)));
        services.Insert(first, ServiceDescriptor.Singleton<IHostedService, CallsStartupService>());
        return builder;
    }
}
