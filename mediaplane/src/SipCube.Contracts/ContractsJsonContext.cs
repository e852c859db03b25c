using System.Text.Json;
using System.Text.Json.Serialization;
using SipCube.Contracts.Cdrs;
using SipCube.Contracts.Mappings;

namespace SipCube.Contracts;

/// <summary>Source-generated System.Text.Json metadata for the HTTP and bus DTOs (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 16)]
[JsonSerializable(typeof(CallDetailRecord))]
[JsonSerializable(typeof(CdrPage))]
[JsonSerializable(typeof(MappingWriteRequest))]
[JsonSerializable(typeof(MappingResource))]
[JsonSerializable(typeof(MappingPage))]
[JsonSerializable(typeof(MappingChanged))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
