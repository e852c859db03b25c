using SipCube.Calls.Ports;
using SipCube.Contracts.Mappings;

namespace SipCube.Calls.Tests.Fakes;

/// <summary>An in-memory mapping store and location service.</summary>
internal sealed class FakeMappings : IMappingLookup, IContactLocator
{
    public List<MappingIdentity> Mappings { get; } = [];

    public Dictionary<string, List<SipContact>> Contacts { get; } = new(StringComparer.Ordinal);

    public static MappingIdentity Phone(string user, long ccId, bool withCredentials = true) => new()
    {
        SipUri = $"sip:{user}@example.test",
        User = user,
        Domain = "example.test",
        ConnectyCubeUserId = ccId,
        Ha1Md5 = "00",
        ConnectyCube = withCredentials ? new ConnectyCubeCredentials(user, "pw") : null,
    };

    public static MappingIdentity Alias(string user, long? ccId) => new()
    {
        SipUri = $"sip:{user}@example.test",
        User = user,
        Domain = "example.test",
        ConnectyCubeUserId = ccId,
    };

    public ValueTask<MappingIdentity?> FindBySipUriAsync(string user, string domain, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Mappings.FirstOrDefault(m => m.User == user && m.Domain == domain));

    public ValueTask<MappingIdentity?> FindByConnectyCubeUserIdAsync(long connectyCubeUserId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Mappings.FirstOrDefault(m => m.ConnectyCubeUserId == connectyCubeUserId));

    public void Invalidate(MappingChanged change)
    {
    }

    public IReadOnlyList<SipContact> GetContacts(string aor) =>
        Contacts.TryGetValue(aor, out var list) ? list : [];
}
