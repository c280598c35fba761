namespace MyTracker.Fixtures;

/// <summary>How an answer differs from the fixtures, by type (never by value: other ids, timestamps or links are no drift).</summary>
public enum DriftKind
{
    /// <summary>A field no sample of that status has.</summary>
    NewField,

    /// <summary>A field every sample of that status has is missing.</summary>
    MissingField,

    /// <summary>A value of another type than the generated client's (an integer string became a number, text became null).</summary>
    TypeChanged,

    /// <summary>The field that tells the scenarios apart has a value no sample has.</summary>
    NewDiscriminatorValue,

    /// <summary>An HTTP status no sample of the endpoint has.</summary>
    UndocumentedStatus,

    /// <summary>A documented status whose body is not JSON.</summary>
    NotJson,

    /// <summary>
    /// An export's status answer whose scenario's documented meaning (endpoint.json's <c>meanings</c>) the answer
    /// contradicts: it carries a field only a scenario of another meaning has (a failure listing files, a
    /// repeatable failure with a user error's message), or a success lists none of its files.
    /// </summary>
    MeaningContradicted,

    /// <summary>
    /// A note, not drift: an export's status answer whose scenario, or status text, has no documented meaning,
    /// so the generated operations do not request it again (an unknown status text ends as unrecognized).
    /// </summary>
    MeaningUndocumented,
}

/// <summary>One difference between an answer and the fixtures.</summary>
/// <param name="Kind">What kind of difference.</param>
/// <param name="Endpoint">The endpoint folder, e.g. <c>segment-export/get</c>.</param>
/// <param name="Status">The HTTP status of the answer.</param>
/// <param name="Path">Where in the body (<c>data.files[].link</c>); empty for the status itself.</param>
/// <param name="Documented">What the fixtures say there, in words (<c>an integer string</c>).</param>
/// <param name="Received">What came instead, in words; for a new discriminator value, the value.</param>
public sealed record Drift(DriftKind Kind, string Endpoint, int Status, string Path, string Documented, string Received)
{
    /// <summary>The kind as the report writes it: <c>new-field</c>, <c>type-changed</c>, ...</summary>
    public string KindName => NameOf(Kind);

    /// <summary>The kind as the report writes it.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><c>new-field</c>, <c>missing-field</c>, <c>type-changed</c>, <c>new-discriminator-value</c>, <c>undocumented-status</c>, <c>not-json</c>, <c>meaning-contradicted</c> or <c>meaning-undocumented</c>.</returns>
    public static string NameOf(DriftKind kind) => kind switch
    {
        DriftKind.NewField => "new-field",
        DriftKind.MissingField => "missing-field",
        DriftKind.TypeChanged => "type-changed",
        DriftKind.NewDiscriminatorValue => "new-discriminator-value",
        DriftKind.UndocumentedStatus => "undocumented-status",
        DriftKind.MeaningContradicted => "meaning-contradicted",
        DriftKind.MeaningUndocumented => "meaning-undocumented",
        _ => "not-json",
    };

    /// <summary>One line for people: what differs and where.</summary>
    /// <returns>E.g. <c>type-changed segment-export/get 200 data.idSegmentExport: documented as an integer string, received an integer</c>.</returns>
    public override string ToString() => $"{KindName} {Endpoint} {Status}{(Path.Length > 0 ? " " + Path : string.Empty)}: " + Kind switch
    {
        DriftKind.NewField => $"not in the fixtures, received {Received}",
        DriftKind.MissingField => $"missing, though every sample has it ({Documented})",
        DriftKind.TypeChanged => $"documented as {Documented}, received {Received}",
        DriftKind.NewDiscriminatorValue => $"received {Received}, documented {Documented}",
        DriftKind.UndocumentedStatus => $"not documented (documented: {Documented})",
        DriftKind.MeaningContradicted when Received == "an answer without it" => $"{Documented} documents it in every sample, received {Received}",
        DriftKind.MeaningContradicted => $"the answer is {Documented}, but it carries what only {Received} has",
        DriftKind.MeaningUndocumented when Documented == "no scenario" => $"status {Received} has no documented meaning; the export runtime keeps polling and then ends it as an unrecognized status",
        DriftKind.MeaningUndocumented => $"scenario '{Received}' has no documented meaning, so the generated operations do not request it again; state it in {Endpoint}/endpoint.json \"meanings\"",
        _ => $"documented as {Documented}, received {Received}",
    };
}
