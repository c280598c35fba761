using System.Collections.Generic;
using System.Linq;

namespace MyTracker.Fixtures.Model;

// Typed paths: where a fact sits in a sample, addressed by JSON names, with what the generated
// classes say about each step (its property and whether its value may be null). Emitters project a
// path into C# (MyTracker.Client.Generator's CSharp.Access); nothing here is C# text, so a renamed
// property or a changed nullability reaches every reader of the path through the compiler.

/// <summary>One property step of a <see cref="PropertyPath"/>.</summary>
/// <param name="JsonName">The member's JSON name as written in the samples.</param>
/// <param name="PropertyName">The generated property that reads it (for a discriminator's text, its companion <c>...Text</c> property).</param>
/// <param name="Nullable">Whether the property's type may be null, so reading on needs a null check.</param>
public sealed record PropertyStep(string JsonName, string PropertyName, bool Nullable);

/// <summary>A path of object members from a response's root (or from a file item), e.g. <c>data.result.files</c>.</summary>
/// <param name="Steps">The members, outermost first; never empty.</param>
public sealed record PropertyPath(EquatableArray<PropertyStep> Steps)
{
    /// <summary>The path in JSON names joined by '.', as messages and the fake address it (<c>data.files</c>).</summary>
    public string JsonPath => string.Join(".", Steps.Select(s => s.JsonName));

    /// <summary>Whether the value at the end may be null: some step's type is nullable.</summary>
    public bool MayBeNull => AnyNullableFrom(0);

    /// <summary>Whether a step at <paramref name="index"/> or after is nullable (a loop: recognition asks for every field).</summary>
    public bool AnyNullableFrom(int index)
    {
        for (var i = index; i < Steps.Count; i++)
        {
            if (Steps[i].Nullable)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The last step.</summary>
    public PropertyStep Last => Steps[Steps.Count - 1];

    /// <summary>A path of the given steps.</summary>
    public static PropertyPath Of(IEnumerable<PropertyStep> steps) => new(steps.ToEquatableArray());

    /// <summary>This path followed by one more step.</summary>
    public PropertyPath Then(PropertyStep step)
    {
        var steps = new PropertyStep[Steps.Count + 1];
        for (var i = 0; i < Steps.Count; i++)
        {
            steps[i] = Steps[i];
        }

        steps[Steps.Count] = step;
        return new PropertyPath(new EquatableArray<PropertyStep>(steps));
    }

    /// <summary>The path of a member of the root.</summary>
    public static PropertyPath Root(PropertyStep step) => new(new EquatableArray<PropertyStep>(new[] { step }));

    /// <summary>Whether this path begins with every step of <paramref name="prefix"/>.</summary>
    public bool StartsWith(PropertyPath prefix) => prefix.Steps.Count <= Steps.Count && prefix.Steps.Select((s, i) => s.Equals(Steps[i])).All(x => x);
}
