using FsCheck;
using FsCheck.Fluent;
using SipCube.ControlPlane.Storage.Tables;

namespace SipCube.ControlPlane.Tests.Storage;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("sip:a/b@x", "sip:a%2Fb@x")]
    [InlineData("sip:a?b#c\\d@x", "sip:a%3Fb%23c%5Cd@x")]
    [InlineData("sip:a%2Fb@x", "sip:a%252Fb@x")]
    [InlineData("sip:plain@example.com", "sip:plain@example.com")]
    public void Encodes_only_characters_table_keys_forbid(string value, string expected) =>
        Assert.Equal(expected, TableKey.Encode(value));

    [Fact]
    public void Encoded_keys_never_contain_forbidden_characters_and_distinct_inputs_stay_distinct()
    {
        Prop.ForAll<string, string>((a, b) =>
        {
            a ??= string.Empty;
            b ??= string.Empty;
            var ea = TableKey.Encode(a);
            var legal = !ea.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
            return legal && (a == b) == (ea == TableKey.Encode(b));
        }).QuickCheckThrowOnFailure();
    }
}
