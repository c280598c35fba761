using System.Diagnostics.CodeAnalysis;

namespace MyTracker.Fake;

/// <summary>
/// A small lossy intern table: equal strings seen again get the first instance back, so a long-lived
/// record keeps one shared string instead of a fresh one per request. A collision just replaces the
/// slot (the caller then keeps its own instance); races are benign because reference writes are atomic.
/// </summary>
internal sealed class StringCache
{
    private const int Slots = 256;
    private readonly string?[] _slots = new string?[Slots];

    [return: NotNullIfNotNull(nameof(value))]
    public string? Intern(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var slot = (value.GetHashCode() & int.MaxValue) % Slots;
        var known = Volatile.Read(ref _slots[slot]);
        if (known is not null && string.Equals(known, value, StringComparison.Ordinal))
        {
            return known;
        }

        Volatile.Write(ref _slots[slot], value);
        return value;
    }
}
