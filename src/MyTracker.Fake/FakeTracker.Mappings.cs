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
        var linkBase = _handler.LinkBase;
        if (options.BaseUrl is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                throw new ArgumentException($"The base URL of the mappings must be an absolute http(s) URL, not '{url}'.", nameof(options));
            }

            linkBase = url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
        }

        var answers = new FakeTrackerAnswers(_handler, _store, Options, linkBase);
        return WireMockMappingWriter.Write(WireMockMappingPlan.Build(answers, options.CreatedExports), options.Format);
    }
}
