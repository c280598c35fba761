namespace MyTracker.Fake;

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
