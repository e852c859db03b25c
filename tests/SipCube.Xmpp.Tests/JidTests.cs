using SipCube.Xmpp.Stanzas;

namespace SipCube.Xmpp.Tests;

public sealed class JidTests
{
    [Theory]
    [InlineData("101-7@chat.connectycube.com/1571722472-connectycube-2386480", "101-7", "chat.connectycube.com", "1571722472-connectycube-2386480")]
    [InlineData("101-7@localhost", "101-7", "localhost", null)]
    [InlineData("localhost", null, "localhost", null)]
    [InlineData("a@b/c/d", "a", "b", "c/d")]
    public void Parses_local_domain_and_resource(string text, string? local, string domain, string? resource)
    {
        Assert.True(Jid.TryParse(text, out var jid));
        Assert.Equal(new Jid(local, domain, resource), jid);
        Assert.Equal(text, jid.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("@domain")]
    [InlineData("user@")]
    [InlineData("user@domain/")]
    public void Refuses_malformed_jids(string? text) => Assert.False(Jid.TryParse(text, out _));

    [Fact]
    public void Bare_drops_the_resource() =>
        Assert.Equal("1-2@d", new Jid("1-2", "d", "r").Bare.ToString());
}
