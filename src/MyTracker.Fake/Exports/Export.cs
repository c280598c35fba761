namespace MyTracker.Fake;

/// <summary>
/// Static entry points for export setups, in WireMock.Net's style:
/// <c>fake.Given(Export.WithId(42).InProgress(10, 64).ThenSuccess(files: 2, rowsPerFile: 1000))</c>.
/// </summary>
public static class Export
{
    /// <summary>Starts the setup of the export with this id (answered by get.json?idSegmentExport=<paramref name="id"/>).</summary>
    /// <param name="id">The export id, 1 or more.</param>
    /// <returns>A builder; without further calls the export succeeds at once with 2 files of 1,000 rows.</returns>
    public static ExportBuilder WithId(long id)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(id, 1);
        return new ExportBuilder(id);
    }

    /// <summary>
    /// Starts a lifecycle without an id: the template for exports that create.json starts
    /// (see <see cref="FakeTrackerOptions.CreatedExports"/>).
    /// </summary>
    /// <returns>A builder; without further calls the export succeeds at once with 2 files of 1,000 rows.</returns>
    public static ExportBuilder Create() => new(null);
}
