using ServeStatic.Fingerprinting;
using Outcome = ServeStatic.Fingerprinting.ReferenceResolver.Outcome;

namespace ServeStatic.Tests.Fingerprinting;

public class ReferenceResolverTests
{
    [Theory]
    [InlineData("a.png", "/css/a.png")]
    [InlineData("./a.png", "/css/a.png")]
    [InlineData("../img/a.png", "/img/a.png")]
    [InlineData("/img/a.png", "/img/a.png")]
    [InlineData("img/./x/../a.png?v=1#f", "/css/img/a.png")]
    [InlineData("my%20file.png", "/css/my file.png")]
    [InlineData("../", "/")]
    public void Relative_root_relative_and_dot_segment_references_resolve(string url, string expected) =>
        Assert.Equal((Outcome.Resolved, expected), ReferenceResolver.Resolve(url, "/css/", ReferenceRole.Resource));

    [Theory]
    [InlineData("https://cdn.example.com/a.png")]
    [InlineData("HTTP://example.com/a.png")]
    [InlineData("//cdn.example.com/a.png")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("mailto:x@example.com")]
    [InlineData("#section")]
    [InlineData("?page=2")]
    [InlineData("")]
    [InlineData("{{ asset('a.png') }}")]
    [InlineData("${base}/a.png")]
    [InlineData("<%= path %>/a.png")]
    [InlineData("{% static 'a.png' %}")]
    public void References_that_are_not_site_files_are_left_alone(string url) =>
        Assert.Equal(Outcome.Skipped, ReferenceResolver.Resolve(url, "/css/", ReferenceRole.Resource).Outcome);

    [Theory]
    [InlineData("lodash")]
    [InlineData("app/main.js")]
    public void Bare_module_specifiers_are_left_to_an_import_map(string url) =>
        Assert.Equal(Outcome.Skipped, ReferenceResolver.Resolve(url, "/js/", ReferenceRole.Module).Outcome);

    [Fact]
    public void A_reference_climbing_above_the_root_is_outside_it() =>
        Assert.Equal(Outcome.OutsideRoot, ReferenceResolver.Resolve("../../a.png", "/css/", ReferenceRole.Resource).Outcome);
}
