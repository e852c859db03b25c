namespace SipCube.MediaNode.Observability;

/// <summary>Live calls on this node; the drain waits for it to reach zero (the call registry implements it).</summary>
internal interface IActiveCallCounter
{
    /// <summary>Calls in progress right now.</summary>
    int ActiveCalls { get; }
}
