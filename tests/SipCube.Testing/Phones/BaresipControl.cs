using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace SipCube.Testing.Phones;

/// <summary>
/// The one TCP connection to baresip's <c>ctrl_tcp</c>: netstring-framed JSON (<c>len:{...},</c>) commands with a token,
/// responses matched by that token, and pushed events handed to <see cref="EventReceived"/>.
/// </summary>
/// <remarks>
/// baresip 1.0's ctrl_tcp keeps a single client: a second connection silently replaces the first, and events go only to
/// the current one, so every command and every event share this connection.
/// </remarks>
internal sealed class BaresipControl : IAsyncDisposable
{
    private const int MaxMessageBytes = 1 << 20;
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<(bool Ok, string Data)>> _pending = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextToken;

    private BaresipControl(TcpClient client, Action<BaresipEvent> onEvent)
    {
        _client = client;
        _stream = client.GetStream();
        EventReceived = onEvent;
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Called on the reader task for each pushed event.</summary>
    public Action<BaresipEvent> EventReceived { get; }

    /// <summary>Set when the connection ended (baresip quit or crashed).</summary>
    public bool Closed { get; private set; }

    /// <summary>Connects, retrying while baresip starts; gives up when <paramref name="stillRunning"/> turns false.</summary>
    public static async Task<BaresipControl> ConnectAsync(int port, Func<bool> stillRunning, Action<BaresipEvent> onEvent,
        TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var client = new TcpClient { NoDelay = true };
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.ConnectAsync("127.0.0.1", port, cts.Token);
                return new BaresipControl(client, onEvent);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                client.Dispose();
                if (DateTime.UtcNow > deadline || !stillRunning())
                {
                    throw new TimeoutException($"baresip ctrl_tcp on 127.0.0.1:{port} did not accept within {timeout}", ex);
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>Sends one command and waits for its response.</summary>
    public async Task<(bool Ok, string Data)> SendAsync(string command, string parameters, TimeSpan timeout)
    {
        var token = "h" + Interlocked.Increment(ref _nextToken).ToString(CultureInfo.InvariantCulture);
        var reply = new TaskCompletionSource<(bool, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[token] = reply;
        try
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
            {
                ["command"] = command,
                ["params"] = parameters,
                ["token"] = token,
            });
            var prefix = Encoding.ASCII.GetBytes(json.Length.ToString(CultureInfo.InvariantCulture) + ":");
            await _writeLock.WaitAsync();
            try
            {
                await _stream.WriteAsync(prefix);
                await _stream.WriteAsync(json);
                await _stream.WriteAsync(","u8.ToArray());
            }
            finally
            {
                _writeLock.Release();
            }

            return await reply.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"baresip did not answer '{command} {parameters}' within {timeout}");
        }
        finally
        {
            _pending.TryRemove(token, out _);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }

        _stop.Dispose();
        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new List<byte>();
        var chunk = new byte[16384];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await _stream.ReadAsync(chunk, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                buffer.AddRange(chunk.AsSpan(0, read));
                while (TryTakeMessage(buffer, out var message))
                {
                    try
                    {
                        Dispatch(message);
                    }
                    catch (JsonException)
                    {
                        // One garbled message must not stop the events that follow.
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidDataException)
        {
        }
        finally
        {
            Closed = true;
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new IOException("baresip closed the control connection"));
            }
        }
    }

    private static bool TryTakeMessage(List<byte> buffer, out string message)
    {
        message = string.Empty;
        var colon = buffer.IndexOf((byte)':');
        if (colon < 0)
        {
            if (buffer.Count > 10)
            {
                throw new InvalidDataException("netstring length prefix too long");
            }

            return false;
        }

        var length = int.Parse(Encoding.ASCII.GetString([.. buffer.GetRange(0, colon)]), NumberStyles.None, CultureInfo.InvariantCulture);
        if (length > MaxMessageBytes)
        {
            throw new InvalidDataException($"netstring of {length} bytes is over the {MaxMessageBytes} limit");
        }

        if (buffer.Count < colon + 1 + length + 1)
        {
            return false;
        }

        message = Encoding.UTF8.GetString([.. buffer.GetRange(colon + 1, length)]);
        buffer.RemoveRange(0, colon + 1 + length + 1);
        return true;
    }

    private void Dispatch(string message)
    {
        using var document = JsonDocument.Parse(message);
        var root = document.RootElement;
        var evt = BaresipEvent.TryParse(root, message, DateTimeOffset.UtcNow);
        if (evt is not null)
        {
            EventReceived(evt);
            return;
        }

        if (root.TryGetProperty("token", out var token) && token.GetString() is { } id && _pending.TryGetValue(id, out var reply))
        {
            var ok = root.TryGetProperty("ok", out var okValue) && okValue.ValueKind == JsonValueKind.True;
            var data = root.TryGetProperty("data", out var dataValue) ? dataValue.GetString() ?? string.Empty : string.Empty;
            reply.TrySetResult((ok, data));
        }
    }
}
