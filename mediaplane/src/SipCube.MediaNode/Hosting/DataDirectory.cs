using Microsoft.Extensions.Configuration;

namespace SipCube.MediaNode.Hosting;

/// <summary>
/// The single box's data folder: <c>SipCube:DataDirectory</c>, else <c>$XDG_DATA_HOME/sipcube</c>, else
/// <c>~/.local/share/sipcube</c> (XDG Base Directory Specification), never inside the checkout.
/// </summary>
internal static class DataDirectory
{
    public const string ConfigurationKey = "SipCube:DataDirectory";

    public static string Resolve(IConfiguration configuration)
    {
        var configured = configuration[ConfigurationKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "sipcube");
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "share", "sipcube");
    }
}
