using System.Globalization;
using System.Text.Json;
using MyTracker.Fake.Exports;
using MyTracker.Fake.Fixtures;

namespace MyTracker.Fake;

public sealed partial class FakeTracker
{
    /// <summary>Every endpoint this fake serves, from its fixtures, ordered by key.</summary>
    public IReadOnlyList<FixtureEndpointInfo> Endpoints => [.. _fixtures.Endpoints.Select(Describe)];

    /// <summary>The export-shaped families the export lifecycle serves; the first is the default family of <c>Export.WithId(...)</c>.</summary>
    public IReadOnlyList<ExportFamilyInfo> ExportFamilies =>
        [.. _exports.Families.Values
            .OrderBy(f => ReferenceEquals(f, _exports.DefaultFamily) ? 0 : 1).ThenBy(f => f.Area, StringComparer.Ordinal)
            .Select(f => new ExportFamilyInfo(
                f.Area, Describe(f.Create), Describe(f.Status), f.IdParameter, f.NotFound is { } n ? DetailOf(n) : null, f.FileDirectory,
                new ExportStatusTexts(f.InProgressText, f.SuccessText, f.ErrorText),
                f.Cancel is { } cancel ? Describe(cancel) : null,
                [.. f.Endings.Keys.Order(StringComparer.Ordinal)]))];

    /// <summary>The URL of an export's status on this fake (segment export's get.json by default).</summary>
    /// <param name="id">The export id.</param>
    /// <param name="area">The family; null for the default one.</param>
    /// <returns>The absolute URL.</returns>
    public Uri GetStatusUrl(long id, string? area = null)
    {
        var family = _exports.Resolve(area);
        return new(BaseUrl, family.Status.Path.TrimStart('/') + "?" + family.IdParameter + "=" + id.ToString(CultureInfo.InvariantCulture));
    }

    private static FixtureEndpointInfo Describe(EndpointFixtures endpoint) => new(
        endpoint.Key,
        endpoint.Method,
        endpoint.Path,
        [.. endpoint.Parameters.OrderBy(p => p.Required ? 0 : 1).Select(p => new FixtureParameterInfo(p.Name, p.Type, p.Required, p.Values, Example(p)))],
        [.. endpoint.Ordered.Select(s => (s.Name, s.Status))],
        endpoint.Default?.Name);

    /// <summary>A value <c>ParameterCheck</c> lets through for the parameter.</summary>
    private static string Example(ParameterSpec parameter) => parameter.Type switch
    {
        // An object parameter: its required members in bracket notation, already escaped (settings%5Bfilter%5D...=...&...).
        "object" when parameter.Nested is { } nested => string.Join('&', MyTracker.Fixtures.Model.Requests.NestedParameterCheck.Example(nested).Select(i => Uri.EscapeDataString(i.Key) + "=" + Uri.EscapeDataString(i.Value))),
        "enum" or "list" when parameter.Values.Count > 0 => parameter.Values[0],
        "integer" or "number" => (parameter.Minimum, parameter.Maximum) switch
        {
            ({ } min, _) => (parameter.Type == "integer" ? Math.Ceiling(min) : min).ToString(CultureInfo.InvariantCulture),
            (null, { } max) when max < 1 => (parameter.Type == "integer" ? Math.Floor(max) : max).ToString(CultureInfo.InvariantCulture),
            _ => "1",
        },
        "boolean" => "1",
        "string" => "x",
        _ => "1",
    };

    private static string? DetailOf(ScenarioFixture sample)
    {
        using var document = JsonDocument.Parse(sample.Valid.Source);
        return document.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && data.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String
            ? detail.GetString()
            : null;
    }
}
