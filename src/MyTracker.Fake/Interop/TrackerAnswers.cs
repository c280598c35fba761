namespace MyTracker.Fake.Interop;

/// <summary>
/// The one seam between the fake's internals and the WireMock mapping export: every answer the fake
/// would give, rendered, with nothing of its state, handler or fixtures behind it. The mapping export
/// (<see cref="WireMockMappingPlan"/>, <see cref="WireMockMappingWriter"/>) sees only this.
/// <see cref="FakeTrackerAnswers"/> is its implementation over the running fake.
/// </summary>
internal interface ITrackerAnswers
{
    /// <summary>The API's paths and the id parameter of get.json.</summary>
    TrackerPaths Paths { get; }

    /// <summary>The API users the fake accepts (their ids only; secrets never leave the fake).</summary>
    IReadOnlyList<string> ApiUserIds { get; }

    /// <summary>Every export the fake holds, each from its current step on.</summary>
    IReadOnlyList<ExportLifecycle> Exports { get; }

    /// <summary>The exports the next create.json calls would start, in the order they would be handed out.</summary>
    /// <param name="count">How many.</param>
    /// <returns>One lifecycle per created export, owned by the default user.</returns>
    IReadOnlyList<ExportLifecycle> NextCreated(int count);

    /// <summary>create.json's answer for an export it started.</summary>
    CannedAnswer Created(long id);

    /// <summary>The documented 404 of the status endpoint, with this detail (null: as the live fake answers an unknown id).</summary>
    CannedAnswer NotFound(string? detail);

    /// <summary>The documented 403 of get.json or create.json.</summary>
    CannedAnswer AccessDenied(bool create);

    /// <summary>The error envelope for a status the documentation has no sample of.</summary>
    CannedAnswer Error(int status, string message, string detail);
}

/// <summary>Where the exported family's endpoints are: its status and create paths, the folder its links name, the status's id parameter (a path segment when <paramref name="IdInPath"/>).</summary>
internal sealed record TrackerPaths(string Get, string Create, string DownloadPrefix, string IdParameter, bool IdInPath = false)
{
    /// <summary>How titles name the status endpoint, e.g. <c>get.json</c>.</summary>
    public string GetName => Get[(Get.LastIndexOf('/') + 1)..];

    /// <summary>How titles name the create endpoint, e.g. <c>create.json</c>.</summary>
    public string CreateName => Create[(Create.LastIndexOf('/') + 1)..];
}

/// <summary>One HTTP answer exactly as the fake sends it.</summary>
internal sealed record CannedAnswer(int Status, string ContentType, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>Whether the body is text (JSON) rather than bytes (a .csv.gz).</summary>
    public bool IsText => ContentType.StartsWith("application/json", StringComparison.Ordinal);
}

/// <summary>
/// One export's coming get.json answers (the last repeats for ever) and the downloads its success lists.
/// </summary>
internal sealed record ExportLifecycle(string ApiUserId, long Id, IReadOnlyList<LifecycleStep> Steps, IReadOnlyList<DownloadAnswer> Downloads);

/// <summary>One poll's answer and a short label of it (<c>In progress 10%</c>).</summary>
internal sealed record LifecycleStep(string Label, CannedAnswer Answer);

/// <summary>A listed file: the path its link points at and its answer.</summary>
internal sealed record DownloadAnswer(string Path, CannedAnswer Answer);
