using System.IO.Pipelines;
using Microsoft.Extensions.Logging;
using SipCube.Sip.Diagnostics;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Transport;

/// <summary>One accepted TCP/TLS connection: a read loop over a <see cref="PipeReader"/> and serialized writes.</summary>
/// <remarks>RFC 3261 §18.3 (framing), RFC 5626 §4.4.1 (CRLF keep-alive).</remarks>
internal sealed class SipStreamConnection : IAsyncDisposable
{
    private static readonly ReadOnlyMemory<byte> Pong = "\r\n"u8.ToArray();
    private readonly Stream _stream;
    private readonly SipParserLimits _limits;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly TimeProvider _time;
    private long _lastActivity;
    private int _disposed;

    public SipStreamConnection(Stream stream, SipFlow flow, SipParserLimits limits, ILogger logger, TimeProvider? time = null)
    {
        _stream = stream;
        Flow = flow;
        _limits = limits;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _lastActivity = _time.GetTimestamp();
    }

    public SipFlow Flow { get; }

    /// <summary><see cref="TimeProvider.GetTimestamp"/> of the last bytes read or written (keep-alives included).</summary>
    public long LastActivity => Volatile.Read(ref _lastActivity);

    public async Task RunAsync(ISipTransportSink sink, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken);
                var buffer = read.Buffer;
                Touch();
                var keepOpen = await ProcessAsync(sink, ref buffer);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (!keepOpen || read.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return false;
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(data, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
            Touch();
            return true;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            SipLog.SendFailed(_logger, Flow.ToString(), ex.GetType().Name);
            return false;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _stream.DisposeAsync();
        }
    }

    private void Touch() => Volatile.Write(ref _lastActivity, _time.GetTimestamp());

    private ValueTask<bool> ProcessAsync(ISipTransportSink sink, ref System.Buffers.ReadOnlySequence<byte> buffer)
    {
        var pending = new List<SipParseResult>(1);
        var keepOpen = true;
        while (true)
        {
            var result = SipStreamParser.TryParse(buffer, _limits);
            if (result.Status == SipParseStatus.Incomplete)
            {
                break;
            }

            if (result.Status == SipParseStatus.Error && result.Consumed == 0)
            {
                pending.Add(result);
                keepOpen = false;
                buffer = buffer.Slice(buffer.End);
                break;
            }

            buffer = buffer.Slice(result.Consumed);
            if (result.Status != SipParseStatus.KeepAlivePong)
            {
                pending.Add(result);
            }
        }

        return pending.Count == 0 ? ValueTask.FromResult(keepOpen) : DeliverAsync(sink, pending, keepOpen);
    }

    private async ValueTask<bool> DeliverAsync(ISipTransportSink sink, List<SipParseResult> results, bool keepOpen)
    {
        foreach (var result in results)
        {
            try
            {
                switch (result.Status)
                {
                    case SipParseStatus.KeepAlivePing:
                        await SendAsync(Pong, CancellationToken.None);
                        break;
                    case SipParseStatus.Complete:
                        await sink.OnMessageAsync(Flow, result.Message!);
                        break;
                    default:
                        await sink.OnBadMessageAsync(Flow, result);
                        break;
                }
            }
#pragma warning disable CA1031 // one bad message must never kill the connection's read loop
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SipLog.HandlerFailed(_logger, Flow.ToString(), ex);
            }
        }

        return keepOpen;
    }
}
