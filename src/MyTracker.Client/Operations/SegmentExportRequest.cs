namespace MyTracker.Client;

/// <summary>What to export: the parameters of create.json.</summary>
public sealed record SegmentExportRequest
{
    /// <summary>Creates a request for one segment with the server's defaults.</summary>
    /// <param name="segmentId">The segment to export (<c>idSegment</c>).</param>
    public SegmentExportRequest(long segmentId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(segmentId);
        SegmentId = segmentId;
    }

    /// <summary>Device fields: idApp, idProfile, gaid, idfa, oaid.</summary>
    public static class DeviceFields
    {
        /// <summary>Application id.</summary>
        public const string IdApp = "idApp";

        /// <summary>Profile id.</summary>
        public const string IdProfile = "idProfile";

        /// <summary>Google advertising id.</summary>
        public const string Gaid = "gaid";

        /// <summary>Apple identifier for advertisers.</summary>
        public const string Idfa = "idfa";

        /// <summary>Open anonymous device id.</summary>
        public const string Oaid = "oaid";
    }

    /// <summary>User fields: idProject, idProjectUser, customUserId.</summary>
    public static class UserFields
    {
        /// <summary>Project id.</summary>
        public const string IdProject = "idProject";

        /// <summary>Project user id.</summary>
        public const string IdProjectUser = "idProjectUser";

        /// <summary>The app's own user id.</summary>
        public const string CustomUserId = "customUserId";
    }

    /// <summary>The segment to export (<c>idSegment</c>).</summary>
    public long SegmentId { get; }

    /// <summary>Columns to export (<c>requestFields</c>); empty means all.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>Whether the first file starts with a header line (<c>includeHeaderLine</c>); null = server default (yes).</summary>
    public bool? IncludeHeaderLine { get; init; }

    /// <summary>Letter case of gaid/idfa/oaid (<c>registerType</c>); null = server default.</summary>
    public SegmentExportCreateRegisterType? LetterCase { get; init; }

    /// <summary>Hashing of identifiers (<c>hashType</c>); null = server default (none).</summary>
    public SegmentExportCreateHashType? Hashing { get; init; }

    /// <summary>Split into files of at most this many megabytes, 10..4095 (<c>maxBatchFileSize</c>); null = no limit asked.</summary>
    public int? MaxFileSizeMegabytes { get; init; }

    /// <summary>Throws when a value is outside what create.json documents.</summary>
    /// <exception cref="ArgumentException">A field is empty or has a comma, or the file size is out of range.</exception>
    public void Validate()
    {
        foreach (var field in Fields)
        {
            if (string.IsNullOrWhiteSpace(field) || field.Contains(','))
            {
                throw new ArgumentException($"Invalid export field '{field}'.", nameof(Fields));
            }
        }

        if (MaxFileSizeMegabytes is < 10 or > 4095)
        {
            throw new ArgumentException("MaxFileSizeMegabytes must be within 10..4095.", nameof(MaxFileSizeMegabytes));
        }

        if (LetterCase is { } lc && !Enum.IsDefined(lc))
        {
            throw new ArgumentException("Unknown letter case.", nameof(LetterCase));
        }

        if (Hashing is { } h && !Enum.IsDefined(h))
        {
            throw new ArgumentException("Unknown hashing.", nameof(Hashing));
        }
    }
}
