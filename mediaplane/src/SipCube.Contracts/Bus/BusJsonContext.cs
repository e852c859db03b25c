using System.Text.Json;
using System.Text.Json.Serialization;

namespace SipCube.Contracts.Bus;

/// <summary>Source-generated JSON for bus messages (camelCase, no reflection at run time).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ControlMessage))]
public sealed partial class BusJsonContext : JsonSerializerContext;
