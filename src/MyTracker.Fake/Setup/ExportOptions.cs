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

/// <summary>Letter case of gaid, idfa and oaid in the exported files (<c>registerType</c> of create.json).</summary>
public enum ExportRegisterType
{
    /// <summary><c>0</c>: keep the stored case (gaid and oaid lower, idfa upper).</summary>
    Keep = 0,

    /// <summary><c>1</c>: the case the device reported (the fake stores it unchanged, so as <see cref="Keep"/>).</summary>
    Original = 1,

    /// <summary><c>2</c>: lower case.</summary>
    Lower = 2,

    /// <summary><c>3</c>: upper case.</summary>
    Upper = 3,
}
