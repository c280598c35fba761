namespace MyTracker.Fixtures.Tests.Support;

/// <summary>An environment variable of this test only (a unique name, so parallel tests cannot see each other's), removed on dispose.</summary>
internal sealed class SecretVariable : IDisposable
{
    public SecretVariable(string value)
    {
        Name = "MYTRACKER_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(Name, value);
    }

    public string Name { get; }

    public void Dispose() => Environment.SetEnvironmentVariable(Name, null);
}
