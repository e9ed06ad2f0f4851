using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServeStatic.Serving;

namespace ServeStatic.Azure.Tests;

/// <summary>
/// docs/options.md is the reference of every setting: it names each one the options types have, gives the defaults they
/// have, and its JSON examples bind and pass validation. (Here because this project sees both libraries' options.)
/// </summary>
public sealed partial class OptionsReferenceTests
{
    private static readonly string Page = File.ReadAllText(Repository.File("docs/options.md"));

    [Fact]
    public void The_reference_names_every_setting_of_the_options_types()
    {
        var missing = Keys().Where(key => !Page.Contains($"`{key}`", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"docs/options.md does not name: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_reference_names_no_setting_the_options_types_lack()
    {
        // Settings, and the sections that hold them (`ServeStatic:Blob`).
        var known = Keys().SelectMany(Sections).ToHashSet(StringComparer.Ordinal);
        var unknown = SettingKey().Matches(Page).Select(match => match.Groups["key"].Value).Where(key => !known.Contains(key)).Distinct().ToList();
        Assert.True(unknown.Count == 0, $"docs/options.md names settings that do not exist: {string.Join(", ", unknown)}");
    }

    [Fact]
    public void Every_literal_default_in_the_reference_is_the_options_default()
    {
        var defaults = Keys().ToDictionary(key => key, Default, StringComparer.Ordinal);
        var rows = TableRow().Matches(Page).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var key = row.Groups["key"].Value;
            Assert.True(defaults.TryGetValue(key, out var actual), $"docs/options.md has a row for {key}, which is no setting");
            Assert.True(string.Equals(row.Groups["default"].Value, actual, StringComparison.OrdinalIgnoreCase),
                $"docs/options.md gives {key} the default {row.Groups["default"].Value}; it is {actual}");
        }
    }

    [Fact]
    public void Every_json_example_of_the_reference_binds_and_passes_validation()
    {
        var examples = JsonBlock().Matches(Page).Select(match => match.Groups["json"].Value).ToList();
        Assert.True(examples.Count >= 3, $"docs/options.md has {examples.Count} JSON examples");
        foreach (var json in examples)
        {
            var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
            var section = configuration.GetSection(ServeStaticOptions.SectionName);
            Assert.True(section.Exists(), $"an example has no ServeStatic section:\n{json}");
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Services.AddServeStatic(section);
            using var host = builder.Build();
            var options = host.Services.GetRequiredService<IOptions<ServeStaticOptions>>().Value;
            Assert.Equal(section.GetSection("HeaderRules").GetChildren().Count(), options.HeaderRules.Count);
            Assert.Equal(section["NotFoundPage"], options.NotFoundPage);
            Assert.Equal(section["SpaFallback"], options.SpaFallback);
        }
    }

    /// <summary>Every configuration key of the options, as <c>ServeStatic:Folder:Path</c>; a header rule's as <c>ServeStatic:HeaderRules:N:Glob</c>.</summary>
    private static IEnumerable<string> Keys() =>
        KeysOf(typeof(ServeStaticOptions), ServeStaticOptions.SectionName)
            .Concat(KeysOf(typeof(BlobStorageOptions), $"{ServeStaticOptions.SectionName}:{BlobStorageOptions.SectionName}"));

    private static IEnumerable<string> KeysOf(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{prefix}:{property.Name}";
            if (property.PropertyType == typeof(FolderSourceOptions))
            {
                foreach (var nested in KeysOf(property.PropertyType, key))
                    yield return nested;
            }
            else if (property.PropertyType == typeof(IList<HeaderRule>))
            {
                foreach (var nested in KeysOf(typeof(HeaderRule), key + ":N"))
                    yield return nested;
            }
            else if (property.CanWrite)
            {
                yield return key;
            }
        }
    }

    /// <summary><c>ServeStatic:Blob:PollSeconds</c>, <c>ServeStatic:Blob</c>, <c>ServeStatic</c>.</summary>
    private static IEnumerable<string> Sections(string key)
    {
        for (var end = key.Length; end > 0; end = key.LastIndexOf(':', end - 1))
            yield return key[..end];
    }

    /// <summary>The default of a setting as the reference writes a literal one: <c>60</c>, <c>true</c>, <c>Folder</c>, <c>/.servestatic/health</c>.</summary>
    private static string? Default(string key)
    {
        object? owner = key.StartsWith($"{ServeStaticOptions.SectionName}:{BlobStorageOptions.SectionName}:", StringComparison.Ordinal)
            ? new BlobStorageOptions() : new ServeStaticOptions();
        foreach (var name in key.Split(':').Skip(owner is BlobStorageOptions ? 2 : 1))
        {
            if (owner is null || name == "N")
                return null;
            owner = owner.GetType().GetProperty(name)!.GetValue(owner);
        }
        return owner switch
        {
            null => null,
            IFormattable number => number.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            _ => owner.ToString(),
        };
    }

    [GeneratedRegex(@"`(?<key>ServeStatic(:[A-Za-z]+|:N)+)`")]
    private static partial Regex SettingKey();

    /// <summary>A table row whose default is one literal in backticks: <c>| `ServeStatic:MaxAgeSeconds` | `60` | …</c>.</summary>
    [GeneratedRegex(@"^\| `(?<key>ServeStatic[A-Za-z:]+)` \| `(?<default>[^`]*)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"```json\n(?<json>.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
