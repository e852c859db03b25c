namespace SipCube.ControlPlane.Mappings;

/// <summary>
/// Control over a node's mapping cache beyond single-entry invalidation: after a bus outage the control messages sent
/// meanwhile may be lost, so every entry must be checked against the store again (ARCHITECTURE.md: "refreshed from the
/// store on a miss or after a bus outage").
/// </summary>
public interface IMappingCacheControl
{
    /// <summary>Marks every cached entry stale: the next lookup of each reloads it from the store, and falls back to the
    /// stale value only while the store fails.</summary>
    void MarkAllStale();
}
