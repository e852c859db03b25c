using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Sip.Auth;
using SipCube.Sip.Message;
using SipCube.Sip.Registrar;
using SipCube.Sip.Transport;

namespace SipCube.Sip.Tests.Load;

/// <summary>
/// Entry point of the REGISTER load harness (load/register-load.sh): the real UDP endpoint and registrar with
/// users u0..u9999 (password "secret", realm test.local). Not a test; started by the script with --load-server.
/// </summary>
public static class SipLoadServer
{
    /// <summary>Runs until <paramref name="stopFile"/> exists (or 10 minutes pass).</summary>
    public static async Task RunAsync(int port, int users, string stopFile)
    {
        var credentials = new InMemoryDigestCredentialSource();
        for (var i = 0; i < users; i++)
        {
            credentials.Add("u" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "test.local", "secret");
        }

        await using var endpoint = new SipEndpoint(new SipEndpointOptions { PublicAddress = "127.0.0.1" });
        endpoint.AddTransport(new UdpSipTransport(new IPEndPoint(IPAddress.Loopback, port), NullLogger<UdpSipTransport>.Instance) { ReceiveLoops = 1 });
        using var location = new InMemoryLocationService(TimeProvider.System);
        var authenticator = new DigestAuthenticator(new DigestAuthenticatorOptions
        {
            Secret = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32),
            Algorithms = [DigestAlgorithm.Md5, DigestAlgorithm.Sha256],
        }, credentials, TimeProvider.System);
        endpoint.MapMethod(SipMethods.Register, new SipRegistrar(new RegistrarOptions(), authenticator, location, TimeProvider.System, endpoint.Metrics));
        await endpoint.StartAsync(CancellationToken.None);
        Console.WriteLine($"load server on 127.0.0.1:{port} with {users} users");
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (!File.Exists(stopFile) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Console.WriteLine($"bindings: {location.Count}");
    }
}
