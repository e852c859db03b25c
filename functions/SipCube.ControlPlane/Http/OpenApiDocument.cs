using System.Reflection;

namespace SipCube.ControlPlane.Http;

/// <summary>The OpenAPI 3.1 description of the control API, served at <c>/api/openapi.json</c> by both hosts.</summary>
internal static class OpenApiDocument
{
    private static readonly Lazy<byte[]> Document = new(Load);

    public static ApiResult Result() => new(200, "application/json; charset=utf-8", Document.Value);

    private static byte[] Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("SipCube.ControlPlane.Http.openapi.json")
            ?? throw new InvalidOperationException("openapi.json is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
