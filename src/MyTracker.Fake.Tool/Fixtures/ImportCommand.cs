using System.CommandLine;
using System.Globalization;
using MyTracker.Fixtures;

namespace MyTracker.Fake.Tool.Fixtures;

/// <summary><c>fake-tracker fixtures import &lt;page&gt; --out &lt;dir&gt;</c>: a documentation page becomes an endpoint folder.</summary>
internal static class ImportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var page = new Argument<FileInfo>("page") { Description = "The documentation page, saved as text or as HTML." };
        var outDir = new Option<DirectoryInfo>("--out", "-o") { HelpName = "dir", Description = "Fixture root to write <area>/<endpoint>/ into.", Required = true };
        var area = new Option<string?>("--area") { HelpName = "name", Description = "Area folder instead of the one the request path gives (e.g. segment-export)." };
        var endpoint = new Option<string?>("--endpoint") { HelpName = "name", Description = "Endpoint folder instead of the one the request path gives (e.g. get)." };
        var force = new Option<bool>("--force") { Description = "Overwrite files that are already there (otherwise nothing is written)." };

        var command = new Command("import", "Import a documentation page: endpoint.json and every sample verbatim as <status>.<scenario>.json; what the page leaves unclear is written with a note.")
        {
            page, outDir, area, endpoint, force,
        };
        command.SetAction(async (parsed, _) =>
        {
            var file = parsed.GetValue(page)!;
            var root = parsed.GetValue(outDir)!;

            // Checked here, not by a validator: a command line that names a page still to be saved parses.
            if (!file.Exists)
            {
                return await FixturesCommand.FailAsync(error, $"page {file.FullName} does not exist").ConfigureAwait(false);
            }

            try
            {
                var imported = DocumentationImporter.Read(file.FullName, new ImportOptions { Area = parsed.GetValue(area), Endpoint = parsed.GetValue(endpoint) });
                DocumentationImporter.Write(imported, root.FullName, parsed.GetValue(force));
                var shown = Path.Combine(parsed.GetResult(outDir)!.Tokens[0].Value, imported.Area, imported.Endpoint);
                var parameters = imported.Parameters.Count;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"wrote {Path.Combine(shown, "endpoint.json")} ({imported.Method} {imported.Path}, {parameters} parameter{(parameters == 1 ? string.Empty : "s")})")).ConfigureAwait(false);
                foreach (var sample in imported.Samples)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"wrote {Path.Combine(shown, sample.FileName)} (page line {sample.Line})")).ConfigureAwait(false);
                }

                foreach (var info in imported.Info)
                {
                    await output.WriteLineAsync(info).ConfigureAwait(false);
                }

                foreach (var note in imported.Notes)
                {
                    await output.WriteLineAsync("note: " + note).ConfigureAwait(false);
                }

                var samples = imported.Samples.Count();
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Imported {samples} sample{(samples == 1 ? string.Empty : "s")} from {file.Name} into {shown} ({(imported.Notes.Count == 0 ? "no notes" : imported.Notes.Count == 1 ? "1 note, also in endpoint.json" : $"{imported.Notes.Count} notes, also in endpoint.json")})")).ConfigureAwait(false);
                return FakeTrackerApp.ExitOk;
            }
            catch (FixturesException e)
            {
                return await FixturesCommand.FailAsync(error, e.Message).ConfigureAwait(false);
            }
        });
        return command;
    }
}
