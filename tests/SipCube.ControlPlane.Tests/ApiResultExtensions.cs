using System.Text;
using System.Text.Json;
using SipCube.ControlPlane.Http;

namespace SipCube.ControlPlane.Tests;

internal static class ApiResultExtensions
{
    public static string Text(this ApiResult result) => Encoding.UTF8.GetString(result.Body.Span);

    public static JsonElement Json(this ApiResult result) => JsonDocument.Parse(result.Body).RootElement;

    public static void AssertProblem(this ApiResult result, int status)
    {
        Assert.True(status == result.StatusCode, $"expected {status}, got {result.StatusCode}: {result.Text()}");
        Assert.Equal("application/problem+json", result.ContentType);
        Assert.Equal(status, result.Json().GetProperty("status").GetInt32());
    }
}
