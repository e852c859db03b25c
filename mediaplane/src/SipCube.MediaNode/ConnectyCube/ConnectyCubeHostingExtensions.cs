using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SipCube.ConnectyCube;
using SipCube.ConnectyCube.Emulator;
using SipCube.ConnectyCube.Rest;
using SipCube.MediaNode.Hosting;
using SipCube.Xmpp.Session;

namespace SipCube.MediaNode.ConnectyCube;

/// <summary>
/// Composition of the ConnectyCube side: REST client, token cache and chat options for the real service when
/// <c>SipCube:ConnectyCube:ApplicationId</c> is set; otherwise the emulator is started and the same services
/// point at it (application 1, auth key <c>sipcube-local</c> unless <c>SipCube:Emulator</c> says otherwise). Readiness
/// fails while the chat endpoint is unreachable; chat connections are metered (<see cref="ConnectyCubeChatMetrics"/>).
/// </summary>
/// <remarks>ARCHITECTURE.md "Fixed interfaces".</remarks>
internal static class ConnectyCubeHostingExtensions
{
    public static TBuilder AddConnectyCube<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        var node = builder.Configuration.GetSection(ConnectyCubeNodeOptions.SectionName).Get<ConnectyCubeNodeOptions>() ?? new ConnectyCubeNodeOptions();
        ConnectyCubeRestOptions rest;
        ConnectyCubeChatOptions chat;
        if (node.IsConfigured)
        {
            rest = new ConnectyCubeRestOptions
            {
                ApplicationId = node.ApplicationId!.Value,
                AuthKey = node.AuthKey ?? string.Empty,
                AuthSecret = node.AuthSecret,
                ApiUrl = node.ApiUrl ?? new ConnectyCubeRestOptions().ApiUrl,
            };
            chat = new ConnectyCubeChatOptions { ChatUrl = node.ChatUrl ?? new ConnectyCubeChatOptions().ChatUrl };
        }
        else
        {
            var emulator = new EmulatorOptions();
            builder.Configuration.GetSection("SipCube:Emulator").Bind(emulator);
            var baseUri = new Uri(emulator.Url);
            rest = new ConnectyCubeRestOptions { ApplicationId = emulator.ApplicationId, AuthKey = emulator.AuthKey, AuthSecret = emulator.AuthSecret, ApiUrl = baseUri };
            chat = new ConnectyCubeChatOptions { ChatUrl = new UriBuilder(baseUri) { Scheme = "ws", Path = "/ws" }.Uri };
            services.AddSingleton(emulator);
            services.AddSingleton<ConnectyCubeEmulatorService>();
            services.AddHostedService(sp => sp.GetRequiredService<ConnectyCubeEmulatorService>());
        }

        chat.ChatDomain = node.ChatDomain ?? chat.ChatUrl.Host;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(rest);
        services.AddMetrics();
        services.AddSingleton(sp => new XmppMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.AddSingleton(sp => new ConnectyCubeChatMetrics(sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<XmppMetrics>()));
        services.AddSingleton(sp =>
        {
            // Every identity started with these options (phone identities of the pool) reports to the node's meters.
            chat.Metrics = sp.GetRequiredService<ConnectyCubeChatMetrics>();
            return chat;
        });
        services.AddHealthChecks().AddCheck<ChatReachabilityHealthCheck>("connectycube-chat", tags: [NodeHostingExtensions.ReadyTag]);
        services.AddHttpClient(nameof(ConnectyCubeRestClient));
        services.AddSingleton(sp => new ConnectyCubeRestClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(ConnectyCubeRestClient)),
            rest,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConnectyCubeRestClient>>()));
        services.AddSingleton(sp => new ConnectyCubeTokenCache(
            sp.GetRequiredService<ConnectyCubeRestClient>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ConnectyCubeTokenCache>>()));
        return builder;
    }
}
