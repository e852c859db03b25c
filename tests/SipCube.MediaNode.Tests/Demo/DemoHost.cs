using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using SipCube.MediaNode.ConnectyCube;
using SipCube.MediaNode.Demo;
using SipCube.MediaNode.Hosting;
using SipCube.Testing;

namespace SipCube.MediaNode.Tests.Demo;

/// <summary>
/// The host's ConnectyCube composition plus <c>MapDemo()</c>, as Program.cs wires them, on an in-memory server or on
/// Kestrel at 127.0.0.1 (for a browser). The emulator, when used, listens on a free port. With a data directory the
/// control API (<c>/api/mappings</c>, SQLite there) is mapped too, for pages that dial SIP URIs.
/// </summary>
internal static class DemoHost
{
    public static WebApplication Build(IDictionary<string, string?>? settings = null, int? kestrelPort = null, string? dataDirectory = null)
    {
        var builder = WebApplication.CreateBuilder();
        var values = new Dictionary<string, string?> { ["SipCube:Emulator:Url"] = $"http://127.0.0.1:{FreePort.Tcp()}" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        if (dataDirectory is not null)
        {
            values["SipCube:DataDirectory"] = dataDirectory;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.AddConnectyCube();
        if (dataDirectory is not null)
        {
            builder.AddControlPlane();
        }

        if (kestrelPort is { } port)
        {
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        var app = builder.Build();
        app.MapDemo();
        if (dataDirectory is not null)
        {
            app.MapControlPlane();
        }

        return app;
    }
}
