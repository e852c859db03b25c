using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace SipCube.MediaNode.Tests.Hosting;

/// <summary>
/// The single box in memory with its own temporary data folder. Requests appear to come from
/// <see cref="RemoteAddress"/> (loopback unless a test pretends to be a remote caller).
/// </summary>
public sealed class NodeFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new();

    public NodeFactory(IPAddress? remoteAddress = null, string? apiKey = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        RemoteAddress = remoteAddress ?? IPAddress.Loopback;
        DataDirectory = Directory.CreateTempSubdirectory("sipcube-node-").FullName;
        _settings["SipCube:DataDirectory"] = DataDirectory;
        if (apiKey is not null)
        {
            _settings["SipCube:Api:Key"] = apiKey;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>Settings that give the node an emulator of its own on a free port: readiness probes its chat endpoint,
    /// which must not depend on another test's node holding the default port.</summary>
    public static Dictionary<string, string> OwnEmulator() =>
        new() { ["SipCube:Emulator:Url"] = $"http://127.0.0.1:{SipCube.Testing.FreePort.Tcp()}" };

    public IPAddress RemoteAddress { get; }

    public string DataDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressFilter(RemoteAddress)));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class RemoteAddressFilter(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
