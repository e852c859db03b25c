using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SipCube.Testing.Browser;

/// <summary>
/// A ConnectyCube app user for end-to-end tests: headless Chromium on the node's <c>/demo</c> page (the real
/// <c>connectycube</c> SDK), driven through tests/browser/app-user.mjs. Commands are JSON lines on the driver's
/// stdin; events (<c>ready</c>, <c>incoming</c>, <c>accepted</c>, <c>connected</c>, <c>remote-stream</c>,
/// <c>ended</c>...) and replies come back as <c>APPUSER {json}</c> lines. Dispose kills Chromium.
/// Run inside <c>unshare -n</c>; the test must call <see cref="InteropPeer.RequirePrivateNetwork"/> first.
/// </summary>
public sealed class AppUserBrowser : IAsyncDisposable
{
    /// <summary>The driver script, relative to tests/.</summary>
    public const string Script = "browser/app-user.mjs";

    private const string Prefix = "APPUSER ";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private readonly PeerProcess _peer;
    private readonly List<JsonElement> _events = [];
    private readonly List<JsonElement> _replies = [];
    private readonly HashSet<int> _consumed = [];
    private readonly object _gate = new();
    private int _scanned;
    private int _nextId;

    private AppUserBrowser(PeerProcess peer) => _peer = peer;

    /// <summary>The ConnectyCube user id the page logged in as.</summary>
    public long UserId { get; private set; }

    /// <summary>Everything the driver and the page printed (for assertion messages).</summary>
    public string Output => _peer.Output;

    /// <summary>All events seen so far, in order.</summary>
    public IReadOnlyList<JsonElement> Events
    {
        get
        {
            Scan();
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>
    /// Opens <c>&lt;nodeUrl&gt;/demo/?tone=&lt;toneHz&gt;</c>, signs up (ignored when the login exists) and logs in, and
    /// waits for the page's <c>ready</c> event. <paramref name="toneHz"/> 0 keeps Chromium's fake microphone.
    /// </summary>
    public static async Task<AppUserBrowser> StartAsync(Uri nodeUrl, string login, string password, int toneHz = 0,
        TimeSpan? timeout = null, bool signUp = true)
    {
        ArgumentNullException.ThrowIfNull(nodeUrl);
        var arguments = new List<string> { nodeUrl.ToString(), login, password, toneHz.ToString(CultureInfo.InvariantCulture) };
        if (!signUp)
        {
            arguments.Add("--login-only");
        }

        var browser = new AppUserBrowser(NodePeer.Start(Script, [.. arguments]));
        try
        {
            var ready = await browser.WaitForEventAsync("ready", timeout ?? TimeSpan.FromSeconds(45));
            browser.UserId = ready.GetProperty("userId").GetInt64();
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls a ConnectyCube user id (audio only).</summary>
    public Task<JsonElement> CallAsync(long userId, TimeSpan? timeout = null) =>
        CommandAsync("call", new JsonObject { ["userId"] = userId }, timeout);

    /// <summary>Calls a SIP URI through the node's mapping API, or a user id given as text.</summary>
    public Task<JsonElement> CallAsync(string target, TimeSpan? timeout = null) =>
        CommandAsync("call", new JsonObject { ["target"] = target }, timeout);

    /// <summary>Answers the ringing incoming call.</summary>
    public Task<JsonElement> AnswerAsync(TimeSpan? timeout = null) => CommandAsync("answer", null, timeout);

    /// <summary>Rejects the ringing incoming call with <paramref name="reason"/> in the userInfo.</summary>
    public Task<JsonElement> RejectAsync(string reason = "busy", TimeSpan? timeout = null) =>
        CommandAsync("reject", new JsonObject { ["reason"] = reason }, timeout);

    /// <summary>Hangs up (or cancels) the current call.</summary>
    public Task<JsonElement> HangUpAsync(TimeSpan? timeout = null) => CommandAsync("hangup", null, timeout);

    /// <summary>Listens to the remote audio for <paramref name="milliseconds"/> and returns its dominant tone.</summary>
    public async Task<RemoteTone> MeasureRemoteToneAsync(int milliseconds = 1500)
    {
        var reply = await CommandAsync("tone", new JsonObject { ["ms"] = milliseconds }, TimeSpan.FromMilliseconds(milliseconds) + DefaultTimeout);
        var db = reply.GetProperty("db");
        return new RemoteTone(reply.GetProperty("hz").GetInt32(), db.ValueKind == JsonValueKind.Number ? db.GetDouble() : null,
            reply.GetProperty("samples").GetInt32());
    }

    /// <summary>Sends <paramref name="tones"/> as RFC 4733 events through the page's RTCDTMFSender; the reply's
    /// <c>sent</c> is false (with a <c>reason</c>) when the call negotiated no telephone-event.</summary>
    public Task<JsonElement> SendDtmfAsync(string tones, int durationMs = 120) =>
        CommandAsync("dtmf", new JsonObject { ["tones"] = tones, ["durationMs"] = durationMs }, null);

    /// <summary>RTP totals and codec of the current call (WebRTC getStats).</summary>
    public async Task<AppUserStats> GetStatsAsync()
    {
        var r = await CommandAsync("stats", null, null);
        return new AppUserStats(r.GetProperty("packetsReceived").GetInt64(), r.GetProperty("bytesReceived").GetInt64(),
            r.GetProperty("packetsSent").GetInt64(), r.GetProperty("bytesSent").GetInt64(), OptionalString(r, "codec"), OptionalString(r, "iceState"));
    }

    /// <summary>
    /// Returns the earliest not yet returned event named <paramref name="name"/> (e.g. <c>incoming</c>, <c>accepted</c>,
    /// <c>ended</c>), waiting up to <paramref name="timeout"/>; throws with the driver's output on time-out.
    /// </summary>
    public async Task<JsonElement> WaitForEventAsync(string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Scan();
            lock (_gate)
            {
                for (var i = 0; i < _events.Count; i++)
                {
                    if (!_consumed.Contains(i) && _events[i].GetProperty("event").GetString() == name)
                    {
                        _consumed.Add(i);
                        return _events[i];
                    }
                }

                if (_events.Any(e => e.GetProperty("event").GetString() == "failed"))
                {
                    throw new InvalidOperationException($"app-user driver failed while waiting for '{name}':\n{Output}");
                }
            }

            if (DateTime.UtcNow > deadline || _peer.HasExited)
            {
                throw new TimeoutException($"app-user event '{name}' not seen within {timeout}; output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_peer.HasExited)
        {
            try
            {
                // A clean quit lets the driver close Chromium and delete its profile; the kill below is the backstop.
                await _peer.WriteLineAsync("""{"cmd":"quit"}""");
                await _peer.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is IOException or TimeoutException or InvalidOperationException)
            {
            }
        }

        await _peer.DisposeAsync();
    }

    private async Task<JsonElement> CommandAsync(string cmd, JsonObject? arguments, TimeSpan? timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var command = arguments ?? [];
        command["id"] = id;
        command["cmd"] = cmd;
        await _peer.WriteLineAsync(command.ToJsonString());
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            Scan();
            lock (_gate)
            {
                foreach (var reply in _replies)
                {
                    if (reply.TryGetProperty("id", out var rid) && rid.ValueKind == JsonValueKind.Number && rid.GetInt32() == id)
                    {
                        return reply.GetProperty("ok").GetBoolean()
                            ? reply
                            : throw new InvalidOperationException($"app-user '{cmd}' failed: {OptionalString(reply, "error")}\n{Output}");
                    }
                }
            }

            if (DateTime.UtcNow > deadline || _peer.HasExited)
            {
                throw new TimeoutException($"app-user '{cmd}' got no reply within {timeout ?? DefaultTimeout}; output:\n{Output}");
            }

            await Task.Delay(50);
        }
    }

    // The driver's stdout and the page's console (stderr) share one buffer, whole lines at a time; only lines with
    // the prefix are ours.
    private void Scan()
    {
        var output = _peer.Output;
        lock (_gate)
        {
            var end = output.LastIndexOf('\n');
            if (end < _scanned)
            {
                return;
            }

            foreach (var raw in output[_scanned..end].Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                if (!line.StartsWith(Prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(line[Prefix.Length..]);
                var element = doc.RootElement.Clone();
                (element.TryGetProperty("event", out _) ? _events : _replies).Add(element);
            }

            _scanned = end + 1;
        }
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
