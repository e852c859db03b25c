using SipCube.Calls.Ports;

namespace SipCube.Calls.Tests;

public class TerminationTableTests
{
    [Fact]
    public void Every_reason_has_exactly_one_row_in_enum_order()
    {
        var reasons = Enum.GetValues<TerminationReason>();

        Assert.Equal(reasons, TerminationTable.All.Select(r => r.Reason));
        Assert.Equal(reasons.Length, TerminationTable.All.Select(r => r.Cause).Distinct().Count());
    }

    [Theory]
    [InlineData(486, TerminationReason.Busy)]
    [InlineData(600, TerminationReason.Busy)]
    [InlineData(603, TerminationReason.Declined)]
    [InlineData(404, TerminationReason.NotFound)]
    [InlineData(480, TerminationReason.Unavailable)]
    [InlineData(408, TerminationReason.Unavailable)]
    [InlineData(487, TerminationReason.Cancelled)]
    [InlineData(488, TerminationReason.IncompatibleMedia)]
    [InlineData(503, TerminationReason.UpstreamFailure)]
    [InlineData(499, TerminationReason.Unavailable)]
    public void Sip_final_statuses_map_to_reasons(int status, TerminationReason reason) =>
        Assert.Equal(reason, TerminationTable.FromSipStatus(status));

    [Fact]
    public void Reasons_round_trip_through_their_sip_status_where_the_status_is_specific()
    {
        foreach (var reason in new[] { TerminationReason.Busy, TerminationReason.Declined, TerminationReason.Cancelled, TerminationReason.NotFound, TerminationReason.Forbidden, TerminationReason.IncompatibleMedia, TerminationReason.Unavailable })
        {
            Assert.Equal(reason, TerminationTable.FromSipStatus(TerminationTable.Get(reason).SipStatus));
        }
    }

    [Fact]
    public void App_reject_maps_to_busy_or_declined() =>
        Assert.Equal(
            [TerminationReason.Busy, TerminationReason.Declined],
            [TerminationTable.FromAppReject(busy: true), TerminationTable.FromAppReject(busy: false)]);

    [Fact]
    public void Answered_legs_always_end_with_bye_and_hang_up()
    {
        foreach (var reason in Enum.GetValues<TerminationReason>())
        {
            Assert.Equal(SipTerminationKind.Bye, TerminationTable.SipEndingFor(reason, inbound: true, answered: true).Kind);
            Assert.Equal(SipTerminationKind.Bye, TerminationTable.SipEndingFor(reason, inbound: false, answered: true).Kind);
            Assert.Equal(AppEnding.HangUp, TerminationTable.AppEndingFor(reason, inbound: true, answered: true));
        }
    }

    [Fact]
    public void Unanswered_outbound_legs_are_cancelled_and_hung_up()
    {
        Assert.Equal(SipTerminationKind.Cancel, TerminationTable.SipEndingFor(TerminationReason.NoAnswer, inbound: false, answered: false).Kind);
        Assert.Equal(AppEnding.HangUp, TerminationTable.AppEndingFor(TerminationReason.Busy, inbound: false, answered: false));
    }

    [Fact]
    public void Results_classify_blame()
    {
        Assert.Equal(TerminationResult.ClientError, Termination.For(TerminationReason.Forbidden).Result);
        Assert.Equal(TerminationResult.UpstreamError, Termination.For(TerminationReason.UpstreamFailure).Result);
        Assert.Equal(TerminationResult.ServerError, Termination.For(TerminationReason.InternalError).Result);
        Assert.Equal(TerminationResult.Indeterminate, Termination.For(TerminationReason.MediaTimeout).Result);
        Assert.Equal(TerminationResult.Success, Termination.For(TerminationReason.Busy).Result);
        Assert.Throws<ArgumentOutOfRangeException>(() => TerminationTable.Get((TerminationReason)99));
    }
}
