using SipCube.Sip.Auth;
using SipCube.Sip.Message;
using SipCube.Testing;

namespace SipCube.Sip.Tests.Registrar;

public class NonceCountTests
{
    private const string Realm = "example.com";

    [Fact]
    public async Task Hundred_thousand_distinct_nonces_stay_under_the_cap_and_evicted_ones_are_stale_not_replayable()
    {
        var clock = TestClock.Create();
        var credentials = new InMemoryDigestCredentialSource().Add("alice", Realm, "secret");
        var authenticator = new DigestAuthenticator(new DigestAuthenticatorOptions { Secret = new byte[32], MaxTrackedNonces = 5_000 }, credentials, clock);
        var first = authenticator.CreateNonce(Realm);
        Assert.Equal(DigestOutcome.Authenticated, (await AuthenticateAsync(authenticator, first, 1)).Outcome);
        var peak = 0;
        for (var i = 0; i < 100_000; i++)
        {
            // 1 ms apart: nonces carry their issue time, and five minutes of them are all still valid at the end.
            clock.Advance(TimeSpan.FromMilliseconds(1));
            var nonce = authenticator.CreateNonce(Realm);
            Assert.Equal(DigestOutcome.Authenticated, (await AuthenticateAsync(authenticator, nonce, 1)).Outcome);
            peak = Math.Max(peak, authenticator.TrackedNonces);
        }

        Assert.InRange(peak, 1, 5_000);
        Assert.Equal(DigestOutcome.Stale, (await AuthenticateAsync(authenticator, first, 2)).Outcome);
        Assert.Equal(DigestOutcome.Stale, (await AuthenticateAsync(authenticator, first, 1)).Outcome);
    }

    [Fact]
    public async Task Nonce_state_expires_with_the_nonce()
    {
        var clock = TestClock.Create();
        var credentials = new InMemoryDigestCredentialSource().Add("alice", Realm, "secret");
        var authenticator = new DigestAuthenticator(new DigestAuthenticatorOptions { Secret = new byte[32] }, credentials, clock);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(DigestOutcome.Authenticated, (await AuthenticateAsync(authenticator, authenticator.CreateNonce(Realm), 1)).Outcome);
        }

        Assert.Equal(50, authenticator.TrackedNonces);
        var tracked = authenticator.CreateNonce(Realm);
        Assert.Equal(DigestOutcome.Authenticated, (await AuthenticateAsync(authenticator, tracked, 1)).Outcome);
        Assert.Equal(DigestOutcome.Rejected, (await AuthenticateAsync(authenticator, tracked, 1)).Outcome);

        clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(DigestOutcome.Authenticated, (await AuthenticateAsync(authenticator, authenticator.CreateNonce(Realm), 1)).Outcome);
        Assert.Equal(1, authenticator.TrackedNonces);
    }

    private static ValueTask<(DigestOutcome Outcome, string? User)> AuthenticateAsync(DigestAuthenticator authenticator, string nonce, int nc)
    {
        var challenge = $"Digest realm=\"{Realm}\", nonce=\"{nonce}\", algorithm=MD5, qop=\"auth\"";
        var request = SipMessage.CreateRequest(SipMethods.Register, "sip:example.com")
            .Add(SipHeaderKind.Authorization, DigestClient.Authorization(challenge, "alice", "secret", "REGISTER", "sip:example.com", nc));
        return authenticator.AuthenticateAsync(request, Realm, CancellationToken.None);
    }
}
