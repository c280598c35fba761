using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using MyTracker.Client;
using MyTracker.Client.Tests.Support;
using MyTracker.Fake;
using MyTracker.Fixtures.Model;
using MyTracker.Fixtures.Model.Inference;
using MyTracker.IntegrationTests.Readme;
using MyTracker.IntegrationTests.Support;

namespace MyTracker.IntegrationTests.Conformance;

/// <summary>
/// The generated client and the fake agree on every fixture folder of the repository, and on variants
/// of them rewritten into other shapes the recognition rules accept (<see cref="FixtureVariants"/>):
/// the built generator runs in-process over the folder as a consumer's build would, its code is compiled
/// and loaded; a fake serves the same folder. The export families the generator emits operations for are
/// the ones the fake serves, and each one's lifecycle, driven through the generated operations on the
/// fake's clock (a virtual one: no sleeps), ends in success with every link unexpired and downloadable.
/// A folder the build rejects is refused by the fake with the build's first error.
/// </summary>
public sealed class FixtureConformanceTests
{
    private const string Namespace = "Conformance.Generated";

    // Read once: building the metadata references of the ~100 assemblies beside the tests cost more than a generator run.
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(ReadmeCodeBlockTests.References);

    /// <summary>The folders as they are (the corpus too), then each rewrite of each folder with an export family.</summary>
    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var (name, _) in FixtureVariants.Folders)
        {
            cases.Add(name, "as-is");
        }

        cases.Add("corpus", "as-is");
        foreach (var (name, _) in FixtureVariants.Folders.Where(f => f.Name != "template-consumer"))
        {
            foreach (var rewrite in FixtureVariants.Rewrites.Keys)
            {
                cases.Add(name, rewrite);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_families_the_generator_recognizes_are_the_ones_the_fake_serves_and_each_lifecycle_succeeds(string folder, string variant)
    {
        var files = Files(folder, variant);
        var (trees, errors) = Generate(files);
        using var temp = new TempDirectory();
        foreach (var (path, text) in files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(temp[path])!);
            await File.WriteAllTextAsync(temp[path], text);
        }

        if (errors.Count > 0)
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = temp.Path }));
            Assert.Contains(errors[0].GetMessage(CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
            return;
        }

        var clock = new VirtualClock(new DateTimeOffset(2026, 12, 8, 6, 0, 0, TimeSpan.Zero));
        await using var fake = await FakeTracker.StartAsync(new FakeTrackerOptions { FixturesDirectory = temp.Path, TimeProvider = clock });
        var context = new AssemblyLoadContext("conformance-" + folder + "-" + variant, isCollectible: true);
        try
        {
            var operations = OperationsTypes(trees, context);

            // Every rewrite keeps a shape the rules accept: a folder with families keeps them all.
            Assert.Equal(folder is "corpus" or "template-consumer", operations.Count == 0);
            Assert.Equal(operations.Keys.Order(StringComparer.Ordinal), fake.ExportFamilies.Select(f => f.Area).Order(StringComparer.Ordinal));

            var models = ExportRecognition.Recognize([.. FixtureModels.Read(string.Empty, files).Models])
                .Where(r => r.Model is not null).ToDictionary(r => r.Area, r => r.Model!, StringComparer.Ordinal);
            foreach (var (area, type) in operations)
            {
                await RunLifecycleAsync(fake, clock, area, type, models[area], temp[Path.Combine("downloads", area)]);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    private static Dictionary<string, string> Files(string folder, string variant)
    {
        var files = folder == "corpus"
            ? FixtureVariants.Corpus(Path.Combine(BuildInfo.RepositoryRoot, "tests", "Corpus", "quicktype"))
            : FixtureVariants.Read(Path.Combine([BuildInfo.RepositoryRoot, .. FixtureVariants.Folders.Single(f => f.Name == folder).Path]));
        return variant == "as-is" ? files : FixtureVariants.Rewrites[variant](files);
    }

    /// <summary>Creates an export through the generated operations, waits for it on the fake's clock and downloads every file.</summary>
    private static async Task RunLifecycleAsync(FakeTracker fake, VirtualClock clock, string area, Type operationsType, ExportFamilyModel model, string directory)
    {
        // On the virtual clock every wait is jumped to, so the client's bounds (attempt, total, stall) are off.
        using var client = FakeTrackerClients.Create(fake, time: clock, configure: o =>
        {
            o.Timeout = Timeout.InfiniteTimeSpan;
            o.Retry.TotalTimeout = Timeout.InfiniteTimeSpan;
            o.DownloadStallTimeout = Timeout.InfiniteTimeSpan;
        });
        var operations = Activator.CreateInstance(operationsType, client)!;
        var requestType = BaseOperations(operationsType).GetGenericArguments()[0];
        var request = Request(requestType, model.RequestProperties);
        var reported = new List<double>();

        async Task<(ExportOutcome Outcome, DateTimeOffset At, IReadOnlyList<DownloadedExportFile> Downloaded)> DriveAsync()
        {
            dynamic operation = await ((dynamic)operations).StartAsync((dynamic)request, CancellationToken.None);
            ExportOutcome outcome = await operation.WaitForCompletionAsync(null, new SyncProgress<double>(reported.Add), CancellationToken.None);
            var at = clock.GetUtcNow();
            IReadOnlyList<DownloadedExportFile> downloaded = [];
            if (outcome.IsSuccess)
            {
                downloaded = await operation.DownloadAsync(directory, CancellationToken.None);
            }

            return (outcome, at, downloaded);
        }

        var (outcome, at, downloaded) = await clock.RunAsync(DriveAsync());

        var succeeded = Assert.IsType<ExportOutcome.Succeeded>(outcome);

        // The fake's created exports run 10% and 64% before success (FakeTrackerOptions.CreatedExports): where
        // the generated client reads a progress, it reads those, whatever the sample's own number or spelling.
        if (model.StatusCases.Any(c => c.Kind == ExportCaseKind.InProgress && c.Progress != ProgressEncoding.None))
        {
            Assert.Equal([10.0, 64.0], reported.Where(p => p is > 0 and < 100).Distinct());
        }

        Assert.NotEmpty(succeeded.Files);
        Assert.All(succeeded.Files, f => Assert.True(f.ExpiresAt > at, $"{area}: {f.Link} expired at {f.ExpiresAt:O}, the fake's clock says {at:O}"));
        Assert.Equal(succeeded.Files.Count, downloaded.Count);
        Assert.All(downloaded, d => Assert.True(new FileInfo(d.Path).Length > 0, $"{area}: {d.Source.Link} downloaded empty"));
    }

    /// <summary>The generated request with every required member set to a value the create endpoint's manifest allows.</summary>
    private static object Request(Type type, EquatableArray<RequestPropertyModel> properties)
    {
        var request = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<RequiredMemberAttribute>() is not null || p.IsDefined(typeof(RequiredMemberAttribute))))
        {
            var parameter = properties.First(p => p.PropertyName == property.Name).Parameter;
            property.SetValue(request, Value(property.PropertyType, parameter));
        }

        return request;
    }

    /// <summary>A value of the type for a parameter (or, for a member of an object parameter, null: the type alone decides).</summary>
    private static object Value(Type type, ParameterModel? parameter)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = type.GetGenericArguments()[0];
            var array = Array.CreateInstance(element, 1);
            array.SetValue(Value(element, parameter), 0);
            return array;
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var number = parameter?.Minimum is { } min ? double.Parse(min, CultureInfo.InvariantCulture) : 1;
        return underlying switch
        {
            _ when underlying.IsEnum => Enum.GetValues(underlying).Cast<object>().First(v => v.ToString() != "Unknown"),
            _ when underlying == typeof(string) => parameter is null ? "x" : parameter.Values.Count > 0 ? parameter.Values[0].WireValue : parameter.Default ?? "2026-01-01",
            _ when underlying == typeof(DateOnly) => new DateOnly(2024, 1, 1),
            _ when underlying.IsClass => Nested(underlying),
            _ when underlying == typeof(bool) => true,
            _ when underlying == typeof(double) => number,
            _ => Convert.ChangeType(Math.Ceiling(number), underlying, CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// A generated type of an object parameter (report-file's settings): its required members filled in,
    /// or, for a positional record (a date interval), its constructor called with a value of each type.
    /// One day for every date keeps every documented order and limit.
    /// </summary>
    private static object Nested(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
            return constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType, null)).ToArray());
        }

        var value = Activator.CreateInstance(type)!;
        foreach (var property in type.GetProperties().Where(p => p.IsDefined(typeof(RequiredMemberAttribute))))
        {
            property.SetValue(value, Value(property.PropertyType, null));
        }

        return value;
    }

    private static Type BaseOperations(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ExportOperations<,>))
            {
                return t;
            }
        }

        throw new InvalidOperationException($"{type} is not export operations.");
    }

    /// <summary>The generated export operations, by the area their adapter names.</summary>
    private static Dictionary<string, Type> OperationsTypes(ImmutableArray<SyntaxTree> trees, AssemblyLoadContext context)
    {
        var result = new Dictionary<string, Type>(StringComparer.Ordinal);
        if (!trees.Any(t => t.FilePath.EndsWith("Operations.g.cs", StringComparison.Ordinal)))
        {
            return result;
        }

        var compilation = CSharpCompilation.Create(
            "Conformance" + Guid.NewGuid().ToString("N"), trees, References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        image.Position = 0;
        var assembly = context.LoadFromStream(image);
        foreach (var type in assembly.GetExportedTypes().Where(t => !t.IsAbstract && t.Name.EndsWith("Operations", StringComparison.Ordinal)))
        {
            // The area the adapter names (its Name), read from an instance that never sends anything.
            using var idle = new MyTrackerClient(new MyTrackerClientOptions { BaseAddress = new Uri("http://127.0.0.1:9/"), ApiUserId = "1", SecretKey = "x" });
            var adapter = BaseOperations(type).GetProperty("ExportAdapter")!.GetValue(Activator.CreateInstance(type, idle))!;
            result[(string)adapter.GetType().GetProperty("Name")!.GetValue(adapter)!] = type;
        }

        return result;
    }

    /// <summary>Runs the built generator over the folder as a consumer's build would (one fixture root), and returns its trees and errors.</summary>
    private static (ImmutableArray<SyntaxTree> Trees, IReadOnlyList<Diagnostic> Errors) Generate(Dictionary<string, string> files)
    {
        var root = Path.Combine(Path.GetTempPath(), "conformance-fixtures") + Path.DirectorySeparatorChar;
        var texts = files.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => (AdditionalText)new MemoryText(root + f.Key.Replace('/', Path.DirectorySeparatorChar), f.Value)).ToImmutableArray();
        var generator = (IIncrementalGenerator)Activator.CreateInstance(
            ReadmeCodeBlockTests.GeneratorAssembly.Value.GetType("MyTracker.Client.Generator.FixtureGenerator", throwOnError: true)!)!;
        var driver = CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], texts, ReadmeCodeBlockTests.ParseOptions, new ReadmeCodeBlockTests.Options([root], Namespace));
        var result = driver.RunGenerators(CSharpCompilation.Create("Fixtures", [], References.Value)).GetRunResult();
        return (result.GeneratedTrees, [.. result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)]);
    }

    private sealed class MemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
