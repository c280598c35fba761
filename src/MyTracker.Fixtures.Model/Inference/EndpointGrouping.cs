using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace MyTracker.Fixtures.Model.Inference;

/// <summary>Groups parsed fixture files into endpoints (one manifest and its samples per folder).</summary>
public static class EndpointGrouping
{
    /// <summary>
    /// One input per <c>&lt;area&gt;/&lt;endpoint&gt;/</c> folder, in ordinal order; a folder whose C# names
    /// collide with an earlier folder's is marked so inference reports it (MTG0012).
    /// </summary>
    /// <param name="all">Every parsed file.</param>
    /// <returns>The endpoints.</returns>
    public static ImmutableArray<EndpointInput> Group(ImmutableArray<ParsedFixture> all)
    {
        var groups = new SortedDictionary<string, (string Area, string Endpoint, ParsedFixture? Manifest, List<ParsedFixture> Samples)>(StringComparer.Ordinal);
        foreach (var fixture in all)
        {
            if (fixture.Kind == FixtureFileKind.Ignored)
            {
                continue;
            }

            var key = fixture.Area + "/" + fixture.Endpoint;
            if (!groups.TryGetValue(key, out var group))
            {
                group = (fixture.Area, fixture.Endpoint, null, new List<ParsedFixture>());
            }

            if (fixture.Kind == FixtureFileKind.Manifest)
            {
                group.Manifest = fixture;
            }
            else
            {
                group.Samples.Add(fixture);
            }

            groups[key] = group;
        }

        // Folder names that differ only in punctuation give the same C# names; the first folder in
        // ordinal order keeps them, later ones are reported (MTG0012) instead of generating twice.
        var areasByClient = new Dictionary<string, string>(StringComparer.Ordinal);
        var endpointsByPrefix = new Dictionary<string, string>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<EndpointInput>();
        foreach (var g in groups.Values)
        {
            var samples = g.Samples.OrderBy(s => s.FileName, StringComparer.Ordinal).ToEquatableArray();
            var client = CSharpNames.Client(g.Area);
            var prefix = CSharpNames.Prefix(g.Area, g.Endpoint);
            var label = g.Area + "/" + g.Endpoint;
            if (areasByClient.TryGetValue(client, out var otherArea) && otherArea != g.Area)
            {
                result.Add(new EndpointInput(g.Area, g.Endpoint, g.Manifest, samples, otherArea, client));
                continue;
            }

            if (endpointsByPrefix.TryGetValue(prefix, out var otherEndpoint))
            {
                result.Add(new EndpointInput(g.Area, g.Endpoint, g.Manifest, samples, otherEndpoint, prefix));
                continue;
            }

            areasByClient[client] = g.Area;
            endpointsByPrefix[prefix] = label;
            result.Add(new EndpointInput(g.Area, g.Endpoint, g.Manifest, samples));
        }

        return result.ToImmutable();
    }
}
