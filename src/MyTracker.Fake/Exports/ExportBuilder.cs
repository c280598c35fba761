namespace MyTracker.Fake;

/// <summary>
/// Describes one export: its owner, its lifecycle (<c>ExportBuilder.Lifecycle.cs</c>), its files
/// (<c>ExportBuilder.Files.cs</c>) and its faults (<c>ExportBuilder.Faults.cs</c>). Each method
/// records one thing and returns the builder. The fake copies the builder when it is given, so a
/// builder can be reused as a template.
/// </summary>
public sealed partial class ExportBuilder
{
    internal ExportBuilder(long? id) => Id = id;

    /// <summary>The export id, or null for a template.</summary>
    public long? Id { get; private set; }

    /// <summary>The API user that owns the export; null means the fake's default user.</summary>
    public string? ApiUserId { get; private set; }

    /// <summary>
    /// The export-shaped family (fixture area) the export belongs to; null means the fake's default one
    /// (<c>segment-export</c> when it is served, else the first family of the fixtures).
    /// </summary>
    public string? Area { get; private set; }

    /// <summary>
    /// Puts the export in another export-shaped family of the fixtures, e.g. <c>In("raw-export")</c>: its create
    /// and status endpoints then serve it with that family's own samples, ids and links.
    /// </summary>
    /// <param name="area">The fixture area of the family, e.g. <c>raw-export</c>.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder In(string area)
    {
        ArgumentException.ThrowIfNullOrEmpty(area);
        Area = area;
        return this;
    }

    /// <summary>Gives the export to another API user (exports of different users are isolated).</summary>
    /// <param name="apiUserId">The owner's API user id; it must be one of the fake's users.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder ForUser(string apiUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiUserId);
        ApiUserId = apiUserId;
        return this;
    }

    /// <summary>Gives the export to another API user.</summary>
    /// <param name="user">The owner.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder ForUser(FakeApiUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ForUser(user.ApiUserId);
    }

    internal ExportBuilder WithIdOf(long id)
    {
        var copy = Copy();
        copy.Id = id;
        return copy;
    }

    internal ExportBuilder Copy() => new(Id)
    {
        ApiUserId = ApiUserId,
        Area = Area,
        ProgressSteps = [.. ProgressSteps],
        Ending = Ending,
        EndingScenario = EndingScenario,
        FileCount = FileCount,
        FileCountChosen = FileCountChosen,
        FileFormat = FileFormat,
        Report = Report,
        RowsPerFile = RowsPerFile,
        AdvanceInterval = AdvanceInterval,
        Fields = Fields,
        FieldsChosen = FieldsChosen,
        HeaderLine = HeaderLine,
        Hash = Hash,
        Register = Register,
        LinkLifetime = LinkLifetime,
        FirstLinksExpireAt = FirstLinksExpireAt,
        Faults = [.. Faults],
    };
}
