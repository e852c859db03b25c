using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SipCube.ConnectyCube.Rest;
using SipCube.ConnectyCube.Signaling;
using SipCube.Xmpp.Session;

namespace SipCube.ConnectyCube;

/// <summary>
/// One ConnectyCube identity the node serves: a REST session for its user id, one XMPP connection that reconnects
/// with fresh credentials (a new session token after a SASL rejection), and the call signalling on top.
/// </summary>
/// <remarks>connectycube-protocol.md §2.3 (PLAIN authcid <c>userId-appId</c>; password or session token).</remarks>
public sealed class ConnectyCubeChatIdentity : IAsyncDisposable
{
    private readonly ConnectyCubeChatMetrics? _metrics;

    private ConnectyCubeChatIdentity(int userId, XmppClient chat, CallSignaling signaling, ConnectyCubeChatMetrics? metrics)
    {
        UserId = userId;
        Chat = chat;
        Signaling = signaling;
        _metrics = metrics;
    }

    /// <summary>Our ConnectyCube user id.</summary>
    public int UserId { get; }

    /// <summary>The chat connection.</summary>
    public XmppClient Chat { get; }

    /// <summary>The call signalling of this identity.</summary>
    public CallSignaling Signaling { get; }

    /// <summary>Creates the REST session, then starts the chat connection (it keeps reconnecting in the background).</summary>
    public static async Task<ConnectyCubeChatIdentity> StartAsync(
        ConnectyCubeTokenCache tokens,
        ConnectyCubeUserCredentials user,
        ConnectyCubeChatOptions options,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        var first = await tokens.GetSessionAsync(user, cancellationToken).ConfigureAwait(false);
        var userId = first.UserId;
        var applicationId = first.ApplicationId;
        var username = string.Create(CultureInfo.InvariantCulture, $"{userId}-{applicationId}");

        async ValueTask<XmppCredentials> Credentials(XmppConnectAttempt attempt, CancellationToken ct)
        {
            if (attempt.PreviousRejected)
            {
                tokens.Invalidate(user);
            }

            var password = options.UseTokenAsPassword ? (await tokens.GetSessionAsync(user, ct).ConfigureAwait(false)).Token : user.Password;
            return new XmppCredentials(username, password, options.ChatDomain);
        }

        var chat = new XmppClient(
            new XmppClientOptions { ServiceUri = options.ChatUrl },
            Credentials,
            timeProvider,
            loggerFactory.CreateLogger<XmppClient>(),
            options.Metrics?.Xmpp);
        var signaling = new CallSignaling(
            chat,
            new CallSignalingOptions
            {
                UserId = userId,
                ApplicationId = applicationId,
                ChatDomain = options.ChatDomain,
                DialingInterval = options.DialingInterval,
                AnswerTimeout = options.AnswerTimeout,
            },
            timeProvider,
            loggerFactory.CreateLogger<CallSignaling>());
        options.Metrics?.Track(chat);
        chat.Start();
        return new ConnectyCubeChatIdentity(userId, chat, signaling, options.Metrics);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _metrics?.Untrack(Chat);
        Signaling.Dispose();
        await Chat.DisposeAsync().ConfigureAwait(false);
    }
}
