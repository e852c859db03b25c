using System.Text.Json;

namespace SipCube.Contracts.Bus;

/// <summary>Converts <see cref="ControlMessage"/> to and from <see cref="BusMessage"/>.</summary>
public static class ControlMessageCodec
{
    /// <summary>Largest control message accepted: they are a few hundred bytes; anything bigger is not ours.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>Encodes <paramref name="message"/>; the bus MessageId is the control message's id.</summary>
    public static BusMessage Encode(ControlMessage message, string? traceParent = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.SerializeToUtf8Bytes(message, BusJsonContext.Default.ControlMessage);
        return new BusMessage(message.Id, SubjectOf(message), body) { TraceParent = traceParent };
    }

    /// <summary>Decodes a control message; false with a reason for anything that is not one.</summary>
    public static bool TryDecode(BusMessage message, out ControlMessage? decoded, out string? error)
    {
        ArgumentNullException.ThrowIfNull(message);
        decoded = null;
        if (message.Body.Length > MaxBodyBytes)
        {
            error = "body larger than " + MaxBodyBytes + " bytes";
            return false;
        }

        try
        {
            decoded = JsonSerializer.Deserialize(message.Body.Span, BusJsonContext.Default.ControlMessage);
        }
        catch (JsonException ex)
        {
            error = "invalid JSON: " + ex.Message;
            return false;
        }
        catch (NotSupportedException ex)
        {
            error = "unknown control message: " + ex.Message;
            return false;
        }

        error = decoded is null ? "empty control message" : null;
        return decoded is not null;
    }

    static string SubjectOf(ControlMessage message) => message switch
    {
        MappingChangedMessage => MappingChangedMessage.TypeName,
        ForceLogoutMessage => ForceLogoutMessage.TypeName,
        DrainMessage => DrainMessage.TypeName,
        _ => throw new ArgumentException("unknown control message type " + message.GetType().Name, nameof(message)),
    };
}
