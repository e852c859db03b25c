using System.Security.Cryptography;

namespace SipCube.ConnectyCube.Emulator.Directory;

/// <summary>
/// Users and sessions of every emulated application, in memory. User ids are integers unique across applications
/// (they end up in JIDs and <c>callerID</c>); logins are unique per application only.
/// </summary>
/// <remarks>connectycube-protocol.md §1.2 (users created on first login), §1.5 (sliding expiry).</remarks>
internal sealed class EmulatorDirectory(EmulatorOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, EmulatorUser> _users = [];
    private readonly Dictionary<string, EmulatorSession> _sessions = new(StringComparer.Ordinal);
    private int _nextUserId = 100;
    private int _nextSessionId;

    public TimeProvider Time => time;

    /// <summary>Finds a user by login or email, creating it when unknown; a sign-up of a known user is <see cref="LoginOutcome.Taken"/>.</summary>
    public (LoginOutcome Outcome, EmulatorUser? User) Login(int applicationId, string? login, string? email, string password, string? fullName, bool signUp)
    {
        lock (_gate)
        {
            var existing = _users.Values.FirstOrDefault(u => u.ApplicationId == applicationId
                && ((login is not null && string.Equals(u.Login, login, StringComparison.Ordinal))
                    || (email is not null && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase))));
            if (existing is not null)
            {
                if (signUp)
                {
                    return (LoginOutcome.Taken, existing);
                }

                var same = CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.UTF8.GetBytes(existing.Password), System.Text.Encoding.UTF8.GetBytes(password));
                return (same ? LoginOutcome.Matched : LoginOutcome.WrongPassword, existing);
            }

            var user = new EmulatorUser(++_nextUserId, applicationId, login, email, password, fullName, time.GetUtcNow());
            _users[user.Id] = user;
            return (LoginOutcome.Created, user);
        }
    }

    public EmulatorUser? FindUser(int applicationId, int userId)
    {
        lock (_gate)
        {
            return _users.TryGetValue(userId, out var user) && user.ApplicationId == applicationId ? user : null;
        }
    }

    public IReadOnlyList<EmulatorUser> ListUsers(int applicationId)
    {
        lock (_gate)
        {
            return _users.Values.Where(u => u.ApplicationId == applicationId).OrderBy(u => u.Id).ToList();
        }
    }

    public EmulatorSession CreateSession(int applicationId, int userId)
    {
        var now = time.GetUtcNow();
        var session = new EmulatorSession
        {
            Id = Interlocked.Increment(ref _nextSessionId),
            Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20)),
            ApplicationId = applicationId,
            CreatedAt = now,
            UserId = userId,
            LastUsed = now,
        };
        lock (_gate)
        {
            _sessions[session.Token] = session;
        }

        return session;
    }

    /// <summary>Returns a live session and slides its expiry, or null when unknown or expired.</summary>
    public EmulatorSession? Touch(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_gate)
        {
            if (!_sessions.TryGetValue(token, out var session))
            {
                return null;
            }

            var now = time.GetUtcNow();
            if (now - session.LastUsed > options.SessionLifetime)
            {
                _sessions.Remove(token);
                return null;
            }

            session.LastUsed = now;
            return session;
        }
    }

    public void DestroySession(string token)
    {
        lock (_gate)
        {
            _sessions.Remove(token);
        }
    }
}
