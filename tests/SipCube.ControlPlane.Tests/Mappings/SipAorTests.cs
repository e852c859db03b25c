using FsCheck;
using FsCheck.Fluent;
using SipCube.ControlPlane.Mappings;

namespace SipCube.ControlPlane.Tests.Mappings;

public sealed class SipAorTests
{
    [Theory]
    [InlineData("sip:Alice@Example.COM", "sip:Alice@example.com")]
    [InlineData("SIP:alice@example.com", "sip:alice@example.com")]
    [InlineData("sip:%61lice@example.com", "sip:alice@example.com")]
    [InlineData("sip:a%2fb@example.com", "sip:a%2Fb@example.com")]
    [InlineData("sip:1001@127.0.0.1", "sip:1001@127.0.0.1")]
    [InlineData("sip:1001@[2001:DB8::1]", "sip:1001@[2001:db8::1]")]
    [InlineData("sip:+1-555;phone-context=x@example.com", "sip:+1-555;phone-context=x@example.com")]
    [InlineData("sip:bob@example.com.", "sip:bob@example.com.")]
    public void Normalises_per_rfc3261_19_1_4(string input, string expected)
    {
        Assert.True(SipAor.TryParse(input, out var aor, out var error), error.ToString());
        Assert.Equal(expected, aor.ToString());
    }

    [Fact]
    public void Host_compares_case_insensitively_but_user_case_sensitively()
    {
        SipAor.TryParse("sip:Alice@Example.COM", out var a, out _);
        SipAor.TryParse("sip:Alice@example.com", out var b, out _);
        SipAor.TryParse("sip:alice@example.com", out var c, out _);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData("", nameof(SipAorError.Empty))]
    [InlineData("sip:", nameof(SipAorError.MissingUser))]
    [InlineData("sip:@x", nameof(SipAorError.MissingUser))]
    [InlineData("http://x", nameof(SipAorError.NotSipScheme))]
    [InlineData("sips:a@x", nameof(SipAorError.NotSipScheme))]
    [InlineData("sip:a@", nameof(SipAorError.MissingHost))]
    [InlineData("sip:a b@x", nameof(SipAorError.InvalidUserCharacter))]
    [InlineData("sip:a@b@x", nameof(SipAorError.InvalidUserCharacter))]
    [InlineData("sip:a%zz@x", nameof(SipAorError.InvalidEscape))]
    [InlineData("sip:a%4@x", nameof(SipAorError.InvalidEscape))]
    [InlineData("sip:a@x:5060", nameof(SipAorError.PortOrParametersNotAllowed))]
    [InlineData("sip:a@x;transport=tcp", nameof(SipAorError.PortOrParametersNotAllowed))]
    [InlineData("sip:a:pw@x", nameof(SipAorError.PortOrParametersNotAllowed))]
    [InlineData("sip:a@-x.com", nameof(SipAorError.InvalidHost))]
    [InlineData("sip:a@x..com", nameof(SipAorError.InvalidHost))]
    [InlineData("sip:a@x_y.com", nameof(SipAorError.InvalidHost))]
    [InlineData("sip:a@999.1.1.1", nameof(SipAorError.InvalidHost))]
    [InlineData("sip:a@1.2.3", nameof(SipAorError.InvalidHost))]
    [InlineData("sip:a@[1.2.3.4]", nameof(SipAorError.InvalidHost))]
    [InlineData("sip:a@[::1", nameof(SipAorError.InvalidHost))]
    public void Rejects_with_a_reason(string input, string expected)
    {
        Assert.False(SipAor.TryParse(input, out _, out var error));
        Assert.Equal(expected, error.ToString());
        Assert.NotEmpty(SipAor.Describe(error));
    }

    [Fact]
    public void Rejects_a_10_kb_uri_as_too_long()
    {
        Assert.False(SipAor.TryParse("sip:" + new string('a', 10 * 1024) + "@x", out _, out var error));
        Assert.Equal(SipAorError.TooLong, error);
    }

    [Fact]
    public void Rejects_a_user_longer_than_the_limit()
    {
        Assert.False(SipAor.TryParse("sip:" + new string('a', SipAor.MaxUserLength + 1) + "@x", out _, out var error));
        Assert.Equal(SipAorError.UserTooLong, error);
    }

    [Fact]
    public void Random_input_never_throws_and_normalisation_is_idempotent()
    {
        Prop.ForAll<string>(text =>
        {
            if (!SipAor.TryParse(text ?? string.Empty, out var aor, out _))
            {
                return true;
            }

            return SipAor.TryParse(aor.ToString(), out var again, out _) && again == aor;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Generated_valid_aors_parse_and_keep_the_user()
    {
        var userChars = "abcXYZ019-_.!~*'()&=+$,;?/".ToCharArray();
        var users = Gen.NonEmptyListOf(Gen.Elements(userChars)).Select(cs => new string(cs.Take(SipAor.MaxUserLength).ToArray()));
        var hosts = Gen.Elements("example.com", "EXAMPLE.org", "10.0.0.1", "a-b.c", "[::1]");
        Prop.ForAll(users.ToArbitrary(), hosts.ToArbitrary(), (user, host) =>
            SipAor.TryParse("sip:" + user + "@" + host, out var aor, out _) && aor.User == user && aor.Host == aor.Host.ToLowerInvariant())
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Normalize_builds_the_lookup_key_of_a_request_uri()
    {
        Assert.Equal("sip:1001@example.com", SipAor.Normalize("1001", "EXAMPLE.com"));
        Assert.Null(SipAor.Normalize("", "example.com"));
    }
}
