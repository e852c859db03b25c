namespace SipCube.Testing;

/// <summary>Tells whether this process sits in a network namespace whose only interface is loopback.</summary>
public static class PrivateNetwork
{
    /// <summary>True when <c>/sys/class/net</c> lists only <c>lo</c> (e.g. under <c>unshare -n</c>).</summary>
    public static bool IsPrivate
    {
        get
        {
            try
            {
                var names = Directory.GetDirectories("/sys/class/net").Select(Path.GetFileName).ToArray();
                return names.Length == 1 && names[0] == "lo";
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
