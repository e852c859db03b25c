using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SipCube.ControlPlane.Http;

/// <summary>JSON success responses serialised through the source-generated contracts context.</summary>
internal static class JsonResults
{
    public const string ContentType = "application/json; charset=utf-8";

    public static ApiResult Ok<T>(T value, JsonTypeInfo<T> typeInfo, IReadOnlyList<KeyValuePair<string, string>>? headers = null) =>
        new(200, ContentType, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), headers);

    public static ApiResult Created<T>(T value, JsonTypeInfo<T> typeInfo, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new(201, ContentType, JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), headers);

    public static ApiResult NoContent() => new(204, null, ReadOnlyMemory<byte>.Empty);
}
