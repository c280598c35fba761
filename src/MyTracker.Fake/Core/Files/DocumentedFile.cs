namespace MyTracker.Fake;

/// <summary>A file that an answer served from a sample lists, for <see cref="FakeTrackerOptions.FileContent"/>.</summary>
/// <param name="Endpoint">The endpoint whose answer listed it, <c>area/endpoint</c>.</param>
/// <param name="Scenario">The sample's scenario name.</param>
/// <param name="Path">The path of its link, as documented.</param>
/// <param name="Number">Its position in the listed files, from 1.</param>
public sealed record DocumentedFile(string Endpoint, string Scenario, string Path, int Number);
