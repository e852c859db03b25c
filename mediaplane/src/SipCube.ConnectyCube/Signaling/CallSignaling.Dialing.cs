namespace SipCube.ConnectyCube.Signaling;

/// <summary>Re-send state of one (session, callee) pair.</summary>
public sealed partial class CallSignaling
{
    private sealed class Dialing(CallSignaling owner, CallSignal call, int callee, DateTimeOffset startedAt) : IDisposable
    {
        private ITimer? _timer;
        private volatile bool _disposed;

        public CallSignal Call => call;

        public int Callee => callee;

        public DateTimeOffset StartedAt => startedAt;

        public void Arm(TimeProvider time, TimeSpan interval)
        {
            // StopDialing may run while the first call is on the wire; a disposed entry must not start a timer.
            if (!_disposed)
            {
                _timer = time.CreateTimer(_ => owner.OnDialTick(this), null, interval, interval);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            _timer?.Dispose();
        }
    }

    /// <summary>A bounded set that forgets its oldest entries first.</summary>
    private sealed class RecentSet(int capacity)
    {
        private readonly HashSet<string> _set = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public bool Add(string key)
        {
            if (!_set.Add(key))
            {
                return false;
            }

            _order.Enqueue(key);
            if (_order.Count > capacity)
            {
                _set.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
