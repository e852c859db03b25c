using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.Sip.Diagnostics;
using SipCube.Sip.Message;

namespace SipCube.Sip.Registrar;

/// <summary>
/// Periodically sends OPTIONS to every registered contact over its own flow and removes the ones that
/// do not answer at all (transaction timeout or transport error). Any response, even an error, proves life.
/// </summary>
/// <remarks>RFC 3261 §11 (OPTIONS), §17.1.2 (Timer F ends an unanswered attempt); keeps NAT bindings warm too.</remarks>
public sealed class ContactQualifier : IDisposable
{
    private readonly SipEndpoint _endpoint;
    private readonly ILocationService _location;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private int _running;

    /// <summary>Starts qualifying every <paramref name="interval"/>.</summary>
    public ContactQualifier(SipEndpoint endpoint, ILocationService location, TimeSpan interval, ILogger<ContactQualifier>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;
        _location = location;
        _logger = logger ?? NullLogger<ContactQualifier>.Instance;
        _timer = endpoint.Time.CreateTimer(_ => _ = QualifyAllAsync(), null, interval, interval);
    }

    /// <summary>Qualifies every binding once; returns how many were removed.</summary>
    public async Task<int> QualifyAllAsync()
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            return 0;
        }

        try
        {
            var results = await Task.WhenAll(_location.AllBindings().Select(QualifyAsync));
            return results.Count(alive => !alive);
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();

    private async Task<bool> QualifyAsync(ContactBinding binding)
    {
        var options = SipMessage.CreateRequest(SipMethods.Options, binding.ReachableUri)
            .Add(SipHeaderKind.MaxForwards, "70")
            .Add(SipHeaderKind.From, $"<{binding.Aor}>;tag={SipResponseFactory.NewTag()}")
            .Add(SipHeaderKind.To, $"<{binding.Aor}>")
            .Add(SipHeaderKind.CallId, SipResponseFactory.NewTag() + SipResponseFactory.NewTag())
            .Add(SipHeaderKind.CSeq, "1 OPTIONS");
        var response = await _endpoint.SendRequestAsync(options, binding.Flow);
        if (response is not null)
        {
            return true;
        }

        if (_location.Remove(binding.Aor, binding.Contact, "qualify timeout"))
        {
            SipLog.BindingRemoved(_logger, binding.Aor, binding.Contact, "qualify timeout");
        }

        return false;
    }
}
