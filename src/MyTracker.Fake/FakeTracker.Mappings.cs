using MyTracker.Fake.Interop;

namespace MyTracker.Fake;

public sealed partial class FakeTracker
{
    /// <summary>
    /// Every export's lifecycle as WireMock mappings that a stock WireMock or WireMock.Net server loads:
    /// one WireMock scenario per export steps through its get.json answers poll by poll from where it is
    /// now (matched on the id and the owner's <c>AuthHMAC &lt;user&gt;:</c> prefix), its files answer once
    /// the success has been served, create.json hands out the next ids with their own lifecycles, and the
    /// fake's 404 and 403 envelopes answer the rest. Taking it advances nothing. A stock server cannot
    /// verify signatures (it checks that one of a known user is present), expire links or inject faults.
    /// </summary>
    /// <param name="format">The dialect; WireMock.Net's by default.</param>
    /// <returns>The mapping JSON.</returns>
    public string ExportWireMockMappings(WireMockMappingFormat format = WireMockMappingFormat.WireMockNet) =>
        ExportWireMockMappings(new WireMockMappingOptions { Format = format });

    /// <summary>The mappings of <see cref="ExportWireMockMappings(WireMockMappingFormat)"/>, with the dialect, the address they will be served at and the number of created exports chosen.</summary>
    /// <param name="options">What to write.</param>
    /// <returns>The mapping JSON.</returns>
    /// <exception cref="ArgumentOutOfRangeException">When <see cref="WireMockMappingOptions.CreatedExports"/> is outside 0 to 50.</exception>
    /// <exception cref="ArgumentException">When <see cref="WireMockMappingOptions.BaseUrl"/> is not an absolute http(s) URL.</exception>
    public string ExportWireMockMappings(WireMockMappingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = PlanWireMockMappings(options);
        return WireMockMappingWriter.Write(rules, options.Format);
    }

    /// <summary>
    /// The mappings as a WireMock (Java) root directory, for <c>--root-dir</c>: the mapping file
    /// <c>mappings/fake-tracker.json</c> (WireMock's dialect, whatever <see cref="WireMockMappingOptions.Format"/> says)
    /// with each file's body in <c>__files/fake-tracker/&lt;name&gt;.csv.gz</c> (<c>bodyFileName</c>) instead of inline.
    /// Existing files of the same names are replaced; nothing else in the folder is touched.
    /// </summary>
    /// <param name="directory">The root directory; created if missing.</param>
    /// <param name="options">The base URL and created exports; null for the defaults.</param>
    /// <returns>The mapping file's path.</returns>
    public string WriteWireMockRootDirectory(string directory, WireMockMappingOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var rules = PlanWireMockMappings(options ?? new WireMockMappingOptions());
        var files = Path.Combine(directory, "__files", WireMockMappingPlan.BodyFileFolder);
        Directory.CreateDirectory(files);
        foreach (var rule in rules.Where(r => r.BodyFile is not null))
        {
            File.WriteAllBytes(Path.Combine(directory, "__files", rule.BodyFile!), rule.Response.Body);
        }

        var mappings = Path.Combine(directory, "mappings", "fake-tracker.json");
        Directory.CreateDirectory(Path.GetDirectoryName(mappings)!);
        File.WriteAllText(mappings, WireMockMappingWriter.Write(rules, WireMockMappingFormat.WireMockOrg, bodyFiles: true));
        return mappings;
    }

    private IReadOnlyList<MappingRule> PlanWireMockMappings(WireMockMappingOptions options)
    {
        var linkBase = _services.LinkBase;
        if (options.BaseUrl is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"The base URL of the mappings must be an absolute http(s) URL, not '{url}'.", nameof(options));
            }

            linkBase = url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        }

        return WireMockMappingPlan.Build(new FakeTrackerAnswers(_exports, _services, _store, Options, linkBase), options.CreatedExports);
    }
}
