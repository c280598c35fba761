using System.Globalization;
using MyTracker.Fake.Http;

namespace MyTracker.Fake.Exports;

/// <summary>One date interval of a report request (<c>settings[filter][date][0][from]</c> .. <c>[to]</c>).</summary>
internal readonly record struct DateInterval(DateOnly From, DateOnly To);

/// <summary>
/// What a report's rows are made of, read from a create request's bracketed parameters as the
/// documentation spells them: the columns are the requested dimensions, then the metrics
/// (<c>settings[dimensions][]=date</c>, <c>settings[metrics][]=installs</c>); the rows cover every day of
/// every date interval (<c>settings[filter][date][from]</c>, or indexed <c>settings[filter][date][0][from]</c>)
/// for every application of the filter (<c>settings[filter][dimension][idApp][value][]=1</c>). Only the
/// last named members matter (<c>dimensions</c>, <c>metrics</c>, <c>date</c>/<c>from</c>/<c>to</c>,
/// <c>idApp</c>/<c>value</c>, <c>precision</c>), so a family is read by what its parameters are called,
/// not by its area. The parameter check has already refused what the manifest does not declare.
/// </summary>
internal sealed record ReportShape(
    IReadOnlyList<string> Dimensions,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<DateInterval> Intervals,
    IReadOnlyList<long> Apps,
    int Precision)
{
    /// <summary>At most this many rows per report: enough for a year of days for a few apps, small enough to build at once.</summary>
    public const int MaxRows = 5000;

    /// <summary>A report without requested columns: its days and one count (the fake's choice, the page names none by default).</summary>
    public static readonly IReadOnlyList<string> DefaultDimensions = ["date"];

    public static readonly IReadOnlyList<string> DefaultMetrics = ["installs"];

    /// <summary>A report set up without a request (<c>Export.WithId(2).In("report-file")</c>): the default columns, days from 2024-01-01, no app filter.</summary>
    public static readonly ReportShape Default = new(DefaultDimensions, DefaultMetrics, [], [], 2);

    /// <summary>The file's columns, dimensions first.</summary>
    public IReadOnlyList<string> Columns => [.. Dimensions, .. Metrics];

    /// <summary>The shape a request asks for, or null when it names no dimension, metric or date interval (not a report request).</summary>
    public static ReportShape? Read(QueryParameters query)
    {
        var dimensions = new List<string>();
        var metrics = new List<string>();
        var apps = new List<long>();
        var froms = new SortedDictionary<int, DateOnly>();
        var tos = new SortedDictionary<int, DateOnly>();
        int? precision = null;
        var found = false;
        foreach (var (name, value) in query.Items)
        {
            var path = BracketPath.Split(name);
            var named = path.Where(s => s.Length > 0 && !BracketPath.IsIndex(s)).ToArray();
            if (named.Length < 2)
            {
                continue;
            }

            switch (named[^1])
            {
                case "dimensions":
                    dimensions.AddRange(Items(value));
                    found = true;
                    break;
                case "metrics":
                    metrics.AddRange(Items(value));
                    found = true;
                    break;
                case "from" or "to" when named[^2] == "date" && TryDate(value, out var day):
                    (named[^1] == "from" ? froms : tos)[IndexAfter(path, "date")] = day;
                    found = true;
                    break;
                case "value" when named[^2] == "idApp":
                    apps.AddRange(Items(value).Select(v => long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0));
                    break;
                case "precision" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var digits):
                    precision = Math.Min(digits, 10);
                    break;
            }
        }

        if (!found)
        {
            return null;
        }

        var intervals = froms.Where(f => tos.ContainsKey(f.Key)).Select(f => new DateInterval(f.Value, tos[f.Key])).ToList();
        return new ReportShape(
            dimensions.Count == 0 && metrics.Count == 0 ? DefaultDimensions : dimensions,
            dimensions.Count == 0 && metrics.Count == 0 ? DefaultMetrics : metrics,
            intervals,
            [.. apps.Distinct()],
            precision ?? 2);
    }

    /// <summary>The (day, application) of every row, in request order, at most <see cref="MaxRows"/>; <paramref name="fallbackDays"/> days from 2024-01-01 without intervals.</summary>
    public IEnumerable<(DateOnly Day, long? App)> RowKeys(int fallbackDays)
    {
        IEnumerable<DateInterval> intervals = Intervals.Count > 0
            ? Intervals
            : [new DateInterval(new DateOnly(2024, 1, 1), new DateOnly(2024, 1, 1).AddDays(Math.Max(fallbackDays, 1) - 1))];
        IReadOnlyList<long?> apps = Apps.Count > 0 ? [.. Apps.Select(a => (long?)a)] : [null];
        return intervals
            .SelectMany(i => Enumerable.Range(0, Math.Max(i.To.DayNumber - i.From.DayNumber + 1, 0)).Select(d => i.From.AddDays(d)))
            .SelectMany(day => apps.Select(app => (day, app)))
            .Take(MaxRows);
    }

    private static IEnumerable<string> Items(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool TryDate(string value, out DateOnly day) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>The interval's index: the number right after <paramref name="member"/> (<c>date][1][from</c>), 0 when there is none (one interval).</summary>
    private static int IndexAfter(string[] path, string member)
    {
        var at = Array.LastIndexOf(path, member);
        return at >= 0 && at + 1 < path.Length && BracketPath.IsIndex(path[at + 1]) ? int.Parse(path[at + 1], CultureInfo.InvariantCulture) : 0;
    }
}

/// <summary>A parameter name in bracket notation, split into its members: <c>a[b][0][]</c> is <c>a</c>, <c>b</c>, <c>0</c>, an empty (array) member.</summary>
internal static class BracketPath
{
    public static string[] Split(string name)
    {
        var open = name.IndexOf('[');
        if (open <= 0)
        {
            return [name];
        }

        var parts = new List<string> { name[..open] };
        var at = open;
        while (at < name.Length)
        {
            var close = name.IndexOf(']', at);
            if (name[at] != '[' || close < 0)
            {
                return [name];
            }

            parts.Add(name[(at + 1)..close]);
            at = close + 1;
        }

        return [.. parts];
    }

    public static bool IsIndex(string member) => member.Length is > 0 and < 6 && member.All(char.IsAsciiDigit);
}
