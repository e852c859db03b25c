using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using SipCube.Sip;
using SipCube.Sip.Auth;
using SipCube.Sip.Diagnostics;
using SipCube.Sip.Message;
using SipCube.Sip.Registrar;
using SipCube.Sip.Transport;

namespace SipCube.MediaNode.Sip;

/// <summary>Composes the SIP endpoint (transports, registrar with digest on the mapping store, qualify) into the host.</summary>
public static class SipEndpointHostingExtensions
{
    /// <summary>Adds the SIP endpoint configured from <c>SipCube:Sip</c>. Needs an <see cref="Contracts.Mappings.IMappingLookup"/>.</summary>
    public static IHostApplicationBuilder AddSipEndpoint(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SipOptions();
        builder.Configuration.GetSection(SipOptions.Section).Bind(options);
        if (!options.Enabled)
        {
            return builder;
        }

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SipMetrics(sp.GetService<IMeterFactory>()));
        services.AddSingleton<IDigestCredentialSource, MappingDigestCredentialSource>();
        services.AddSingleton(sp => new InMemoryLocationService(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ILocationService>(sp => sp.GetRequiredService<InMemoryLocationService>());
        services.AddSingleton(sp => new DigestAuthenticator(AuthOptions(options), sp.GetRequiredService<IDigestCredentialSource>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => CreateEndpoint(sp, options));
        services.AddHostedService<SipEndpointHostedService>();
        return builder;
    }

    private static SipEndpoint CreateEndpoint(IServiceProvider services, SipOptions options)
    {
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var time = services.GetRequiredService<TimeProvider>();
        var metrics = services.GetRequiredService<SipMetrics>();
        var endpoint = new SipEndpoint(new SipEndpointOptions { PublicAddress = options.PublicAddress }, time, loggers, metrics);
        var address = IPAddress.Parse(options.BindAddress);
        var connections = new SipConnectionOptions
        {
            IdleTimeout = TimeSpan.FromSeconds(options.IdleConnectionSeconds),
            Time = time,
            FlowInUse = services.GetRequiredService<InMemoryLocationService>().HasBindingOn,
        };
        if (options.UdpPort > 0)
        {
            endpoint.AddTransport(new UdpSipTransport(new IPEndPoint(address, options.UdpPort), loggers.CreateLogger<UdpSipTransport>()));
        }

        if (options.TcpPort > 0)
        {
            endpoint.AddTransport(new TcpSipTransport(new IPEndPoint(address, options.TcpPort), loggers.CreateLogger<TcpSipTransport>(), connectionOptions: connections));
        }

        if (!string.IsNullOrEmpty(options.CertificatePath) && options.TlsPort > 0)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath, options.CertificatePassword);
            endpoint.AddTransport(new TcpSipTransport(new IPEndPoint(address, options.TlsPort), loggers.CreateLogger<TcpSipTransport>(), certificate,
                connectionOptions: connections));
        }

        if (!string.IsNullOrEmpty(options.WebSocketPath))
        {
            var local = new IPEndPoint(IPAddress.Loopback, 0);
            endpoint.AddTransport(new WebSocketSipTransport(local, loggers.CreateLogger<WebSocketSipTransport>()));
        }

        var registrar = new SipRegistrar(new RegistrarOptions { MinExpires = options.MinExpires, MaxExpires = options.MaxExpires },
            services.GetRequiredService<DigestAuthenticator>(), services.GetRequiredService<ILocationService>(), time, metrics,
            loggers.CreateLogger<SipRegistrar>());
        endpoint.MapMethod(SipMethods.Register, registrar);
        return endpoint;
    }

    private static DigestAuthenticatorOptions AuthOptions(SipOptions options)
    {
        var algorithms = options.ChallengeAlgorithms.Count == 0
            ? [DigestAlgorithm.Md5, DigestAlgorithm.Sha256]
            : options.ChallengeAlgorithms.Select(name => DigestAlgorithm.FromName(name)
                ?? throw new OptionsValidationException(SipOptions.Section, typeof(SipOptions), [$"unknown digest algorithm '{name}'"])).ToList();
        return new DigestAuthenticatorOptions
        {
            Secret = string.IsNullOrEmpty(options.NonceSecret) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(options.NonceSecret),
            NonceLifetime = TimeSpan.FromSeconds(options.NonceLifetimeSeconds),
            Algorithms = algorithms,
        };
    }
}
