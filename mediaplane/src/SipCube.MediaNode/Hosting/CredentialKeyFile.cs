using System.Security.Cryptography;

namespace SipCube.MediaNode.Hosting;

/// <summary>
/// The single box's key for ConnectyCube credentials at rest: <c>SipCube:Secrets:CredentialKey</c> (base64, 32 bytes)
/// when configured, else <c>credential.key</c> in the data folder, created once with owner-only permissions.
/// </summary>
internal static class CredentialKeyFile
{
    public const string ConfigurationKey = "SipCube:Secrets:CredentialKey";
    private const string FileName = "credential.key";

    public static byte[] LoadOrCreate(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Decode(configured, ConfigurationKey);
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            return Decode(File.ReadAllText(path).Trim(), path);
        }

        Directory.CreateDirectory(dataDirectory);
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(Convert.ToBase64String(key));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs so both agree.
            return Decode(File.ReadAllText(path).Trim(), path);
        }
    }

    private static byte[] Decode(string base64, string source)
    {
        var key = Convert.FromBase64String(base64);
        return key.Length == 32 ? key : throw new InvalidOperationException($"{source} must be 32 bytes of base64 (AES-256)");
    }
}
