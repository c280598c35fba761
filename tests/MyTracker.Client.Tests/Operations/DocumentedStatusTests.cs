using System.Net;
using System.Text;
using MyTracker.Client.Tests.Support;

namespace MyTracker.Client.Tests.Operations;

/// <summary>
/// Every documented status of the built-in raw and segment exports, through the generated operations
/// and the real pipeline (the API stubbed at the HTTP level with the fixture files themselves): the
/// outcome type, whether the one-call job requests the export again, and how many creates one call makes.
/// </summary>
public sealed class DocumentedStatusTests : IDisposable
{
    // Before the documented links expire (the raw export's first sample link expires in June 2018).
    private readonly VirtualClock _time = new(new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly string _directory = TestData.TempDirectory();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static string Fixture(string area, string endpoint, string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", area, endpoint, file), Encoding.UTF8);

    /// <summary>create answers its documented 200; every poll answers <paramref name="statusFile"/>; any other path is a gzip file.</summary>
    private (MyTrackerClient Client, Func<int> Creates) Create(string area, string statusFile)
    {
        var creates = 0;
        var stub = new StubHttpHandler(r =>
        {
            var path = r.RequestUri!.AbsolutePath;
            if (path.EndsWith("/create.json", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref creates);
                return StubHttpHandler.Json(HttpStatusCode.OK, Fixture(area, "create", "200.created.json"));
            }

            if (path.EndsWith("/get.json", StringComparison.Ordinal))
            {
                return StubHttpHandler.Json((HttpStatusCode)int.Parse(statusFile[..3], System.Globalization.CultureInfo.InvariantCulture), Fixture(area, "get", statusFile));
            }

            return StubHttpHandler.Bytes(TestData.Gzip("a,b\n1,2\n"));
        });
        return (new MyTrackerClient(new HttpClient(stub), TestData.Options(_time)), () => Volatile.Read(ref creates));
    }

    private static Task<ExportResult> Job(MyTrackerClient client, string area, string directory) => area == "raw-export"
        ? client.RawExports.ExportAsync(new RawExportCreateRequest { Event = RawExportCreateEvent.Installs, Selectors = ["idApp", "tsEvent"], DateFrom = "2024-01-01", DateTo = "2024-01-31" }, directory)
        : client.SegmentExports.ExportAsync(new SegmentExportCreateRequest { IdSegment = 1 }, directory);

    public static TheoryData<string, string, Type, bool, int> Endings => new()
    {
        // area, status sample, outcome, requested again, creates by one call of the job (1 + MaxExportRestarts = 3 when repeated)
        { "raw-export", "200.success.json", typeof(ExportOutcome.Succeeded), false, 1 },
        { "raw-export", "200.error-occurred.json", typeof(ExportOutcome.Failed), true, 3 },
        { "raw-export", "200.user-error-occurred.json", typeof(ExportOutcome.Failed), false, 1 },
        { "raw-export", "200.canceled-by-user.json", typeof(ExportOutcome.Canceled), false, 1 },
        { "raw-export", "404.not-found.json", typeof(ExportOutcome.NotFound), false, 1 },
        { "raw-export", "403.access-denied.json", typeof(ExportOutcome.AccessDenied), false, 1 },
        { "segment-export", "200.success.json", typeof(ExportOutcome.Succeeded), false, 1 },
        { "segment-export", "200.error-occurred.json", typeof(ExportOutcome.Failed), true, 3 },
        { "segment-export", "404.not-found.json", typeof(ExportOutcome.NotFound), false, 1 },
        { "segment-export", "403.access-denied.json", typeof(ExportOutcome.AccessDenied), false, 1 },
    };

    [Theory]
    [InlineData("raw-export")]
    [InlineData("segment-export")]
    public void Every_documented_status_sample_of_the_built_in_families_is_one_of_the_endings_above_or_in_progress(string area)
    {
        var samples = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", area, "get"), "*.json")
            .Select(Path.GetFileName)
            .Where(f => f != "endpoint.json")
            .Order(StringComparer.Ordinal);
        var covered = Endings.Select(row => ((string)row[0], (string)row[1])).Where(r => r.Item1 == area).Select(r => r.Item2).Append("200.in-progress.json");

        // A status documented later fails here until the table says what it means and how often the job creates it.
        Assert.Equal(samples, covered.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task Each_documented_ending_has_its_outcome_its_retry_rule_and_its_number_of_creates(string area, string statusFile, Type outcome, bool requestedAgain, int creates)
    {
        var (client, created) = Create(area, statusFile);
        using var _ = client;

        var job = Job(client, area, _directory);
        if (outcome == typeof(ExportOutcome.Succeeded))
        {
            var result = await _time.RunAsync(job);
            Assert.Equal(2, result.Files.Count);
        }
        else
        {
            var failure = await Assert.ThrowsAsync<ExportFailedException>(() => _time.RunAsync(job));
            Assert.IsType(outcome, failure.Outcome);
            Assert.Equal(requestedAgain, failure.CanBeRequestedAgain);
            if (failure.Outcome is ExportOutcome.Failed or ExportOutcome.Canceled && !requestedAgain)
            {
                Assert.Contains("not requested again", failure.Message);
            }
        }

        Assert.Equal(creates, created());
    }

    [Fact]
    public async Task Raw_user_error_carries_its_documented_message_into_the_exception()
    {
        var (client, created) = Create("raw-export", "200.user-error-occurred.json");
        using var _ = client;

        var failure = await Assert.ThrowsAsync<ExportFailedException>(() => _time.RunAsync(Job(client, "raw-export", _directory)));

        Assert.Equal("Too many lines in export", Assert.IsType<ExportOutcome.Failed>(failure.Outcome).Detail);
        Assert.Contains("Too many lines in export", failure.Message);
        Assert.Equal(1, created());
    }

    [Fact]
    public async Task In_progress_is_running_with_its_percentage_and_no_ending()
    {
        var (raw, _) = Create("raw-export", "200.in-progress.json");
        var (segment, _) = Create("segment-export", "200.in-progress.json");
        using (raw)
        using (segment)
        {
            var rawOperation = raw.RawExports.GetOperation(4);
            var segmentOperation = segment.SegmentExports.GetOperation(1);

            Assert.Equal(ExportStatus.InProgress, await rawOperation.UpdateStatusAsync());
            Assert.Equal(ExportStatus.InProgress, await segmentOperation.UpdateStatusAsync());
            Assert.Equal((64d, false), (rawOperation.Progress!.Value, rawOperation.HasCompleted));
            Assert.Equal((64d, false), (segmentOperation.Progress!.Value, segmentOperation.HasCompleted));
        }
    }
}
