using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using MyTracker.Client;
using MyTracker.Fake.Fixtures;
using Microsoft.AspNetCore.Http;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Files;

/// <summary>
/// The files that answers served from samples list: a documented link to a download path (a
/// <c>.csv.gz</c>, <c>.gz</c>, <c>.csv</c> or <c>.xlsx</c>) becomes a file of the fake at the same path on its link host,
/// with generated content, valid for <see cref="FakeTrackerOptions.LinkLifetime"/> from each listing on
/// the fake's clock. Only listed paths are served, looked up whole: there is no file system behind them.
/// A module (<see cref="ITrackerModule"/>): it claims the GET and HEAD requests of the paths it listed.
/// The core lists files here while it renders a sample.
/// </summary>
internal sealed class GeneratedFiles(FakeTrackerOptions options) : ITrackerModule
{
    private readonly ConcurrentDictionary<string, GeneratedFile> _files = new(StringComparer.Ordinal);

    /// <summary>Whether an absolute URL points at a download path.</summary>
    public bool IsDownload(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && ExportFileFormats.FromName(uri.AbsolutePath) is not null;

    public GeneratedFile? Find(string rawPath) => _files.GetValueOrDefault(rawPath);

    /// <summary>Lists a documented link: the file is (again) valid from now; returns the link on the fake's host and its expiry.</summary>
    public (string Link, string Expires) List(string linkBase, string documented, EndpointFixtures endpoint, ScenarioFixture sample, int number, DateTimeOffset now)
    {
        var uri = new Uri(documented);
        var path = uri.AbsolutePath;
        var expires = DateTimeOffset.FromUnixTimeSeconds((now + options.LinkLifetime).ToUnixTimeSeconds());
        var file = _files.GetOrAdd(path, p => new GeneratedFile(p, new DocumentedFile(endpoint.Key, sample.Name, p, Math.Max(number, 1)), options));
        file.Renew(expires);
        return (linkBase + path.TrimStart('/'), expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc/>
    public bool TryClaim(in RequestLine request, out Claim claim)
    {
        if (request.RawPath is { } rawPath && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && Find(rawPath) is { } file)
        {
            claim = new Claim(FakeEndpointKinds.Download, file, file.Documented.Endpoint);
            return true;
        }

        claim = default;
        return false;
    }

    /// <inheritdoc/>
    public ValueTask<Reply> AnswerAsync(Exchange exchange, Claim claim, TrackerServices services)
    {
        var file = (GeneratedFile)claim.Target!;
        var expired = exchange.Now >= file.ExpiresAt;
        exchange.ForFile(file.Name, file.Documented.Number);
        exchange.LinkExpiredWhenAsked(expired);
        return ValueTask.FromResult(expired
            ? Answers.Expired(exchange)
            : new Reply(Answers.WholeFile(file.Name, file.Content, ExportFileFormats.ContentType(file.Format)), 200, FakeOutcome.Served));
    }

    /// <inheritdoc/>
    public string? NotFoundDetail(string rawPath) =>
        ExportFileFormats.FromName(rawPath) is not null ? "File not found" : null;

    /// <inheritdoc/>
    public void Reset() => _files.Clear();
}

/// <summary>One listed file of an answer served from a sample.</summary>
internal sealed class GeneratedFile
{
    private readonly Lazy<byte[]> _content;
    private long _expiresTicks;

    public GeneratedFile(string path, DocumentedFile documented, FakeTrackerOptions options)
    {
        Path = path;
        Name = path[(path.LastIndexOf('/') + 1)..];
        Documented = documented;
        _content = new Lazy<byte[]>(() => Build(documented, options), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Path { get; }

    public string Name { get; }

    public DocumentedFile Documented { get; }

    /// <summary>Its format, by its documented path's extension.</summary>
    public MyTracker.Client.ExportFileFormat Format => ExportFileFormats.FromName(Path) ?? MyTracker.Client.ExportFileFormat.CsvGzip;

    public byte[] Content => _content.Value;

    public DateTimeOffset ExpiresAt => new(Interlocked.Read(ref _expiresTicks), TimeSpan.Zero);

    public void Renew(DateTimeOffset expires) => Interlocked.Exchange(ref _expiresTicks, expires.UtcTicks);

    private static byte[] Build(DocumentedFile file, FakeTrackerOptions options)
    {
        var text = options.FileContent?.Invoke(file) ?? DefaultContent(file);
        var csv = Encoding.UTF8.GetBytes(text);
        if (ExportFileFormats.FromName(file.Path) == MyTracker.Client.ExportFileFormat.Xlsx)
        {
            // The same rows as a workbook: the first line is its header row, plain integers are number cells.
            return Workbook.Build(Exports.ExportTable.FromCsvText(text));
        }

        if (!file.Path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return csv;
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(csv);
        }

        return buffer.ToArray();
    }

    /// <summary>A header line and 100 rows that name the file, so content is deterministic and tells files apart.</summary>
    private static string DefaultContent(DocumentedFile file)
    {
        var text = new StringBuilder("row,value\n");
        for (var row = 1; row <= 100; row++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{row},{file.Endpoint}/{file.Scenario}/{file.Number}/{row}\n");
        }

        return text.ToString();
    }
}
