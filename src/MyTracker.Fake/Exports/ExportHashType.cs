namespace MyTracker.Fake;

/// <summary>Hashing of identifiers in the exported files (<c>hashType</c> of create.json).</summary>
public enum ExportHashType
{
    /// <summary><c>0</c>: identifiers as they are.</summary>
    None = 0,

    /// <summary><c>1</c>: lower-case hex MD5 of each identifier.</summary>
    Md5 = 1,

    /// <summary><c>2</c>: lower-case hex SHA-256 of each identifier.</summary>
    Sha256 = 2,
}
