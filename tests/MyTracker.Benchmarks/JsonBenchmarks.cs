using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using MyTracker.Client;

namespace MyTracker.Benchmarks;

/// <summary>
/// Reading each documented sample: the generated reflection-free converters against System.Text.Json
/// reflection over hand-written classes of the same shape (ids and timestamps as strings read into
/// numbers, trailing commas allowed, as the samples need).
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private static readonly JsonSerializerOptions Reflection = new()
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        PropertyNameCaseInsensitive = false,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    private byte[] _body = [];

    [Params("get/200.in-progress", "get/200.success", "get/200.error-occurred", "get/404.not-found", "get/403.access-denied", "create/200.created", "create/400.invalid-parameters")]
    public string Sample { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _body = File.ReadAllBytes(Path.Combine(Fixtures.Root, "segment-export", Sample + ".json"));

    [Benchmark(Baseline = true)]
    public object Generated() => Sample switch
    {
        "get/404.not-found" => SegmentExportGetNotFoundResponse.FromJson(_body),
        "get/403.access-denied" => SegmentExportGetAccessDeniedResponse.FromJson(_body),
        "create/200.created" => SegmentExportCreateResponse.FromJson(_body),
        "create/400.invalid-parameters" => SegmentExportCreateInvalidParametersResponse.FromJson(_body),
        _ => SegmentExportGetResponse.FromJson(_body),
    };

    [Benchmark]
    public object? StjReflection() => Sample switch
    {
        "get/404.not-found" or "create/400.invalid-parameters" => JsonSerializer.Deserialize<Envelope<ErrorData>>(_body, Reflection),
        "get/403.access-denied" => JsonSerializer.Deserialize<Envelope<JsonElement?>>(_body, Reflection),
        "create/200.created" => JsonSerializer.Deserialize<Envelope<CreatedData>>(_body, Reflection),
        _ => JsonSerializer.Deserialize<Envelope<GetData>>(_body, Reflection),
    };

    public sealed class Envelope<T>
    {
        [JsonPropertyName("code")]
        public int Code { get; set; }

        [JsonPropertyName("message")]
        public string Message { get; set; } = "";

        [JsonPropertyName("data")]
        public T? Data { get; set; }
    }

    public sealed class GetData
    {
        [JsonPropertyName("idSegmentExport")]
        public long IdSegmentExport { get; set; }

        [JsonPropertyName("status")]
        public string Status { get; set; } = "";

        [JsonPropertyName("progress")]
        public string? Progress { get; set; }

        [JsonPropertyName("files")]
        public List<FileData>? Files { get; set; }
    }

    public sealed class FileData
    {
        [JsonPropertyName("link")]
        public Uri? Link { get; set; }

        [JsonPropertyName("timestampExpires")]
        public long TimestampExpires { get; set; }
    }

    public sealed class CreatedData
    {
        [JsonPropertyName("idSegmentExport")]
        public long IdSegmentExport { get; set; }
    }

    public sealed class ErrorData
    {
        [JsonPropertyName("error")]
        public ErrorDetail? Error { get; set; }
    }

    public sealed class ErrorDetail
    {
        [JsonPropertyName("detail")]
        public string Detail { get; set; } = "";
    }
}

internal static class Fixtures
{
    /// <summary>The repository's fixtures/ folder, found upwards from the working directory or the binary.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "fixtures", "segment-export");
                if (Directory.Exists(candidate))
                {
                    return Path.Combine(dir.FullName, "fixtures");
                }
            }
        }

        throw new DirectoryNotFoundException("fixtures/ not found above the working directory.");
    }
}
