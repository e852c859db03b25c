using System.Text.Json.Serialization;

namespace SipCube.Contracts.Cdrs;

/// <summary>Which side started a bridged call.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallDirection>))]
public enum CallDirection
{
    /// <summary>A SIP phone called a ConnectyCube user.</summary>
    SipToConnectyCube = 1,

    /// <summary>A ConnectyCube user called a SIP phone.</summary>
    ConnectyCubeToSip = 2,

    /// <summary>A SIP phone called another SIP phone on the same node.</summary>
    SipToSip = 3,
}
