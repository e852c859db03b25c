using SipCube.Calls.State;

namespace SipCube.Calls.Tests;

public class CallStateTests
{
    public static TheoryData<CallPhase, CallTrigger, CallPhase?> Table => new()
    {
        { CallPhase.Idle, CallTrigger.Start, CallPhase.Routing },
        { CallPhase.Idle, CallTrigger.Answer, null },
        { CallPhase.Idle, CallTrigger.End, CallPhase.Ended },
        { CallPhase.Routing, CallTrigger.Dial, CallPhase.Dialling },
        { CallPhase.Routing, CallTrigger.Start, null },
        { CallPhase.Routing, CallTrigger.Answer, null },
        { CallPhase.Dialling, CallTrigger.Alert, CallPhase.Alerting },
        { CallPhase.Dialling, CallTrigger.Answer, CallPhase.Answered },
        { CallPhase.Alerting, CallTrigger.Alert, null },
        { CallPhase.Alerting, CallTrigger.Answer, CallPhase.Answered },
        { CallPhase.Answered, CallTrigger.Answer, null },
        { CallPhase.Answered, CallTrigger.Alert, null },
        { CallPhase.Answered, CallTrigger.End, CallPhase.Ended },
        { CallPhase.Ended, CallTrigger.End, null },
        { CallPhase.Ended, CallTrigger.Start, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Transition_table_matches_the_documented_one(CallPhase from, CallTrigger trigger, CallPhase? expected)
    {
        var applied = CallState.TryApply(from, trigger, out var next);

        Assert.Equal(expected is not null, applied);
        Assert.Equal(expected ?? from, next);
    }

    [Fact]
    public void Every_phase_but_ended_can_end()
    {
        foreach (var phase in Enum.GetValues<CallPhase>().Where(p => p != CallPhase.Ended))
        {
            Assert.True(CallState.TryApply(phase, CallTrigger.End, out var next));
            Assert.Equal(CallPhase.Ended, next);
        }
    }
}
