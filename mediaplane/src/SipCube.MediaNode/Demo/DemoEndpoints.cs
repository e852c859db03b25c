using System.Collections.Frozen;
using System.Text.Json.Nodes;
using SipCube.ConnectyCube;
using SipCube.ConnectyCube.Emulator;
using SipCube.ConnectyCube.Rest;

namespace SipCube.MediaNode.Demo;

/// <summary>
/// The <c>/demo</c> page: a plain HTML app user on the real <c>connectycube</c> SDK (the build installs it into
/// Demo/node_modules and copies the bundle next to the assembly), and <c>/demo/config.json</c> telling the page
/// which ConnectyCube the node uses (the emulator or the configured account).
/// </summary>
/// <remarks>ARCHITECTURE.md "Fixed interfaces"; connectycube-protocol.md §1 (what the SDK needs client side).</remarks>
internal static class DemoEndpoints
{
    /// <summary>Folder, next to the assembly, that the build fills with the page and the SDK bundle.</summary>
    public const string FolderName = "Demo";

    // A fixed list instead of a file server over the folder: nothing else (package.json, node_modules, a path
    // with "..") can ever be served from here.
    private static readonly FrozenDictionary<string, string> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["demo.js"] = "text/javascript; charset=utf-8",
        ["demo.css"] = "text/css; charset=utf-8",
        ["connectycube.min.js"] = "text/javascript; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Maps <c>GET /demo/</c>, its assets and <c>GET /demo/config.json</c>.</summary>
    public static WebApplication MapDemo(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var root = Path.Combine(AppContext.BaseDirectory, FolderName);
        var config = BuildConfig(app.Services);

        // Routing matches /demo and /demo/ alike, but the page's relative asset URLs need the slash: redirect to it,
        // keeping the query (e.g. ?tone=600).
        app.MapGet("/demo", (HttpContext ctx) => ctx.Request.Path.Value!.EndsWith('/')
            ? Serve(ctx, root, "index.html")
            : Results.Redirect("/demo/" + ctx.Request.QueryString, permanent: false)).ExcludeFromDescription();
        app.MapGet("/demo/config.json", (HttpContext ctx) =>
        {
            NoCache(ctx);
            return Results.Text(config, "application/json; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapGet("/demo/{file}", (HttpContext ctx, string file) => Serve(ctx, root, file)).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The page's settings. The emulator's auth secret is a local test value and is handed out; for a real account
    /// only what the SDK needs in a browser (application id and auth key, as in every ConnectyCube web app) is.
    /// </summary>
    internal static string BuildConfig(IServiceProvider services)
    {
        var rest = services.GetRequiredService<ConnectyCubeRestOptions>();
        var chat = services.GetRequiredService<ConnectyCubeChatOptions>();
        var emulator = services.GetService<EmulatorOptions>();
        var json = new JsonObject
        {
            ["emulator"] = emulator is not null,
            ["appId"] = rest.ApplicationId,
            ["authKey"] = rest.AuthKey,
            ["apiUrl"] = rest.ApiUrl.ToString().TrimEnd('/'),
            ["chatUrl"] = chat.ChatUrl.ToString(),
            ["chatDomain"] = chat.ChatDomain,
            ["dialingSeconds"] = (int)Math.Max(1, chat.DialingInterval.TotalSeconds),
            ["answerSeconds"] = (int)Math.Max(1, chat.AnswerTimeout.TotalSeconds),
        };
        if (emulator?.AuthSecret is { } secret)
        {
            json["authSecret"] = secret;
        }

        return json.ToJsonString();
    }

    private static IResult Serve(HttpContext ctx, string root, string file)
    {
        if (!Files.TryGetValue(file, out var contentType))
        {
            return Results.NotFound();
        }

        var path = Path.Combine(root, file);
        if (!File.Exists(path))
        {
            // Only when the build could not run npm: say so instead of a bare 404 so a newcomer knows what to do.
            return Results.Problem(
                $"{FolderName}/{file} is missing next to the node's assembly; build SipCube.MediaNode with npm on PATH (it runs npm ci in Demo/).",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        NoCache(ctx);
        return Results.File(path, contentType);
    }

    private static void NoCache(HttpContext ctx) => ctx.Response.Headers.CacheControl = "no-cache";
}
