using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace SipCube.ConnectyCube.Emulator;

/// <summary>Standalone entry point: <c>dotnet run --project mediaplane/src/SipCube.ConnectyCube.Emulator</c>.</summary>
internal static class EmulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("SipCube__")
            .AddCommandLine(args)
            .Build();
        var options = new EmulatorOptions();
        configuration.GetSection("Emulator").Bind(options);
        using var loggerFactory = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));
        await using var host = await ConnectyCubeEmulatorHost.StartAsync(options, loggerFactory).ConfigureAwait(false);
        await host.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
