using System.Collections.Concurrent;
using Amqp;
using Amqp.Listener;
using Amqp.Types;

namespace SipCube.ServiceBusBroker;

/// <summary>
/// A small AMQP 1.0 broker on AMQPNetLite's <see cref="ContainerHost"/> that the real
/// <c>Azure.Messaging.ServiceBus</c> SDK can talk to over plain AMQP on loopback
/// (connection string with <c>UseDevelopmentEmulator=true</c>): MSSBCBS SASL, <c>$cbs</c> put-token
/// with the SAS signature checked, queues and topics with subscriptions, peek-lock with lock expiry,
/// abandon, dead-letter (explicit or after the max delivery count), renew-lock and peek on
/// <c>&lt;entity&gt;/$management</c>. The wire facts it follows are in shared/environment-notes.md.
/// One broker per test on a free loopback port; <see cref="Stop"/> and <see cref="Start"/> simulate an outage
/// without losing the entities' messages.
/// </summary>
public sealed class ServiceBusTestBroker : IDisposable
{
    /// <summary>SAS key name the broker accepts.</summary>
    public const string KeyName = "RootManageSharedAccessKey";

    /// <summary>Largest message the broker announces on attach (the SDK refuses to send without it).</summary>
    public const ulong MaxMessageSize = 1024 * 1024;

    readonly ConcurrentDictionary<string, BrokerEntity> entities = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, BrokerEntity[]> topics = new(StringComparer.Ordinal);
    readonly TimeProvider time;
    ContainerHost? host;
    ITimer? sweep;

    /// <summary>Creates a stopped broker on 127.0.0.1:<paramref name="port"/> with a random key unless one is given.</summary>
    public ServiceBusTestBroker(int port, string? key = null, TimeProvider? time = null)
    {
        Port = port;
        Key = key ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>The TCP port.</summary>
    public int Port { get; }

    /// <summary>The SAS key the broker checks signatures against.</summary>
    public string Key { get; }

    /// <summary>Whether the broker is listening.</summary>
    public bool IsRunning => host is not null;

    /// <summary>A connection string for the SDK with the right key.</summary>
    public string ConnectionString => ConnectionStringFor(Key);

    /// <summary>A connection string with any key (a wrong one gets 401 on put-token).</summary>
    public string ConnectionStringFor(string key)
        => $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName={KeyName};SharedAccessKey={key};UseDevelopmentEmulator=true;";

    /// <summary>Creates a queue.</summary>
    public BrokerEntity AddQueue(string name, int maxDeliveryCount = 10, TimeSpan? lockDuration = null)
    {
        var entity = new BrokerEntity(Normalize(name), maxDeliveryCount, lockDuration ?? TimeSpan.FromSeconds(30), time);
        Register(entity);
        return entity;
    }

    /// <summary>Creates a topic with subscriptions; returns the subscriptions in order.</summary>
    public IReadOnlyList<BrokerEntity> AddTopic(string name, IReadOnlyList<string> subscriptions, int maxDeliveryCount = 10, TimeSpan? lockDuration = null)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var topic = Normalize(name);
        var subs = subscriptions
            .Select(s => new BrokerEntity(topic + "/subscriptions/" + Normalize(s), maxDeliveryCount, lockDuration ?? TimeSpan.FromSeconds(30), time))
            .ToArray();
        foreach (var sub in subs)
        {
            Register(sub);
        }

        topics[topic] = subs;
        return subs;
    }

    /// <summary>A queue, subscription (<c>topic/subscriptions/name</c>) or dead-letter queue by path.</summary>
    public BrokerEntity Entity(string path) => entities[Normalize(path)];

    /// <summary>Starts listening (again, after <see cref="Stop"/>, with the same messages).</summary>
    public void Start()
    {
        if (host is not null)
        {
            return;
        }

        var address = new Address("127.0.0.1", Port, null, null, "/", "amqp");
        var newHost = new ContainerHost(address);
        var listener = newHost.Listeners[0];
        listener.SASL.EnableMechanism(CbsSaslProfile.Name, new CbsSaslProfile());
        listener.HandlerFactory = _ => new LockTokenTagHandler();
        newHost.AddressResolver = ResolveAddress;
        newHost.RegisterRequestProcessor("$cbs", new CbsProcessor(KeyName, Key, time));
        foreach (var entity in entities.Values)
        {
            newHost.RegisterRequestProcessor(entity.Path + "/$management", new ManagementProcessor(entity));
        }

        newHost.RegisterLinkProcessor(new EntityLinkProcessor(this));
        newHost.Open();
        host = newHost;

        // Lock expiry has to push redeliveries to waiting receivers even when nothing else happens.
        sweep = time.CreateTimer(_ => SweepLocks(), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Closes every connection and stops listening; entities keep their messages.</summary>
    public void Stop()
    {
        sweep?.Dispose();
        sweep = null;
        host?.Close();
        host = null;
    }

    /// <inheritdoc />
    public void Dispose() => Stop();

    internal static string Normalize(string address) => address.TrimStart('/').ToLowerInvariant();

    internal bool TryGetEntity(string path, out BrokerEntity entity) => entities.TryGetValue(path, out entity!);

    internal bool TryGetTopic(string path, out BrokerEntity[] subscriptions) => topics.TryGetValue(path, out subscriptions!);

    void Register(BrokerEntity entity)
    {
        entities[entity.Path] = entity;
        entities[entity.DeadLetters.Path] = entity.DeadLetters;
        host?.RegisterRequestProcessor(entity.Path + "/$management", new ManagementProcessor(entity));
    }

    void SweepLocks()
    {
        foreach (var entity in entities.Values)
        {
            if (entity.ExpireLocks())
            {
                entity.RaiseAvailable();
            }
        }
    }

    static string ResolveAddress(ContainerHost host, Amqp.Framing.Attach attach)
    {
        // The SDK refuses to send on a link whose peer announced no max-message-size; the attach
        // received here is the one echoed back, so this is the place to add it.
        attach.MaxMessageSize = MaxMessageSize;
        var address = attach.Role ? ((Amqp.Framing.Source)attach.Source).Address : ((Amqp.Framing.Target)attach.Target).Address;
        return Normalize(address ?? string.Empty);
    }
}
