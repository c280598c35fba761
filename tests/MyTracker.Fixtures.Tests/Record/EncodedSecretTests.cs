using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MyTracker.Fixtures.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace MyTracker.Fixtures.Tests.Record;

/// <summary>
/// A hostile upstream echoes the caller's Authorization header and the secret in every encoding it could
/// use: raw, URL-encoded with upper and lower case hex, JSON-escaped (<c>\u002b</c>, <c>\/</c>), base64 of
/// each of those, alone and inside longer text. No recorded file and no log line holds any of them.
/// </summary>
public sealed partial class EncodedSecretTests
{
    private const string Secret = "s3cr3t/key+with=signs-2f9a";

    [Fact]
    public async Task No_encoding_of_the_secret_or_a_signature_reaches_a_file_or_a_log_line()
    {
        var sent = new ConcurrentQueue<string>();
        using var upstream = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        upstream.Given(Request.Create().WithPath("/api/report/v1/export/get.json").UsingGet())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var authorization = request.Headers!["Authorization"][0];
                sent.Enqueue(authorization);
                var signature = authorization[(authorization.LastIndexOf(':') + 1)..];
                var echoes = new List<string>();
                foreach (var value in new[] { authorization, signature, Secret, "user 555 signs with " + Secret + " today" })
                {
                    foreach (var form in Forms(value))
                    {
                        echoes.Add(form);
                        echoes.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes(form)));
                        echoes.Add(Convert.ToBase64String(Encoding.UTF8.GetBytes("prefix:" + form)).Replace('+', '-').Replace('/', '_').TrimEnd('='));
                    }
                }

                // Written by hand so that the JSON escapes (\u002b, \/) stay as the upstream wrote them.
                var body = "{\"code\":200,\"message\":\"Ok\",\"data\":{\"status\":\"Ready\",\"echoes\":["
                    + string.Join(",", echoes.Select(e => "\"" + e + "\"")) + "]}}";
                return new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
                };
            }));

        using var temp = new TempDirectory();
        var log = new ConcurrentQueue<string>();
        await using (var proxy = await RecordingProxy.StartAsync(new RecordingOptions
        {
            Upstream = new Uri(upstream.Url!),
            OutputDirectory = temp.Path,
            Credentials = new ApiCredentials("555", Secret),
            Log = log.Enqueue,
        }))
        {
            using var client = new HttpClient { BaseAddress = proxy.BaseUrl };
            // The secret in the target too, URL-encoded both ways, so the log line has to scrub it.
            using var answer = await client.GetAsync("api/report/v1/export/get.json?idReportExport=" + Uri.EscapeDataString(Secret) + "&x=" + LowerHex(Uri.EscapeDataString(Secret)));
            Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
            Assert.Single(proxy.Written);
        }

        var forbidden = sent.SelectMany(a => new[] { a, a[(a.LastIndexOf(':') + 1)..] }).Append(Secret)
            .SelectMany(Forms).SelectMany(f => new[] { f }.Concat(Base64Cores(f))).Distinct().ToList();
        var texts = Directory.EnumerateFiles(temp.Path, "*", SearchOption.AllDirectories).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .Concat(log.Select(l => ("log", l))).ToList();
        Assert.NotEmpty(log);
        Assert.Contains(texts, t => t.Item1 == "200.ready.json");
        foreach (var (name, text) in texts)
        {
            foreach (var form in forbidden)
            {
                Assert.False(text.Contains(form, StringComparison.OrdinalIgnoreCase), $"{name} holds '{form}':\n{text}");
            }
        }
    }

    /// <summary>The value raw, URL-encoded (upper and lower case hex), JSON-escaped (\u002b or \u002B, \/).</summary>
    private static IEnumerable<string> Forms(string value)
    {
        var url = Uri.EscapeDataString(value);
        yield return value;
        yield return url;
        yield return LowerHex(url);
        yield return value.Replace("/", "\\/", StringComparison.Ordinal).Replace("+", "\\u002b", StringComparison.Ordinal).Replace("=", "\\u003d", StringComparison.Ordinal);
        yield return value.Replace("+", "\\u002B", StringComparison.Ordinal).Replace("=", "\\u003D", StringComparison.Ordinal).Replace(" ", "\\u0020", StringComparison.Ordinal);
    }

    /// <summary>What base64 of any text holding the value always contains, at each of the three alignments (standard and URL-safe alphabet).</summary>
    private static IEnumerable<string> Base64Cores(string value)
    {
        for (var shift = 0; shift < 3; shift++)
        {
            var bytes = Encoding.UTF8.GetBytes(new string('.', shift) + value);
            var text = Convert.ToBase64String(bytes);
            var first = (shift * 4 + 2) / 3;
            var last = bytes.Length * 4 / 3;
            if (last - first >= 12)
            {
                var core = text[first..last];
                yield return core;
                yield return core.Replace('+', '-').Replace('/', '_');
            }
        }
    }

    private static string LowerHex(string url) => PercentHex().Replace(url, m => m.Value.ToLower(CultureInfo.InvariantCulture));

    [GeneratedRegex("%[0-9A-F]{2}")]
    private static partial Regex PercentHex();
}
