using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace SipCube.Srtp;

/// <summary>The eleven AES-128 round keys, expanded once per session key with AESKEYGENASSIST.</summary>
/// <remarks>FIPS 197 §5.2 (key expansion); used by <see cref="AesCounterMode"/> for RFC 3711 §4.1.1.</remarks>
[InlineArray(11)]
internal struct Aes128RoundKeys
{
    private Vector128<byte> element;

    public static Aes128RoundKeys Expand(ReadOnlySpan<byte> key)
    {
        var keys = default(Aes128RoundKeys);
        Vector128<byte> k = Vector128.Create(key);
        keys[0] = k;

        // AESKEYGENASSIST needs its round constant as an immediate, hence the unrolled list.
        k = Step(k, X86Aes.KeygenAssist(k, 0x01));
        keys[1] = k;
        k = Step(k, X86Aes.KeygenAssist(k, 0x02));
        keys[2] = k;
        k = Step(k, X86Aes.KeygenAssist(k, 0x04));
        keys[3] = k;
        k = Step(k, X86Aes.KeygenAssist(k, 0x08));
        keys[4] = k;
        k = Step(k, X86Aes.KeygenAssist(k, 0x10));
        keys[5] = k;
        k = Step(k, X86Aes.KeygenAssist(k, 0x20));
        keys[6] = k;
        k = Step(k, X86Aes.KeygenAssist(k, 0x40));
        keys[7] = k;
        k = Step(k, X86Aes.KeygenAssist(k, 0x80));
        keys[8] = k;
        k = Step(k, X86Aes.KeygenAssist(k, 0x1B));
        keys[9] = k;
        k = Step(k, X86Aes.KeygenAssist(k, 0x36));
        keys[10] = k;
        return keys;
    }

    private static Vector128<byte> Step(Vector128<byte> key, Vector128<byte> assist)
    {
        assist = Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        key ^= Sse2.ShiftLeftLogical128BitLane(key, 4);
        return key ^ assist;
    }
}
