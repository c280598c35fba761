using System.Collections.Generic;
using MyTracker.Fixtures.Model;

namespace MyTracker.Fixtures.Model.Requests;

/// <summary>The decoded query parameters of one object parameter as a tree, as PHP-style bracket notation reads them.</summary>
public static partial class NestedParameterCheck
{
    private sealed class Node
    {
        public string? Value;
        public List<string>? Appended;
        public List<KeyValuePair<string, Node>>? Children;

        public Node? Child(string key)
        {
            if (Children is null)
            {
                return null;
            }

            foreach (var child in Children)
            {
                if (child.Key == key)
                {
                    return child.Value;
                }
            }

            return null;
        }
    }

    /// <summary>Places one <c>name[a][b][]=value</c> in the tree; false when the name is not bracket notation or clashes with another.</summary>
    private static bool Insert(Node root, string parameter, string name, string value)
    {
        var segments = new List<string>();
        var at = parameter.Length;
        while (at < name.Length)
        {
            if (name[at] != '[')
            {
                return false;
            }

            var close = name.IndexOf(']', at);
            if (close < 0)
            {
                return false;
            }

            segments.Add(name.Substring(at + 1, close - at - 1));
            at = close + 1;
        }

        var node = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0)
            {
                // name[]=value: only as the last segment, on a node that holds nothing else.
                if (i != segments.Count - 1 || node.Value is not null || node.Children is not null)
                {
                    return false;
                }

                (node.Appended ??= new List<string>()).Add(value);
                return true;
            }

            if (node.Value is not null || node.Appended is not null)
            {
                return false;
            }

            var child = node.Child(segment);
            if (child is null)
            {
                child = new Node();
                (node.Children ??= new List<KeyValuePair<string, Node>>()).Add(new KeyValuePair<string, Node>(segment, child));
            }

            node = child;
        }

        if (node.Value is not null || node.Appended is not null || node.Children is not null)
        {
            return false; // repeated, or a value where members are
        }

        node.Value = value;
        return true;
    }
}
