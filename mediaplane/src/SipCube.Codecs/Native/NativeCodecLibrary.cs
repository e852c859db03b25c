using System.Runtime.InteropServices;

namespace SipCube.Codecs.Native;

/// <summary>
/// A native codec library loaded by its Debian soname (for example libopus.so.0) through <see cref="NativeLibrary"/>.
/// Loading happens once; a missing library or export becomes a reason string, never an exception at call sites.
/// </summary>
internal sealed class NativeCodecLibrary
{
    private NativeCodecLibrary(string soname, nint handle, string? failure)
    {
        Soname = soname;
        Handle = handle;
        Failure = failure;
    }

    public string Soname { get; }

    public nint Handle { get; }

    /// <summary>Why the library cannot be used, or null when loaded.</summary>
    public string? Failure { get; }

    public static NativeCodecLibrary Load(string soname)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new NativeCodecLibrary(soname, 0, $"codec unavailable: {soname} is a Linux library");
        }

        return NativeLibrary.TryLoad(soname, out var handle)
            ? new NativeCodecLibrary(soname, handle, null)
            : new NativeCodecLibrary(soname, 0, $"codec unavailable: {soname} not found");
    }

    /// <summary>Resolves an export; returns false (and records nothing) when absent.</summary>
    public bool TryGet(string name, out nint address)
    {
        address = 0;
        return Handle != 0 && NativeLibrary.TryGetExport(Handle, name, out address);
    }

    public string MissingExport(string name) => $"codec unavailable: {Soname} has no export {name}";
}
