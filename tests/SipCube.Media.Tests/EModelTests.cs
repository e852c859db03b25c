using SipCube.Media.Quality;

namespace SipCube.Media.Tests;

public class EModelTests
{
    [Fact]
    public void Clean_g711_call_rates_about_4_4()
    {
        Assert.InRange(EModel.EstimateMos("PCMU", 0, 0, 0), 4.3, 4.45);
        Assert.Equal(4.41, Math.Round(EModel.MosFromR(EModel.DefaultR), 2));
    }

    [Fact]
    public void Mos_falls_as_loss_jitter_and_rtt_grow()
    {
        double[] byLoss = [.. new[] { 0.0, 1, 3, 5, 10, 20 }.Select(l => EModel.EstimateMos("PCMU", l, 5, 40))];
        double[] byJitter = [.. new[] { 0.0, 20, 60, 150 }.Select(j => EModel.EstimateMos("PCMU", 0, j, 40))];
        double[] byRtt = [.. new[] { 0.0, 200, 400, 800 }.Select(r => EModel.EstimateMos("PCMU", 0, 5, r))];

        Assert.Equal(byLoss.OrderDescending(), byLoss);
        Assert.Equal(byJitter.OrderDescending(), byJitter);
        Assert.Equal(byRtt.OrderDescending(), byRtt);
        Assert.True(byLoss[^1] < 3.0);
    }

    [Fact]
    public void G729_rates_below_g711_under_equal_conditions() =>
        Assert.True(EModel.EstimateMos("G729", 1, 5, 50) < EModel.EstimateMos("PCMA", 1, 5, 50));

    [Theory]
    [InlineData(-10, 1.0)]
    [InlineData(0, 1.0)]
    [InlineData(100, 4.5)]
    [InlineData(150, 4.5)]
    public void Mos_is_clamped_outside_the_r_scale(double r, double mos) =>
        Assert.Equal(mos, EModel.MosFromR(r));
}
