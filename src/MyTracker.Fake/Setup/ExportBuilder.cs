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
        ProgressSteps = [.. ProgressSteps],
        Ending = Ending,
        FileCount = FileCount,
        RowsPerFile = RowsPerFile,
        AdvanceInterval = AdvanceInterval,
        Fields = Fields,
        HeaderLine = HeaderLine,
        Hash = Hash,
        Register = Register,
        LinkLifetime = LinkLifetime,
        FirstLinksExpireAt = FirstLinksExpireAt,
        Faults = [.. Faults],
    };
}
