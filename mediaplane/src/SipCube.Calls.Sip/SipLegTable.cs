using System.Collections.Concurrent;

namespace SipCube.Calls.Sip;

/// <summary>Live SIP legs by dialog key (Call-ID, local tag, remote tag), so in-dialog requests find their leg.</summary>
/// <remarks>RFC 3261 §12 (dialog id).</remarks>
internal sealed class SipLegTable(SipCallsMetrics metrics)
{
    private readonly ConcurrentDictionary<string, IDialogLeg> _legs = new(StringComparer.Ordinal);

    public int Count => _legs.Count;

    public void Add(string key, IDialogLeg leg)
    {
        if (_legs.TryAdd(key, leg))
        {
            metrics.LegsChanged(1);
        }
    }

    public IDialogLeg? Find(string? key) => key is not null && _legs.TryGetValue(key, out var leg) ? leg : null;

    public void Remove(string? key, IDialogLeg leg)
    {
        if (key is not null && _legs.TryRemove(new KeyValuePair<string, IDialogLeg>(key, leg)))
        {
            metrics.LegsChanged(-1);
        }
    }
}
