var builder = WebApplication.CreateBuilder(args);

// The release of wwwroot that the build put beside the app (release/); in Development, wwwroot itself, rebuilt on change.
// Settings: the ServeStatic section of appsettings.json.
builder.Services.AddServeStatic();

var app = builder.Build();

// Answers the site's paths; every other request goes on to the app's own endpoints below.
app.UseServeStatic();

app.MapGet("/api/hello", () => new { message = "Hello from Company.WebApp" });

app.Run();
