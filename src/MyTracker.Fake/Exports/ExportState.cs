using System.Security.Cryptography;
using System.Text;
using MyTracker.Client;

namespace MyTracker.Fake.Exports;

/// <summary>
/// One export of one family: its lifecycle and links, owned by one API user. Every read-modify-write happens under
/// one lock per export, so concurrent polls see steps in order and progress never goes backwards.
/// </summary>
internal sealed partial class ExportState
{
    private readonly object _gate = new();
    private readonly Lazy<byte[]>[] _content;
    private readonly Lazy<string>[] _entityTags;
    private readonly int[] _downloadAttempts;
    private int _pollsServed;
    private int _pollAttempts;
    private int _generation;
    private ExportFile[]? _files;
    private RenderedAnswer? _lastRendered;

    public ExportState(ExportFamily family, string apiUserId, long id, ExportBuilder spec, DateTimeOffset createdAt)
    {
        Family = family;
        ApiUserId = apiUserId;
        Id = id;
        Spec = (family.IsReport && spec.Report is null ? spec.Copy().WithReport(ReportShape.Default) : spec)
            .WithColumnsOf(family.DefaultColumns(ExportBuilder.DefaultFields))
            .WithFormatOf(family.DefaultFileFormat);
        spec = Spec; // resolved: a single-file format's one file sizes the arrays below
        CreatedAt = createdAt;
        _endingSample = spec.Ending switch
        {
            ExportEnding.Documented => family.Ending(spec.EndingScenario!),
            ExportEnding.Canceled => family.Canceled ?? throw new ArgumentException($"{family.Area} documents no canceled answer (a status scenario whose meaning is \"canceled\" in {family.Area}/{family.Status.Name}/endpoint.json)."),
            _ => null,
        };
        _content = new Lazy<byte[]>[spec.FileCount];
        _entityTags = new Lazy<string>[spec.FileCount];
        for (var i = 0; i < _content.Length; i++)
        {
            var number = i + 1;
            _content[i] = new Lazy<byte[]>(() => FileContent.Build(this, number), LazyThreadSafetyMode.ExecutionAndPublication);
            _entityTags[i] = new Lazy<string>(() => EntityTagOf(GetContent(number)), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        _downloadAttempts = new int[spec.FileCount];
    }

    public ExportFamily Family { get; }

    public string ApiUserId { get; }

    public long Id { get; }

    public ExportBuilder Spec { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The format every file of the export is served in (its links' extension says it).</summary>
    public MyTracker.Client.ExportFileFormat Format => Spec.FileFormat ?? MyTracker.Client.ExportFileFormat.CsvGzip;

    public int PollsServed => Volatile.Read(ref _pollsServed);

    /// <summary>The last rendered get.json body, reused while the answer stays the same.</summary>
    public RenderedAnswer? LastRendered
    {
        get => Volatile.Read(ref _lastRendered);
        set => Volatile.Write(ref _lastRendered, value);
    }

    public int PollAttempts => Volatile.Read(ref _pollAttempts);

    /// <summary>Counts one authenticated poll attempt (faulted or not) and returns its number.</summary>
    public int NextPollAttempt() => Interlocked.Increment(ref _pollAttempts);

    /// <summary>Counts one authenticated download attempt of a file and returns its number.</summary>
    public int NextDownloadAttempt(int fileNumber) => Interlocked.Increment(ref _downloadAttempts[fileNumber - 1]);

    public byte[] GetContent(int fileNumber) => _content[fileNumber - 1].Value;

    /// <summary>
    /// The strong <c>ETag</c> of a file: a digest of its bytes, so it is the same under every link
    /// the file is listed with (renewed links serve the same bytes) and changes only with the content.
    /// </summary>
    public string GetEntityTag(int fileNumber) => _entityTags[fileNumber - 1].Value;

    private static string EntityTagOf(byte[] content) => "\"" + Convert.ToHexStringLower(SHA256.HashData(content).AsSpan(0, 16)) + "\"";

    /// <summary>The answer for now; a served poll advances a per-poll lifecycle by one step.</summary>
    public ExportAnswer Poll(DateTimeOffset now, bool advance, ExportStore store)
    {
        lock (_gate)
        {
            var index = CurrentStep(now);
            if (advance && _pollsServed < int.MaxValue)
            {
                _pollsServed++;
            }

            return AnswerAt(index, ListsFilesAt(index) ? CurrentFiles(now, store) : null);
        }
    }

    /// <summary>
    /// The answers the coming polls would get, one per step from the current one to the ending (which
    /// repeats from then on), without advancing anything or listing links: an ending's files are the
    /// links listed now or, when none are valid, the names the next listing would give. An export that
    /// advances by time gets one entry per step too (for the WireMock mapping export).
    /// </summary>
    public IReadOnlyList<ExportAnswer> PlanAnswers(DateTimeOffset now)
    {
        lock (_gate)
        {
            var answers = new List<ExportAnswer>();
            for (var index = CurrentStep(now); index <= Spec.ProgressSteps.Count; index++)
            {
                var files = !ListsFilesAt(index) ? null
                    : _files is not null && AllValid(_files, now) ? _files
                    : NextFiles(now, _generation + 1);
                answers.Add(AnswerAt(index, files));
            }

            return answers;
        }
    }

    private int CurrentStep(DateTimeOffset now)
    {
        var steps = Spec.ProgressSteps.Count;
        var index = Spec.AdvanceInterval is { } interval
            ? (int)Math.Min((now - CreatedAt).Ticks / interval.Ticks, steps)
            : Math.Min(_pollsServed, steps);
        return Math.Max(index, 0);
    }

    private bool ListsFilesAt(int index) => _canceledAtStep is null && index >= Spec.ProgressSteps.Count && Spec.Ending == ExportEnding.Success;

    // No delegate for the files: this runs on every poll, and a closure would be an allocation each time.
    private ExportAnswer AnswerAt(int index, ExportFile[]? files)
    {
        var steps = Spec.ProgressSteps.Count;
        if (_canceledAtStep is not null)
        {
            return new ExportAnswer(ExportStatus.Ended, null, null, index);
        }

        if (index < steps)
        {
            return new ExportAnswer(ExportStatus.InProgress, Spec.ProgressSteps[index], null, index);
        }

        return Spec.Ending switch
        {
            ExportEnding.ErrorOccurred => new ExportAnswer(ExportStatus.ErrorOccurred, null, null, index),
            ExportEnding.Documented or ExportEnding.Canceled => new ExportAnswer(ExportStatus.Ended, null, null, index),
            ExportEnding.StaysInProgress => new ExportAnswer(ExportStatus.InProgress, steps == 0 ? 0 : Spec.ProgressSteps[^1], null, index),
            _ => new ExportAnswer(ExportStatus.Success, null, files, index),
        };
    }

    /// <summary>Expires the links of this file's generation at once (the ExpiredLink fault).</summary>
    public void ExpireNow(ExportFile file, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (file.ExpiresAt > now)
            {
                file.ExpiresAt = now;
            }
        }
    }

    public bool IsExpired(ExportFile file, DateTimeOffset now)
    {
        lock (_gate)
        {
            return now >= file.ExpiresAt;
        }
    }

    // A loop, not Array.TrueForAll with a lambda: this runs on every poll of a finished export.
    private static bool AllValid(ExportFile[] files, DateTimeOffset now)
    {
        foreach (var file in files)
        {
            if (now >= file.ExpiresAt)
            {
                return false;
            }
        }

        return true;
    }

    private ExportFile[] CurrentFiles(DateTimeOffset now, ExportStore store)
    {
        // One expired link (by time or by an ExpiredLink fault) renews the whole list, as a fresh
        // answer from the API would; renewing only the first file's expiry left a faulted link dead.
        if (_files is not null && AllValid(_files, now))
        {
            return _files;
        }

        _generation++;
        var files = NextFiles(now, _generation);
        foreach (var file in files)
        {
            store.RegisterFile(file);
        }

        _files = files;
        return files;
    }

    /// <summary>The links a listing of the given generation gets (not registered, so not yet served).</summary>
    private ExportFile[] NextFiles(DateTimeOffset now, int generation)
    {
        var expires = generation == 1 && Spec.FirstLinksExpireAt is { } first ? first : now + Spec.LinkLifetime;

        // Listed as whole unix seconds, so the check must use the same instant the client reads.
        expires = DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds());
        var files = new ExportFile[Spec.FileCount];
        for (var i = 0; i < files.Length; i++)
        {
            var number = i + 1;
            var name = $"{Id}.{number}.{Hash(number, generation)}{ExportFileFormats.Extension(Format)}";
            files[i] = new ExportFile(this, number, generation, name, Family.FileDirectory + name) { ExpiresAt = expires };
        }

        return files;
    }

    private string Hash(int number, int generation)
    {
        // Segment export's names stay as they were; another family's differ from them even for the same id.
        var family = Family.Area == "segment-export" ? string.Empty : Family.Area + "|";
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{family}{ApiUserId}|{Id}|{number}|{generation}"));
        return Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }
}

/// <summary>The status an export answers with.</summary>
internal enum ExportStatus
{
    InProgress,
    ErrorOccurred,
    Success,

    /// <summary>Another documented ending: <see cref="ExportState.EndingSample"/> (also after a cancel).</summary>
    Ended,
}

/// <summary>One get.json answer: the status, the progress or the files, and the lifecycle step it came from.</summary>
internal readonly record struct ExportAnswer(ExportStatus Status, int? Progress, IReadOnlyList<ExportFile>? Files, int Step);

/// <summary>A rendered get.json body and the answer it was rendered from.</summary>
internal sealed record RenderedAnswer(ExportStatus Status, int? Progress, IReadOnlyList<ExportFile>? Files, Http.Reply Reply);

/// <summary>One listed download link: a file of an export in one generation of links.</summary>
internal sealed class ExportFile(ExportState export, int number, int generation, string name, string path)
{
    public ExportState Export { get; } = export;

    public int Number { get; } = number;

    public int Generation { get; } = generation;

    public string Name { get; } = name;

    /// <summary>The raw path the link names, e.g. <c>/storage/download/segment/1.1.&lt;hash&gt;.csv.gz</c>.</summary>
    public string Path { get; } = path;

    /// <summary>Guarded by the export's lock.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}
