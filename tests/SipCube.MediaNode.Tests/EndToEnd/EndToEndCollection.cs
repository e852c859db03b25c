namespace SipCube.MediaNode.Tests.EndToEnd;

/// <summary>End-to-end call tests share one node and one browser app user, and run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<BridgeNode>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "end-to-end calls";
}
