using Amqp;

namespace SipCube.ServiceBusBroker;

/// <summary>Copies the readable part of an AMQPNetLite buffer.</summary>
internal static class ByteBufferExtensions
{
    public static byte[] ToArraySegment(this ByteBuffer buffer)
        => buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray();
}
