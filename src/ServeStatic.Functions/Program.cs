using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

var builder = FunctionsApplication.CreateBuilder(args);

builder.ConfigureFunctionsWebApplication();

// The release that `dotnet publish` put beside the app (release/) is served unless app settings
// (ServeStatic__Source, ServeStatic__Folder__Path, ServeStatic__Blob__…) say otherwise.
var serveStatic = builder.Configuration.GetSection("ServeStatic");
builder.Services.AddServeStatic(serveStatic);
builder.Services.AddServeStaticBlobStorage(serveStatic);

// ASP.NET Core logs every request at Information; the host and Front Door already record requests.
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

// Telemetry goes to Application Insights through OpenTelemetry when the app has a connection string
// (host.json sets "telemetryMode": "OpenTelemetry", so the host exports the same way). The component
// accepts Microsoft Entra ID tokens only (infra/), so the exporter authenticates as the app's identity.
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    builder.Services.AddOpenTelemetry()
        .UseFunctionsWorkerDefaults()
        .UseAzureMonitorExporter(options => options.Credential = new DefaultAzureCredential());
}

builder.Build().Run();
