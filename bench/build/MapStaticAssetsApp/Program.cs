var app = WebApplication.CreateBuilder(args).Build();
app.MapStaticAssets();
app.Run();
