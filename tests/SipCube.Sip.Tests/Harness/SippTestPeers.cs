using System.Net;
using System.Net.Sockets;
using SipCube.Testing;
using SipCube.Testing.Phones;

namespace SipCube.Sip.Tests.Harness;

/// <summary>Options and runs shared by the SIPp harness tests: a uac against a uas, both on free loopback ports.</summary>
internal static class SippTestPeers
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(40);

    internal static SippPhoneOptions Uas(string scenario, params (string Name, string Value)[] variables) => new()
    {
        Scenario = scenario,
        Service = "bob",
        Variables = variables.ToDictionary(v => v.Name, v => v.Value),
        Timeout = TimeSpan.FromSeconds(20),
    };

    internal static SippPhoneOptions Uac(string scenario, params (string Name, string Value)[] variables) => new()
    {
        Scenario = scenario,
        Service = "bob",
        Caller = "alice",
        AuthUser = "alice",
        AuthPassword = "secret",
        Variables = variables.ToDictionary(v => v.Name, v => v.Value),
        Timeout = TimeSpan.FromSeconds(20),
    };

    internal static async Task<(SippResult Uac, SippResult Uas)> RunPairAsync(SippPhoneOptions uasOptions, SippPhoneOptions uacOptions)
    {
        await using var uas = SippPhone.Start(uasOptions);
        await WaitUntilListeningAsync(uas.LocalPort);
        var uac = await SippPhone.RunAsync(uacOptions with { Remote = $"127.0.0.1:{uas.LocalPort}" }, Bound);
        var uasResult = await uas.WaitForExitAsync(Bound);
        return (uac, uasResult);
    }

    /// <summary>SIPp prints nothing when it is ready; its UDP port being taken is the signal.</summary>
    internal static async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                return;
            }

            probe.Close();
            await Task.Delay(50);
        }

        throw new TimeoutException($"SIPp did not bind 127.0.0.1:{port}");
    }
}
