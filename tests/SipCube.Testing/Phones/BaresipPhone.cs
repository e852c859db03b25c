using System.Globalization;

namespace SipCube.Testing.Phones;

/// <summary>
/// A real SIP phone for end-to-end tests: one baresip 1.0 process with a private config directory, a WAV tone as its
/// microphone, per-call recordings of what it sent and heard, and control over <c>ctrl_tcp</c> (dial, answer, hang up,
/// events).
/// </summary>
/// <remarks>
/// Run inside a private network namespace (<see cref="InteropPeer.RequirePrivateNetwork"/>); everything binds to
/// 127.0.0.1. Events are kept in order; each <see cref="WaitForEventAsync(string, TimeSpan)"/> takes the oldest matching
/// event not taken before, so an earlier call's events never satisfy a later wait.
/// </remarks>
public sealed partial class BaresipPhone : IAsyncDisposable
{
    private readonly List<(BaresipEvent Event, bool Taken)> _events = [];
    private readonly object _gate = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly BaresipPhoneOptions _options;
    private readonly DirectoryInfo _dir;
    private readonly string _recordings;
    private PeerProcess? _process;
    private BaresipControl? _control;

    private BaresipPhone(BaresipPhoneOptions options, DirectoryInfo dir, string recordings, int sipPort)
    {
        _options = options;
        _dir = dir;
        _recordings = recordings;
        SipPort = sipPort;
    }

    /// <summary>The account's address of record, <c>sip:user@domain</c>.</summary>
    public string Aor => $"sip:{_options.User}@{_options.Domain}";

    /// <summary>Local SIP port (UDP and TCP) on 127.0.0.1.</summary>
    public int SipPort { get; }

    /// <summary>A URI that reaches this phone directly, without a registrar: <c>sip:user@127.0.0.1:port;transport=...</c>.</summary>
    public string DirectUri => string.Create(CultureInfo.InvariantCulture,
        $"sip:{_options.User}@127.0.0.1:{SipPort};transport={(_options.Transport == PhoneTransport.Tcp ? "tcp" : "udp")}");

    /// <summary>The private directory holding config, accounts, source tone and recordings.</summary>
    public string Directory => _dir.FullName;

    /// <summary>Everything baresip printed so far (for assertion messages).</summary>
    public string Output => _process?.Output ?? string.Empty;

    /// <summary>Every event received so far, oldest first.</summary>
    public IReadOnlyList<BaresipEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events.Select(e => e.Event)];
            }
        }
    }

    /// <summary>
    /// The WAV of what the phone heard in its latest call (<c>sndfile</c>'s <c>dump-*-dec.wav</c>), or null before any
    /// call. Complete once the call closed; use <see cref="WaitForReceivedAudioAsync"/> right after a hang-up.
    /// baresip 1.0 stops writing it when a re-INVITE (hold, resume, codec change) restarts the player, so it holds only
    /// the audio before the first re-INVITE.
    /// </summary>
    public string? ReceivedAudioPath => Latest("*-dec.wav");

    /// <summary>The WAV of what the phone sent in its latest call (<c>dump-*-enc.wav</c>), or null.</summary>
    public string? SentAudioPath => Latest("*-enc.wav");

    /// <summary>Writes the config, starts baresip and connects to its control port.</summary>
    public static async Task<BaresipPhone> StartAsync(BaresipPhoneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var program = InteropPeer.Require("baresip");
        var dir = System.IO.Directory.CreateTempSubdirectory("baresip-phone-");
        var sipPort = options.LocalPort != 0 ? options.LocalPort : FreePort.UdpAndTcp();
        var controlPort = FreePort.Tcp();
        var recordings = WriteConfig(dir.FullName, options, sipPort, controlPort);
        var phone = new BaresipPhone(options, dir, recordings, sipPort);
        try
        {
            phone._process = PeerProcess.Start(program, ["-f", dir.FullName], workingDirectory: dir.FullName);
            phone._control = await BaresipControl.ConnectAsync(controlPort, () => !phone._process.HasExited, phone.OnEvent,
                options.CommandTimeout);
            await phone.CommandAsync("uanew", AccountLine(options));
            return phone;
        }
        catch
        {
            await phone.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the account's REGISTER to succeed; throws on REGISTER_FAIL or time-out.</summary>
    public async Task WaitForRegisteredAsync(TimeSpan timeout)
    {
        var result = await WaitForEventAsync(
            e => e.Type is BaresipEventTypes.RegisterOk or BaresipEventTypes.RegisterFail, timeout, "REGISTER_OK");
        if (result.Type == BaresipEventTypes.RegisterFail)
        {
            throw new InvalidOperationException($"{Aor} failed to register: {result.Param}\n{Output}");
        }
    }

    /// <summary>Places a call to <paramref name="uri"/> (through the registrar when one is configured).</summary>
    public Task DialAsync(string uri) => CommandOrThrowAsync("dial", uri);

    /// <summary>Answers the ringing incoming call.</summary>
    public Task AnswerAsync() => CommandOrThrowAsync("accept", string.Empty);

    /// <summary>
    /// Hangs up the current call: BYE when established, CANCEL when still ringing out, and for a ringing incoming call
    /// a reject (baresip 1.0 always sends 486 there; it has no way to choose 603).
    /// </summary>
    public Task HangUpAsync() => CommandOrThrowAsync("hangup", string.Empty);

    /// <summary>Deletes the account (<c>uadel</c>), which sends REGISTER with Expires: 0, and waits for UNREGISTERING.</summary>
    public async Task UnregisterAsync(TimeSpan timeout)
    {
        await CommandOrThrowAsync("uadel", Aor);
        await WaitForEventAsync(BaresipEventTypes.Unregistering, timeout);
    }

    /// <summary>Sends any menu command (e.g. <c>callstat</c>, <c>reginfo</c>) and returns its text; throws when not ok.</summary>
    public async Task<string> CommandAsync(string command, string parameters = "")
    {
        var control = _control ?? throw new InvalidOperationException("baresip is not running");
        var (ok, data) = await control.SendAsync(command, parameters, _options.CommandTimeout);
        return ok ? data : throw new InvalidOperationException($"baresip refused '{command} {parameters}': {data}\n{Output}");
    }

    /// <summary>Takes the oldest not yet taken event of <paramref name="type"/> (see <see cref="BaresipEventTypes"/>).</summary>
    public Task<BaresipEvent> WaitForEventAsync(string type, TimeSpan timeout) =>
        WaitForEventAsync(e => e.Type == type, timeout, type);

    /// <summary>Takes the oldest not yet taken event matching <paramref name="match"/>.</summary>
    public async Task<BaresipEvent> WaitForEventAsync(Func<BaresipEvent, bool> match, TimeSpan timeout, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_gate)
            {
                for (var i = 0; i < _events.Count; i++)
                {
                    if (!_events[i].Taken && match(_events[i].Event))
                    {
                        _events[i] = (_events[i].Event, true);
                        return _events[i].Event;
                    }
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || _control is null || _control.Closed && _arrived.CurrentCount == 0)
            {
                throw new TimeoutException($"{Aor}: no {description ?? "matching event"} within {timeout}; events: " +
                    string.Join(" | ", Events) + "\nbaresip output:\n" + Output);
            }

            // Wake on each arrival, and at least every 250 ms to notice a closed control connection.
            await _arrived.WaitAsync(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>
    /// Waits until the latest call's received-audio WAV is complete (its header finalised when the call closed) and
    /// returns its path.
    /// </summary>
    public async Task<string> WaitForReceivedAudioAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (ReceivedAudioPath is { } path && IsFinalised(path))
            {
                return path;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Aor}: no finished received-audio WAV in {_recordings} within {timeout}\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_control is not null)
        {
            if (_process is { HasExited: false } && !_control.Closed)
            {
                try
                {
                    // quit unregisters and hangs up calls cleanly; the kill below is only the fallback.
                    await _control.SendAsync("quit", string.Empty, TimeSpan.FromSeconds(3));
                    await _process.WaitForExitAsync(TimeSpan.FromSeconds(5));
                }
                catch (Exception ex) when (ex is TimeoutException or IOException or InvalidOperationException)
                {
                }
            }

            await _control.DisposeAsync();
        }

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        _arrived.Dispose();
        if (!_options.KeepFiles)
        {
            try
            {
                _dir.Delete(recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private async Task CommandOrThrowAsync(string command, string parameters) => await CommandAsync(command, parameters);

    private void OnEvent(BaresipEvent evt)
    {
        lock (_gate)
        {
            _events.Add((evt, false));
        }

        _arrived.Release();
    }

    private string? Latest(string pattern) =>
        System.IO.Directory.Exists(_recordings)
            ? new DirectoryInfo(_recordings).GetFiles(pattern).OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name)
                .LastOrDefault()?.FullName
            : null;

    private static bool IsFinalised(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var header = new byte[8];
            if (stream.Read(header) < 8 || !header.AsSpan(0, 4).SequenceEqual("RIFF"u8))
            {
                return false;
            }

            var riffSize = BitConverter.ToUInt32(header, 4);
            return riffSize > 36 && riffSize + 8 == stream.Length;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
