namespace SipCube.Testing;

/// <summary>Writing to a running peer's stdin, for drivers that take commands (tests/browser/app-user.mjs).</summary>
public sealed partial class PeerProcess
{
    private readonly SemaphoreSlim _inputGate = new(1, 1);

    /// <summary>Writes one line to the peer's standard input and flushes it.</summary>
    public async Task WriteLineAsync(string line)
    {
        // Lines from concurrent callers must not interleave inside the peer's line reader.
        await _inputGate.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync();
        }
        finally
        {
            _inputGate.Release();
        }
    }
}
