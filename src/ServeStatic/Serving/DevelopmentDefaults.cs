using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ServeStatic.Serving;

/// <summary>
/// The defaults that differ in the Development environment, applied before configuration and code (which win): <c>MaxAgeSeconds</c>
/// is 0, so a browser revalidates every time (the ETag makes that cheap) and sees an edit at once, as WhiteNoise's
/// <c>WHITENOISE_MAX_AGE</c> is 0 under <c>DEBUG</c>. Without a host (a bare service collection) there is no environment: no change.
/// </summary>
internal sealed class DevelopmentDefaults(IHostEnvironment? host = null) : IConfigureOptions<ServeStaticOptions>
{
    public void Configure(ServeStaticOptions options)
    {
        if (host?.IsDevelopment() == true)
            options.MaxAgeSeconds = 0;
    }
}
