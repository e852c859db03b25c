using SipCube.MediaNode.Bus;
using SipCube.MediaNode.Calls;
using SipCube.MediaNode.ConnectyCube;
using SipCube.MediaNode.Demo;
using SipCube.MediaNode.Hosting;
using SipCube.MediaNode.Observability;
using SipCube.MediaNode.Sip;

// Composition root of the single box: one line per area (STYLE.md §2.4). Append new areas below.
var builder = WebApplication.CreateBuilder(args);
builder.AddNodeHosting();
builder.AddControlPlane();
builder.AddBus();
builder.AddDrain();
builder.AddConnectyCube();
builder.AddSipEndpoint();
builder.AddCalls();

var app = builder.Build();
app.MapNodeEndpoints();
app.MapControlPlane();
app.MapDemo();
app.MapSipWebSocket();
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
