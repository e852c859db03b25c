namespace SipCube.Azure.ServiceBus;

/// <summary>
/// Service Bus settings (section <c>SipCube:Bus:ServiceBus</c>). Either <see cref="ConnectionString"/>
/// (tests, local) or <see cref="FullyQualifiedNamespace"/> with <c>DefaultAzureCredential</c>
/// (managed identity in Azure).
/// </summary>
public sealed class ServiceBusOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "SipCube:Bus:ServiceBus";

    /// <summary>SAS connection string; wins over <see cref="FullyQualifiedNamespace"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>&lt;name&gt;.servicebus.windows.net</c>, authenticated with <c>DefaultAzureCredential</c>.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>This node's subscription on the control topic (a media node's id).</summary>
    public string? NodeId { get; set; }

    /// <summary>Queue of CDRs.</summary>
    public string CdrQueue { get; set; } = Contracts.Bus.BusEntityNames.CdrQueue;

    /// <summary>Topic of control messages.</summary>
    public string ControlTopic { get; set; } = Contracts.Bus.BusEntityNames.ControlTopic;

    /// <summary>SDK retries per operation (exponential back-off).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First retry delay.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>Longest retry delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Timeout of one try.</summary>
    public TimeSpan TryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the processor keeps renewing a control message's lock while a handler runs.</summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After a receive error on the control subscription, how often a peek checks whether it is back.</summary>
    public TimeSpan OutageProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>True when either way of connecting is configured.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(FullyQualifiedNamespace);
}
