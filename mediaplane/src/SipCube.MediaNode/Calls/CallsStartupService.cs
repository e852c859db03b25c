using SipCube.Calls;
using SipCube.Calls.ConnectyCube;
using SipCube.Calls.Sip;

namespace SipCube.MediaNode.Calls;

/// <summary>
/// Opens the node for calls: maps INVITE and the in-dialog methods on the SIP endpoint (registered ahead of the SIP
/// endpoint's own hosted service, so no INVITE meets a 405), takes ConnectyCube <c>call</c> signals in, and follows
/// registrations with logins. On stop it logs the phone identities out.
/// </summary>
internal sealed class CallsStartupService(
    SipCallHandlers sipHandlers,
    ConnectyCubeAppLegFactory appLegs,
    CallRegistry registry,
    PhoneIdentityRegistrations registrations,
    ConnectyCubeIdentityPool pool) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        sipHandlers.Map();
        appLegs.AcceptInboundCalls(registry);
        registrations.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        registrations.Dispose();
        await pool.DisposeAsync().ConfigureAwait(false);
    }
}
