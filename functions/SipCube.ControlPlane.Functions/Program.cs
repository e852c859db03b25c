using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using SipCube.ControlPlane.Functions;

// Composition root of the Functions app: one line per area; the functions are thin adapters over shared handlers.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddControlPlaneFunctions(builder.Configuration);
builder.Services.AddCdrIngest(builder.Configuration);
builder.Services.AddFunctionsTelemetry(builder.Configuration);
builder.Build().Run();
