namespace SipCube.Calls.Ports;

/// <summary>Decides where a new call goes, or why it is refused.</summary>
public interface ICallRouter
{
    /// <summary>Routes an INVITE from a phone to a ConnectyCube user, or refuses it.</summary>
    ValueTask<CallRoute> RouteFromPhoneAsync(PhoneCallRequest request, CancellationToken cancellationToken);

    /// <summary>Routes a <c>call</c> signal from an app to the registered contacts of a phone, or refuses it.</summary>
    ValueTask<CallRoute> RouteFromAppAsync(AppCallRequest request, CancellationToken cancellationToken);
}
