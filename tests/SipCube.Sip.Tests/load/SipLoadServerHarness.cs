namespace SipCube.Sip.Tests.Load;

/// <summary>Starts <see cref="SipLoadServer"/> only when load/register-load.sh asks (SIPCUBE_SIP_LOAD_PORT set); skipped otherwise.</summary>
[Trait("Category", "Load")]
public class SipLoadServerHarness
{
    [SkippableFact]
    public async Task Load_server_serves_until_the_stop_file_appears()
    {
        var port = Environment.GetEnvironmentVariable("SIPCUBE_SIP_LOAD_PORT");
        Skip.If(port is null, "load harness: started only by tests/SipCube.Sip.Tests/load/register-load.sh");
        var stopFile = Environment.GetEnvironmentVariable("SIPCUBE_SIP_LOAD_STOP")!;
        var server = Task.Run(() => SipLoadServer.RunAsync(int.Parse(port!, System.Globalization.CultureInfo.InvariantCulture), 10_000, stopFile));
        await server.WaitAsync(TimeSpan.FromMinutes(10));
    }
}
