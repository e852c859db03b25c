using SipCube.Sip.Auth;
using SipCube.Sip.Message;

namespace SipCube.Sip.Tests.Registrar;

public class SipRegistrarTests
{
    [Fact]
    public async Task Register_without_credentials_gets_one_challenge_per_algorithm_md5_first()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(SipTestBed.Register());
        var response = bed.Single();
        Assert.Equal(401, response.StatusCode);
        var challenges = response.GetAllLines(SipHeaderKind.WwwAuthenticate);
        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=MD5", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=SHA-256", challenges[1], StringComparison.Ordinal);
        Assert.Contains("realm=\"example.com\"", challenges[0], StringComparison.Ordinal);
        Assert.Contains("qop=\"auth\"", challenges[0], StringComparison.Ordinal);
        Assert.Empty(bed.Location.GetContacts("sip:alice@example.com"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task Register_with_a_correct_digest_binds_the_contact(int algorithmIndex)
    {
        await using var bed = new SipTestBed();
        var response = await RegisterAsync(bed, "secret", algorithmIndex);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("<sip:alice@10.0.0.2:5070>;expires=3600", response.Get(SipHeaderKind.Contact));
        var binding = Assert.Single(bed.Location.GetContacts("sip:alice@example.com"));
        Assert.False(binding.Rewritten);
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_both_get_a_fresh_401_of_the_same_shape()
    {
        await using var bed = new SipTestBed();
        var wrongPassword = await RegisterAsync(bed, "wrong", 0);
        var unknownUser = await RegisterAsync(bed, "secret", 0, user: "mallory");
        Assert.Equal(401, wrongPassword.StatusCode);
        Assert.Equal(401, unknownUser.StatusCode);
        Assert.Equal(Shape(wrongPassword), Shape(unknownUser));
        Assert.Empty(bed.Location.AllBindings());
    }

    [Fact]
    public async Task Replayed_nonce_count_is_rejected()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(SipTestBed.Register());
        var challenge = bed.Single().GetAllLines(SipHeaderKind.WwwAuthenticate)[0];
        var auth = DigestClient.Authorization(challenge, "alice", "secret", "REGISTER", "sip:example.com");
        await bed.SendAsync(SipTestBed.Register(cseq: 2, extra: "Expires: 3600\nAuthorization: " + auth));
        Assert.Equal(200, bed.Single().StatusCode);
        await bed.SendAsync(SipTestBed.Register(cseq: 3, extra: "Expires: 3600\nAuthorization: " + auth));
        Assert.Equal(401, bed.Single().StatusCode);
        var next = DigestClient.Authorization(challenge, "alice", "secret", "REGISTER", "sip:example.com", nc: 2);
        await bed.SendAsync(SipTestBed.Register(cseq: 4, extra: "Expires: 3600\nAuthorization: " + next));
        Assert.Equal(200, bed.Single().StatusCode);
    }

    [Fact]
    public async Task Expired_nonce_gets_stale_true()
    {
        await using var bed = new SipTestBed();
        await bed.SendAsync(SipTestBed.Register());
        var challenge = bed.Single().GetAllLines(SipHeaderKind.WwwAuthenticate)[0];
        bed.Clock.Advance(TimeSpan.FromMinutes(6));
        var auth = DigestClient.Authorization(challenge, "alice", "secret", "REGISTER", "sip:example.com");
        await bed.SendAsync(SipTestBed.Register(cseq: 2, extra: "Expires: 3600\nAuthorization: " + auth));
        var response = bed.Single();
        Assert.Equal(401, response.StatusCode);
        Assert.All(response.GetAllLines(SipHeaderKind.WwwAuthenticate), c => Assert.EndsWith("stale=true", c, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forged_nonce_is_rejected_without_stale()
    {
        await using var bed = new SipTestBed();
        var forged = "Digest realm=\"example.com\", nonce=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\", algorithm=MD5, qop=\"auth\"";
        var auth = DigestClient.Authorization(forged, "alice", "secret", "REGISTER", "sip:example.com");
        await bed.SendAsync(SipTestBed.Register(extra: "Expires: 3600\nAuthorization: " + auth));
        var response = bed.Single();
        Assert.Equal(401, response.StatusCode);
        Assert.DoesNotContain("stale", response.Get(SipHeaderKind.WwwAuthenticate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_short_expires_gets_423_with_min_expires()
    {
        await using var bed = new SipTestBed();
        var response = await RegisterAsync(bed, "secret", 0, expires: "Expires: 30");
        Assert.Equal(423, response.StatusCode);
        Assert.Equal("60", response.Get(SipHeaderKind.MinExpires));
    }

    [Fact]
    public async Task Long_expires_is_capped_and_contact_param_wins_over_header()
    {
        await using var bed = new SipTestBed();
        var response = await RegisterAsync(bed, "secret", 0, contact: "<sip:alice@10.0.0.2:5070>;expires=600", expires: "Expires: 99999");
        Assert.Equal("<sip:alice@10.0.0.2:5070>;expires=600", response.Get(SipHeaderKind.Contact));
    }

    [Fact]
    public async Task Several_contacts_then_star_unregisters_all()
    {
        await using var bed = new SipTestBed();
        await RegisterAsync(bed, "secret", 0, contact: "<sip:alice@10.0.0.2:5070>, <sip:alice@10.0.0.2:5071>");
        Assert.Equal(2, bed.Location.GetContacts("sip:alice@example.com").Count);
        var response = await RegisterAsync(bed, "secret", 0, contact: "*", expires: "Expires: 0", cseq: 10);
        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Get(SipHeaderKind.Contact));
        Assert.Empty(bed.Location.GetContacts("sip:alice@example.com"));
    }

    [Fact]
    public async Task Star_without_expires_zero_is_400()
    {
        await using var bed = new SipTestBed();
        var response = await RegisterAsync(bed, "secret", 0, contact: "*");
        Assert.Equal(400, response.StatusCode);
    }

    [Fact]
    public async Task Nated_contact_is_rewritten_to_the_source_and_the_original_is_kept()
    {
        await using var bed = new SipTestBed();
        var response = await RegisterAsync(bed, "secret", 0, contact: "<sip:alice@192.168.1.10:5060;transport=udp>");
        Assert.Equal("<sip:alice@192.168.1.10:5060;transport=udp>;expires=3600", response.Get(SipHeaderKind.Contact));
        var binding = Assert.Single(bed.Location.GetContacts("sip:alice@example.com"));
        Assert.True(binding.Rewritten);
        Assert.Equal("sip:alice@192.168.1.10:5060;transport=udp", binding.Contact);
        Assert.Equal("sip:alice@10.0.0.2:5070;transport=udp", binding.ReachableUri);
        Assert.Equal(SipTestBed.PhoneAddress, binding.Flow.Remote);
    }

    [Fact]
    public async Task Authenticated_user_cannot_register_someone_elses_aor()
    {
        await using var bed = new SipTestBed();
        bed.Credentials.Add("bob", "example.com", "bobpass");
        await bed.SendAsync(SipTestBed.Register(user: "alice"));
        var challenge = bed.Single().GetAllLines(SipHeaderKind.WwwAuthenticate)[0];
        var auth = DigestClient.Authorization(challenge, "bob", "bobpass", "REGISTER", "sip:example.com");
        await bed.SendAsync(SipTestBed.Register(user: "alice", cseq: 2, extra: "Expires: 3600\nAuthorization: " + auth));
        Assert.Equal(403, bed.Single().StatusCode);
    }

    [Fact]
    public async Task Bindings_expire_on_the_clock()
    {
        await using var bed = new SipTestBed();
        var removed = new List<string?>();
        bed.Location.RegistrationChanged += (_, e) => removed.Add(e.Change == Sip.Registrar.RegistrationChange.Removed ? e.Reason : null);
        await RegisterAsync(bed, "secret", 0, expires: "Expires: 120");
        bed.Clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Empty(bed.Location.GetContacts("sip:alice@example.com"));
        bed.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Contains("expired", removed);
    }

    [Fact]
    public async Task Qualify_removes_a_contact_that_never_answers_and_keeps_one_that_does()
    {
        await using var bed = new SipTestBed();
        await RegisterAsync(bed, "secret", 0);
        var qualifier = new Sip.Registrar.ContactQualifier(bed.Endpoint, bed.Location, TimeSpan.FromHours(1));
        var run = qualifier.QualifyAllAsync();
        for (var i = 0; i < 70 && !run.IsCompleted; i++)
        {
            bed.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        Assert.Equal(1, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(bed.Location.AllBindings());
        var options = bed.Received().Where(m => m.Method == SipMethods.Options).ToList();
        Assert.True(options.Count >= 7, $"{options.Count} OPTIONS (Timer E retransmissions expected)");
        Assert.Equal("sip:alice@10.0.0.2:5070", options[0].RequestUri);
        qualifier.Dispose();
    }

    internal static async Task<SipMessage> RegisterAsync(SipTestBed bed, string password, int algorithmIndex, string user = "alice",
        string contact = "<sip:alice@10.0.0.2:5070>", string expires = "Expires: 3600", int cseq = 1)
    {
        await bed.SendAsync(SipTestBed.Register(user, cseq, contact, expires));
        var challenge = bed.Single();
        Assert.Equal(401, challenge.StatusCode);
        var header = challenge.GetAllLines(SipHeaderKind.WwwAuthenticate)[algorithmIndex];
        var auth = DigestClient.Authorization(header, user, password, "REGISTER", "sip:example.com");
        await bed.SendAsync(SipTestBed.Register(user, cseq + 1, contact, expires + "\nAuthorization: " + auth));
        return bed.Single();
    }

    private static string Shape(SipMessage response) => response.StatusCode + " " + string.Join("|",
        response.GetAllLines(SipHeaderKind.WwwAuthenticate).Select(c => string.Join(",", DigestClient.Parse(c).Keys.Order(StringComparer.Ordinal))));
}
