namespace MyTracker.Client.Json;

/// <summary>
/// Put by the generator on each result case (and each member of a discriminator enum) that stands for
/// a documented scenario: the response sample it was generated from. The analyzer that ships with the
/// generator reads it to tell which documented cases a <c>switch</c> leaves out (MTG0013) and to
/// accept a <c>switch</c> expression that names every case without a discard arm.
/// </summary>
/// <param name="scenario">The scenario as written in the sample's file name, e.g. <c>in-progress</c>.</param>
/// <param name="statusCode">The HTTP status of the sample.</param>
/// <param name="fixture">The sample's path below the fixture root, e.g. <c>segment-export/get/200.in-progress.json</c>.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class DocumentedScenarioAttribute(string scenario, int statusCode, string fixture) : Attribute
{
    /// <summary>The scenario as written in the sample's file name, e.g. <c>in-progress</c>.</summary>
    public string Scenario { get; } = scenario;

    /// <summary>The HTTP status of the sample.</summary>
    public int StatusCode { get; } = statusCode;

    /// <summary>The sample's path below the fixture root, e.g. <c>segment-export/get/200.in-progress.json</c>.</summary>
    public string Fixture { get; } = fixture;
}
