using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using SipCube.Sip.Diagnostics;

namespace SipCube.Sip.Transport;

/// <summary>Closes accepted connections that stayed idle past <see cref="SipConnectionOptions.IdleTimeout"/>.</summary>
/// <remarks>RFC 5626 §4.4.1 (keep-alives are traffic); flows with a binding are kept (RFC 5626 §3).</remarks>
internal sealed class IdleConnectionReaper : IDisposable
{
    private readonly ConcurrentDictionary<long, SipStreamConnection> _connections;
    private readonly SipConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer? _timer;

    public IdleConnectionReaper(ConcurrentDictionary<long, SipStreamConnection> connections, SipConnectionOptions options, ILogger logger)
    {
        _connections = connections;
        _options = options;
        _time = options.Time ?? TimeProvider.System;
        _logger = logger;
        if (options.IdleTimeoutEnabled)
        {
            // A quarter of the timeout (at most a minute) keeps the overshoot small without a timer per connection.
            var period = TimeSpan.FromTicks(Math.Min(options.IdleTimeout.Ticks / 4, TimeSpan.FromMinutes(1).Ticks));
            _timer = _time.CreateTimer(_ => Sweep(), null, period, period);
        }
    }

    public void Sweep()
    {
        foreach (var connection in _connections.Values)
        {
            var idle = _time.GetElapsedTime(connection.LastActivity);
            if (idle < _options.IdleTimeout || (_options.FlowInUse?.Invoke(connection.Flow) ?? false))
            {
                continue;
            }

            SipLog.IdleConnectionClosed(_logger, connection.Flow.ToString(), (long)idle.TotalSeconds);
            _ = connection.DisposeAsync().AsTask();
        }
    }

    public void Dispose() => _timer?.Dispose();
}
