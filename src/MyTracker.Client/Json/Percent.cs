using System.Globalization;

namespace MyTracker.Client.Json;

/// <summary>
/// A percentage as the API writes it (<c>"64%"</c>). The number keeps the digits it was written with,
/// so <see cref="ToString"/> gives back exactly the text that was read: <c>"64%"</c> stays
/// <c>"64%"</c> and <c>"64.50%"</c> stays <c>"64.50%"</c>.
/// </summary>
public readonly struct Percent : IEquatable<Percent>, IComparable<Percent>
{
    /// <summary>Creates a percentage; 64 means 64 %.</summary>
    /// <param name="value">The number before the '%' sign.</param>
    public Percent(decimal value) => Value = value;

    /// <summary>The number before the '%' sign (64 for <c>"64%"</c>).</summary>
    public decimal Value { get; }

    /// <summary>The percentage as a fraction of one (0.64 for <c>"64%"</c>).</summary>
    public double Fraction => (double)(Value / 100m);

    /// <summary>Reads text such as <c>"64%"</c> or <c>"12.5%"</c>.</summary>
    /// <param name="text">A number in invariant culture followed by '%'.</param>
    /// <exception cref="FormatException">The text is not a percentage.</exception>
    public static Percent Parse(string text)
        => TryParse(text, out var percent) ? percent : throw new FormatException($"'{text}' is not a percentage such as \"64%\".");

    /// <summary>Reads text such as <c>"64%"</c>; returns false when it is not a percentage.</summary>
    /// <param name="text">The text to read.</param>
    /// <param name="percent">The percentage read.</param>
    public static bool TryParse(string? text, out Percent percent)
    {
        percent = default;
        if (text is null || text.Length < 2 || text[^1] != '%')
        {
            return false;
        }

        if (!decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        percent = new Percent(value);
        return true;
    }

    /// <summary>The percentage as the API writes it, e.g. <c>64%</c>.</summary>
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture) + "%";

    /// <inheritdoc />
    public bool Equals(Percent other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Percent other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Percent other) => Value.CompareTo(other.Value);

    /// <summary>Equal numbers.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(Percent left, Percent right) => left.Equals(right);

    /// <summary>Different numbers.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(Percent left, Percent right) => !left.Equals(right);
}
