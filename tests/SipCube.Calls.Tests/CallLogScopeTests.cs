using Microsoft.Extensions.Logging;
using SipCube.Calls.Ports;
using SipCube.Calls.Routing;
using SipCube.Calls.Tests.Fakes;

namespace SipCube.Calls.Tests;

public class CallLogScopeTests
{
    [Fact]
    public async Task A_call_loop_runs_inside_a_log_scope_carrying_its_call_id()
    {
        var mappings = new FakeMappings();
        mappings.Mappings.Add(CallHarness.Alice);
        mappings.Mappings.Add(FakeMappings.Alias("bob", 2002));
        var logger = new ScopeRecordingLogger();
        var registry = new CallRegistry(new CallSessionServices
        {
            Router = new MappingCallRouter(mappings, mappings, new CallRoutingOptions()),
            Legs = new FreshLegFactory(),
            Events = new RecordingCallEvents(),
            Logger = logger,
        });

        var session = registry.TryStart("call-42")!;
        session.Sink.Post(new CallEvent.PhoneCallStarted(new FakeSipLeg("in"), new PhoneCallRequest
        {
            SipCallId = "in",
            Caller = CallHarness.Alice,
            TargetUser = "bob",
            TargetDomain = "example.test",
            SdpOffer = "o",
        }));
        session.Sink.Post(new CallEvent.SipCancelled("in"));
        await session.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains(logger.Scopes, scope => scope.Any(p => p.Key == "CallId" && Equals(p.Value, "call-42")));
    }

    private sealed class ScopeRecordingLogger : ILogger
    {
        public List<IReadOnlyList<KeyValuePair<string, object>>> Scopes { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lock (Scopes)
            {
                Scopes.Add(state as IReadOnlyList<KeyValuePair<string, object>> ?? []);
            }

            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
