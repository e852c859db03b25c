using System.Collections.Concurrent;
using SipCube.Dtls;

namespace SipCube.LoadHarness.Bridge;

/// <summary>What every call of a run shares: the codec we answer with, its frame, the certificate, the pacer and
/// the measurement.</summary>
internal sealed class LoadCallOptions
{
    /// <summary>Encoding name we accept from the node's offer (PCMU: passthrough; opus: the node transcodes).</summary>
    public required string Codec { get; init; }

    /// <summary>RTP timestamp step per 20 ms frame.</summary>
    public required int SamplesPerFrame { get; init; }

    /// <summary>The frame payload template.</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>True when payloads carry our tag and timestamp (passthrough only).</summary>
    public required bool TaggedPayload { get; init; }

    public required DtlsCertificate Certificate { get; init; }

    public required MediaPacer Pacer { get; init; }

    /// <summary>The socket all calls share.</summary>
    public required LoadSocket Socket { get; init; }

    public required LoadMeasurement Measurement { get; init; }

    /// <summary>Calls that ended, for the step's tally.</summary>
    public ConcurrentQueue<LoadCall> Finished { get; } = new();
}
