namespace SipCube.MediaNode.Observability;

/// <summary>Live calls on this node; the drain stops admission, waits for the count to reach zero and ends what is left
/// at its deadline (the call registry implements it).</summary>
internal interface IActiveCallCounter
{
    /// <summary>Calls in progress right now.</summary>
    int ActiveCalls { get; }

    /// <summary>Refuses new calls from now on.</summary>
    void StopAccepting();

    /// <summary>Ends every live call now (each still gets its CDR) and waits until they are gone.</summary>
    Task EndAllAsync(CancellationToken cancellationToken);
}
