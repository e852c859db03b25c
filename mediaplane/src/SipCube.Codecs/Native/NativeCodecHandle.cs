using System.Runtime.InteropServices;

namespace SipCube.Codecs.Native;

/// <summary>
/// Owns one native codec state pointer (an OpusEncoder, a bcg729 channel...) and frees it exactly once with the
/// library's own destroy function, even if the owning codec is never disposed.
/// </summary>
internal sealed unsafe class NativeCodecHandle : SafeHandle
{
    private readonly delegate* unmanaged<nint, void> destroy;

    public NativeCodecHandle(nint state, delegate* unmanaged<nint, void> destroy)
        : base(0, ownsHandle: true)
    {
        this.destroy = destroy;
        SetHandle(state);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        destroy(handle);
        return true;
    }
}
