using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Contracts.Bus;
using SipCube.Contracts.Mappings;
using SipCube.MediaNode.Bus;

namespace SipCube.MediaNode.Tests.Bus;

public sealed class InProcessBusTests
{
    sealed class RecordingHandler : IControlMessageHandler, ICdrHandler
    {
        public List<ControlMessage> Control { get; } = [];

        public List<string> Cdrs { get; } = [];

        public bool Throw { get; init; }

        public Task HandleAsync(ControlMessage message, CancellationToken cancellationToken)
        {
            if (Throw)
            {
                throw new InvalidOperationException("handler broke");
            }

            Control.Add(message);
            return Task.CompletedTask;
        }

        public Task<CdrHandlingResult> HandleAsync(BusMessage cdr, CancellationToken cancellationToken)
        {
            Cdrs.Add(cdr.MessageId);
            return Task.FromResult(CdrHandlingResult.Stored);
        }
    }

    sealed class RecordingLookup : IMappingLookup, SipCube.ControlPlane.Mappings.IMappingCacheControl
    {
        public int MarkedStale { get; private set; }

        public void MarkAllStale() => MarkedStale++;

        public List<MappingChanged> Invalidated { get; } = [];

        public ValueTask<MappingIdentity?> FindBySipUriAsync(string user, string domain, CancellationToken cancellationToken = default) => ValueTask.FromResult<MappingIdentity?>(null);

        public ValueTask<MappingIdentity?> FindByConnectyCubeUserIdAsync(long connectyCubeUserId, CancellationToken cancellationToken = default) => ValueTask.FromResult<MappingIdentity?>(null);

        public void Invalidate(MappingChanged change) => Invalidated.Add(change);
    }

    static (InProcessBus Bus, ServiceProvider Services) Build(Action<ServiceCollection> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        configure(services);
        var provider = services.BuildServiceProvider();
        return (ActivatorUtilities.CreateInstance<InProcessBus>(provider), provider);
    }

    [Fact]
    public async Task Control_messages_reach_every_handler_even_when_one_throws()
    {
        var broken = new RecordingHandler { Throw = true };
        var working = new RecordingHandler();
        var (bus, provider) = Build(s =>
        {
            s.AddSingleton<IControlMessageHandler>(broken);
            s.AddSingleton<IControlMessageHandler>(working);
        });
        using var _ = provider;

        var message = new ForceLogoutMessage(42, "moved");
        await bus.PublishAsync(message, CancellationToken.None);

        Assert.Equal([message], working.Control);
    }

    [Fact]
    public async Task A_cdr_goes_to_the_local_handler()
    {
        var handler = new RecordingHandler();
        var (bus, provider) = Build(s => s.AddSingleton<ICdrHandler>(handler));
        using var _ = provider;

        await bus.SendAsync(new BusMessage("call-1", "cdr", Encoding.UTF8.GetBytes("{}")), CancellationToken.None);

        Assert.Equal(["call-1"], handler.Cdrs);
    }

    [Fact]
    public async Task Without_a_cdr_handler_sending_fails_so_the_outbox_keeps_the_cdr()
    {
        var (bus, provider) = Build(_ => { });
        using var _ = provider;

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => bus.SendAsync(new BusMessage("call-1", "cdr", Encoding.UTF8.GetBytes("{}")), CancellationToken.None));
    }

    [Fact]
    public async Task A_mapping_change_on_the_bus_invalidates_the_mapping_cache()
    {
        var lookup = new RecordingLookup();
        var change = new MappingChanged("sip:1001@127.0.0.1", 7, null, MappingChangeKind.Created);
        var (bus, provider) = Build(s =>
        {
            s.AddSingleton<IMappingLookup>(lookup);
            s.AddSingleton<SipCube.ControlPlane.Mappings.IMappingCacheControl>(lookup);
            s.AddSingleton<IControlMessageHandler, MappingCacheInvalidator>();
        });
        using var _ = provider;

        await bus.PublishAsync(new MappingChangedMessage(change), CancellationToken.None);

        Assert.Equal([change], lookup.Invalidated);
        Assert.Equal(0, lookup.MarkedStale);
    }
}
