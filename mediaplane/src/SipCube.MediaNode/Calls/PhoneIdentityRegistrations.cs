using SipCube.Calls.ConnectyCube;
using SipCube.Contracts.Mappings;
using SipCube.Sip.Message;
using SipCube.Sip.Registrar;

namespace SipCube.MediaNode.Calls;

/// <summary>
/// Keeps the ConnectyCube identity of every registered phone logged in: the first binding of an AOR logs its mapping's
/// identity in (so apps can call the phone), the removal of its last binding logs it out.
/// </summary>
internal sealed class PhoneIdentityRegistrations(
    ILocationService location,
    IMappingLookup mappings,
    ConnectyCubeIdentityPool pool,
    ILogger<PhoneIdentityRegistrations> logger) : IDisposable
{
    public void Start() => location.RegistrationChanged += OnRegistrationChanged;

    public void Dispose() => location.RegistrationChanged -= OnRegistrationChanged;

    private void OnRegistrationChanged(object? sender, RegistrationChangedEventArgs e)
    {
        var aor = e.Binding.Aor;
        _ = e.Change == RegistrationChange.Removed
            ? ReleaseIfLastAsync(aor)
            : LogInAsync(aor);
    }

    private async Task LogInAsync(string aor)
    {
        try
        {
            if (pool.IsLoggedIn(aor) || !SipUri.TryParse(aor, out var uri) || uri.User is not { Length: > 0 } user)
            {
                return;
            }

            var mapping = await mappings.FindBySipUriAsync(user, uri.Host).ConfigureAwait(false);
            if (mapping?.ConnectyCube is not null)
            {
                await pool.EnsureLoggedInAsync(mapping, CancellationToken.None).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // a failed login must not fail the REGISTER that triggered it; the pool retries on the next call
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CallHostingLog.IdentityLoginFailed(logger, aor, ex);
        }
    }

    private async Task ReleaseIfLastAsync(string aor)
    {
        try
        {
            if (location.GetContacts(aor).Count == 0)
            {
                await pool.ReleaseAsync(aor).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // runs detached from the REGISTER; an unobserved fault would be lost, so it is logged
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CallHostingLog.IdentityReleaseFailed(logger, aor, ex);
        }
    }
}
