using System.Text.RegularExpressions;

namespace MyTracker.Fixtures.Import;

/// <summary>
/// What each status of an export means, from the prose a page puts before the status's sample (the
/// words of endpoint.json's <c>meanings</c>, fixtures/README.md): "you can repeat the request" is
/// failed-repeatable, "will never be complete" failed-final, "was canceled" canceled, a progress
/// running, a complete export with its files succeeded. Where the prose says none of these, a note
/// asks, and nothing is guessed.
/// </summary>
internal static partial class ImportMeanings
{
    /// <summary>The meanings of a status page's 2xx samples (a page with two or more), and a note for each the prose leaves open.</summary>
    public static List<KeyValuePair<string, string>> Read(IReadOnlyList<PageSample> page, IReadOnlyList<ImportedSample> samples, List<KeyValuePair<string, string>> notes)
    {
        var result = new List<KeyValuePair<string, string>>();
        var statuses = samples.Where(s => s.Status is >= 200 and <= 299 && s.Scenario is not null).ToList();
        if (statuses.Count < 2)
        {
            return result;
        }

        foreach (var sample in statuses)
        {
            var lead = page.FirstOrDefault(p => p.Ordinal == sample.Ordinal)?.Lead ?? string.Empty;
            if (Of(lead) is { } meaning)
            {
                result.Add(new(sample.Scenario!, meaning));
            }
            else
            {
                notes.Add(new(sample.FileName, $"line {sample.Line}: the page does not say what this status means for the export; state it in \"meanings\" (running, succeeded, failed-repeatable, failed-final or canceled)"));
            }
        }

        return result;
    }

    /// <summary>The meaning the prose states, or null. The final and repeatable failures come first: "will never be complete" also reads "complete".</summary>
    internal static string? Of(string lead) =>
        Final().IsMatch(lead) ? "failed-final"
        : Repeatable().IsMatch(lead) ? "failed-repeatable"
        : Canceled().IsMatch(lead) ? "canceled"
        : Running().IsMatch(lead) ? "running"
        : Succeeded().IsMatch(lead) ? "succeeded"
        : null;

    [GeneratedRegex(@"\bnever\s+(be\s+)?(complete|created|finished|ready|built)|\bwill\s+never\s+(finish|succeed|complete)|\b(cannot|can\s*not|will\s+not)\s+be\s+(completed|created|finished)|\brepeating\s+(it|the\s+request)\s+will\s+not\s+help", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Final();

    // Not after a negation: "do not repeat the request" says the opposite, and then the prose asks (a note), no guess.
    [GeneratedRegex(@"(?<!(\bnot|\bnever|n't)\s+)(\b(repeat|retry|resend)\s+the\s+request|\brequest\s+(it\s+)?again|\b(can|may)\s+be\s+(repeated|retried|requested\s+again)|\btry\s+again)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Repeatable();

    [GeneratedRegex(@"\b(was|were|is|has\s+been|been)\s+cancell?ed\b|\bcancell?ed\s+by\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Canceled();

    [GeneratedRegex(@"\bprogress\b|\bpercent|\bqueued\b|\bin\s+the\s+queue\b|\bbeing\s+(built|prepared|processed|created)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Running();

    [GeneratedRegex(@"\b(is|was)\s+complete\b|\bcompleted\s+successfully|\blinks?\s+to\s+the\s+files?\b|\bfiles?\s+(is|are)\s+ready", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Succeeded();
}
