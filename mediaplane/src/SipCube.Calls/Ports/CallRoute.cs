using SipCube.Contracts.Mappings;

namespace SipCube.Calls.Ports;

/// <summary>The router's decision for one call: a refusal, the app user to ring, or the phone contacts to fork to.</summary>
public sealed record CallRoute
{
    /// <summary>Why the call is refused; null when it is routed.</summary>
    public TerminationReason? Refusal { get; init; }

    /// <summary>Phone -> app: whom to ring.</summary>
    public AppCallTarget? App { get; init; }

    /// <summary>App -> phone: the called phone's mapping.</summary>
    public MappingIdentity? Phone { get; init; }

    /// <summary>App -> phone: the phone's registered contacts (parallel fork targets).</summary>
    public IReadOnlyList<SipContact> Contacts { get; init; } = [];

    /// <summary>A refused route.</summary>
    public static CallRoute Refuse(TerminationReason reason) => new() { Refusal = reason };

    /// <summary>A route to an app user.</summary>
    public static CallRoute ToApp(AppCallTarget target) => new() { App = target };

    /// <summary>A route to the contacts of a phone.</summary>
    public static CallRoute ToPhone(MappingIdentity phone, IReadOnlyList<SipContact> contacts) =>
        new() { Phone = phone, Contacts = contacts };
}
