using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Folders;

/// <summary>
/// A fixture folder read the way a build reads it: every <c>*.json</c> below the root (the generator's
/// default glob) through <see cref="FixtureModels"/>, so types, scenarios and discriminators are the
/// generated client's own.
/// </summary>
internal sealed class FixtureFolder
{
    private FixtureFolder(string root, IReadOnlyDictionary<string, string> files, FixtureModelSet models)
    {
        Root = root;
        Files = files;
        Models = models;
    }

    /// <summary>The folder, as a full path.</summary>
    public string Root { get; }

    /// <summary>Every JSON file: its path below the root ('/' separators) and its text.</summary>
    public IReadOnlyDictionary<string, string> Files { get; }

    /// <summary>What the generator makes of the files.</summary>
    public FixtureModelSet Models { get; }

    /// <summary>Reads a folder; a missing folder or one whose fixtures the generator rejects is a <see cref="FixturesException"/>.</summary>
    /// <param name="directory">The fixture root.</param>
    /// <param name="allowEmpty">Whether a missing or empty folder is fine (a recording that starts from nothing).</param>
    public static FixtureFolder Load(string directory, bool allowEmpty = false)
    {
        var root = Path.GetFullPath(directory);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            if (!allowEmpty)
            {
                throw new FixturesException($"fixture folder {root} does not exist");
            }
        }
        else
        {
            try
            {
                foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories))
                {
                    files[Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/')] = File.ReadAllText(file);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new FixturesException($"fixture folder {root}: {e.Message}", e);
            }
        }

        var models = FixtureModels.Read(root, files);
        var error = models.Diagnostics.FirstOrDefault(FixtureModels.IsError);
        if (error is not null)
        {
            throw new FixturesException(FixtureModels.Format(error).ReplaceLineEndings(" "));
        }

        if (!allowEmpty && !models.Models.Any())
        {
            throw new FixturesException($"fixture folder {root} has no endpoint (expected <area>/<endpoint>/endpoint.json and samples)");
        }

        return new FixtureFolder(root, files, models);
    }
}
