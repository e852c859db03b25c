using System.Globalization;
using SipCube.LoadHarness;
using SipCube.LoadHarness.Bridge;

// Load tools for the single box (not part of the test run). The first argument picks the mode:
//   mapping <baseUrl> [seconds] [connections] [sip|cc]   HTTP mapping lookups (MappingLookupLoad)
//   bridge --node-pid N --http URL --sip-port P ...       bridged calls: SIPp phones + WebRTC app peers (BridgeLoad)
// tests/load/bridge-capacity.sh runs the bridge mode inside `unshare -n` with the node pinned to core 0.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var mode = args.Length > 0 ? args[0] : string.Empty;
var rest = args.Length > 0 ? args[1..] : [];
return mode switch
{
    "mapping" => await MappingLookupLoad.RunAsync(rest),
    "bridge" => await BridgeLoad.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SipCube.LoadHarness mapping <baseUrl> [seconds] [connections] [sip|cc]");
    Console.Error.WriteLine("       SipCube.LoadHarness bridge --help");
    return 2;
}
