using System;
using System.Collections.Generic;

namespace MyTracker.Fixtures.Model;

/// <summary>
/// What a status scenario means for an export, as endpoint.json's <c>meanings</c> states it (one rule,
/// documented in fixtures/README.md): the generated operations, the fake, verify and the OpenAPI
/// document read the same words. Shape cannot tell "may be requested again" from "never completes";
/// the documentation's prose can, so the manifest carries it.
/// </summary>
public enum ExportMeaning
{
    /// <summary><c>running</c>.</summary>
    Running,

    /// <summary><c>succeeded</c>.</summary>
    Succeeded,

    /// <summary><c>failed-repeatable</c>: the documentation says the request may be made again.</summary>
    FailedRepeatable,

    /// <summary><c>failed-final</c>: it never completes under the same conditions.</summary>
    FailedFinal,

    /// <summary><c>canceled</c>.</summary>
    Canceled,
}

/// <summary>One entry of <c>meanings</c>: a scenario name and what it means.</summary>
/// <param name="Scenario">The scenario, as its sample's file names it (<c>user-error-occurred</c>).</param>
/// <param name="Meaning">What it means for an export.</param>
public sealed record ScenarioMeaningModel(string Scenario, ExportMeaning Meaning);

/// <summary>The words of <c>meanings</c>.</summary>
public static class ExportMeanings
{
    private static readonly Dictionary<string, ExportMeaning> ByWord = new(StringComparer.Ordinal)
    {
        ["running"] = ExportMeaning.Running,
        ["succeeded"] = ExportMeaning.Succeeded,
        ["failed-repeatable"] = ExportMeaning.FailedRepeatable,
        ["failed-final"] = ExportMeaning.FailedFinal,
        ["canceled"] = ExportMeaning.Canceled,
    };

    /// <summary>The words, for messages: <c>running, succeeded, failed-repeatable, failed-final, canceled</c>.</summary>
    public const string List = "running, succeeded, failed-repeatable, failed-final, canceled";

    /// <summary>The meaning a word of <c>meanings</c> names.</summary>
    /// <param name="word">E.g. <c>failed-final</c>.</param>
    /// <param name="meaning">The meaning, when the word is one of <see cref="List"/>.</param>
    /// <returns>Whether it is.</returns>
    public static bool TryParse(string word, out ExportMeaning meaning) => ByWord.TryGetValue(word, out meaning);

    /// <summary>The word of a meaning, as endpoint.json writes it.</summary>
    /// <param name="meaning">The meaning.</param>
    /// <returns>E.g. <c>failed-repeatable</c>.</returns>
    public static string WordOf(ExportMeaning meaning) => meaning switch
    {
        ExportMeaning.Running => "running",
        ExportMeaning.Succeeded => "succeeded",
        ExportMeaning.FailedRepeatable => "failed-repeatable",
        ExportMeaning.FailedFinal => "failed-final",
        _ => "canceled",
    };
}
