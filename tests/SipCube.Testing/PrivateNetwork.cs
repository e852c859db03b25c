namespace SipCube.Testing;

/// <summary>Tells whether this process sits in a network namespace whose only interface is loopback.</summary>
public static class PrivateNetwork
{
    /// <summary>
    /// True when the process's own network namespace lists only <c>lo</c> (e.g. under <c>unshare -n</c>).
    /// </summary>
    /// <remarks>
    /// Reads <c>/proc/self/net/dev</c>, which always reflects the caller's namespace; <c>/sys/class/net</c> does not,
    /// since <c>unshare -n</c> leaves the host's sysfs mounted.
    /// </remarks>
    public static bool IsPrivate
    {
        get
        {
            try
            {
                var interfaces = File.ReadAllLines("/proc/self/net/dev")
                    .Skip(2)
                    .Select(line => line.Split(':', 2)[0].Trim())
                    .Where(name => name.Length > 0)
                    .ToArray();
                return interfaces.Length == 1 && interfaces[0] == "lo";
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
