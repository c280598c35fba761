using System;
using System.Collections.Generic;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Parsing;

/// <summary>Reads endpoint.json's <c>meanings</c>: an object from scenario name to one of the words of <see cref="ExportMeanings"/>.</summary>
internal static class ManifestMeanings
{
    public static EquatableArray<ScenarioMeaningModel> Read(JsonNode root, Action<TextPosition, string> fail)
    {
        var node = root["meanings"];
        if (node is null)
        {
            return EquatableArray<ScenarioMeaningModel>.Empty;
        }

        if (node.Kind != JsonKind.Object)
        {
            fail(node.Position, "'meanings' must be an object from scenario name to one of " + ExportMeanings.List);
            return EquatableArray<ScenarioMeaningModel>.Empty;
        }

        var result = new List<ScenarioMeaningModel>();
        foreach (var member in node.Members)
        {
            if (member.Value.Kind != JsonKind.String || !ExportMeanings.TryParse(member.Value.Text!, out var meaning))
            {
                fail(member.Value.Position, "meanings." + member.Name + " must be one of " + ExportMeanings.List);
                continue;
            }

            result.Add(new ScenarioMeaningModel(member.Name, meaning));
        }

        return result.ToEquatableArray();
    }
}
