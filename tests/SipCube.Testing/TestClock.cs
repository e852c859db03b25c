using Microsoft.Extensions.Time.Testing;

namespace SipCube.Testing;

/// <summary>Fake clocks for deterministic timer tests (STYLE.md §5): each starts at a random instant.</summary>
public static class TestClock
{
    /// <summary>A <see cref="FakeTimeProvider"/> starting somewhere in 2020-2040, so no test depends on "now".</summary>
    public static FakeTimeProvider Create()
    {
        var start = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)
            .AddSeconds(Random.Shared.NextInt64(0, 20L * 365 * 24 * 3600));
        return new FakeTimeProvider(start);
    }
}
