namespace MyTracker.Fake;

public sealed partial class ExportBuilder
{
    /// <summary>The faults of this export.</summary>
    public IReadOnlyList<FaultBuilder> Faults { get; private set; } = [];

    /// <summary>Injects a fault into this export's polls or downloads (counted per export).</summary>
    /// <param name="fault">The fault, e.g. <c>Fault.ServerError(503).OnPoll(2)</c>.</param>
    /// <returns>This builder.</returns>
    public ExportBuilder WithFault(FaultBuilder fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        Faults = [.. Faults, fault];
        return this;
    }
}
