using System.Text.Encodings.Web;
using System.Text.Json;
using SipCube.Contracts;

namespace SipCube.ControlPlane.Http;

/// <summary>
/// The contracts' source-generated JSON metadata with a relaxed encoder, so quotes and apostrophes in ETags and
/// messages appear as themselves. Responses are always <c>application/json</c>, never embedded in HTML.
/// </summary>
internal static class ApiJson
{
    public static ContractsJsonContext Context { get; } = new(new JsonSerializerOptions(ContractsJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
