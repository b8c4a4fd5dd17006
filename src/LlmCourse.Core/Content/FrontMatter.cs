using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LlmCourse.Core.Content;

/// <summary>
/// A file's front matter loaded with YamlDotNet's representation model, which keeps each node's position,
/// so that every typed read below can report a wrong value on the file line where the author wrote it.
/// </summary>
internal sealed partial class FrontMatter
{
    private readonly SourceDocument _document;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries;
    private readonly int _firstLine;

    private FrontMatter(SourceDocument document, Dictionary<string, (YamlScalarNode, YamlNode)> entries, int firstLine, bool loaded)
    {
        _document = document;
        _entries = entries;
        _firstLine = firstLine;
        Loaded = loaded;
    }

    /// <summary>False when the YAML could not be read; callers then skip "missing key" errors, which would only be noise.</summary>
    public bool Loaded { get; }

    public static FrontMatter Read(SourceDocument document)
    {
        var entries = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        var text = document.FrontMatterText();
        if (text is null)
        {
            return new FrontMatter(document, entries, 1, loaded: false);
        }

        var (yaml, firstLine) = text.Value;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            document.AddError(ToFileLine(ex.Start.Line, firstLine), "Front matter is not valid YAML: " + YamlMessage(ex));
            return new FrontMatter(document, entries, firstLine, loaded: false);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new FrontMatter(document, entries, firstLine, loaded: true);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            document.AddError(firstLine, "Front matter must be a list of 'key: value' lines.");
            return new FrontMatter(document, entries, firstLine, loaded: false);
        }

        var result = new FrontMatter(document, entries, firstLine, loaded: true);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } scalarKey)
            {
                document.AddError(result.LineOf(keyNode), "Front matter keys must be plain words.");
                continue;
            }

            // YamlDotNet already refuses duplicate keys while loading, so the add cannot collide.
            entries[key] = (scalarKey, value);
        }

        return result;
    }

    /// <summary>File line of a key, or of the front matter's start when the key is absent.</summary>
    public int LineOf(string key) => _entries.TryGetValue(key, out var entry) ? LineOf(entry.Key) : _firstLine - 1;

    public bool Has(string key) => _entries.TryGetValue(key, out var entry) && !IsEmpty(entry.Value);

    /// <summary>Reports every key not in <paramref name="allowed"/>, naming the allowed ones.</summary>
    public void RejectUnknownKeys(IReadOnlyCollection<string> allowed)
    {
        foreach (var (key, entry) in _entries)
        {
            if (!allowed.Contains(key))
            {
                _document.AddError(LineOf(entry.Key), $"Unknown front matter key '{key}'. Allowed keys: {string.Join(", ", allowed)}.");
            }
        }
    }

    public string? String(string key)
    {
        if (!_entries.TryGetValue(key, out var entry) || IsEmpty(entry.Value))
        {
            return null;
        }

        if (entry.Value is YamlScalarNode scalar)
        {
            return scalar.Value?.Trim();
        }

        _document.AddError(LineOf(entry.Value), $"'{key}' must be a single value.");
        return null;
    }

    /// <summary>A string the file must have; reports it missing (when the YAML itself was readable).</summary>
    public string? RequiredString(string key)
    {
        var value = String(key);
        if (value is null && Loaded && !_entries.ContainsKey(key))
        {
            _document.AddError(LineOf(key), $"Front matter lacks the required key '{key}'.");
        }
        else if (value is null && Loaded)
        {
            _document.AddError(LineOf(key), $"'{key}' must not be empty.");
        }

        return value;
    }

    public IReadOnlyList<string> StringList(string key)
    {
        if (!_entries.TryGetValue(key, out var entry) || IsEmpty(entry.Value))
        {
            return [];
        }

        switch (entry.Value)
        {
            case YamlScalarNode scalar:
                return [scalar.Value!.Trim()];
            case YamlSequenceNode sequence:
                var items = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } value } && value.Trim().Length > 0)
                    {
                        items.Add(value.Trim());
                    }
                    else
                    {
                        _document.AddError(LineOf(item), $"Each entry of '{key}' must be a single word or phrase.");
                    }
                }

                return items;
            default:
                _document.AddError(LineOf(entry.Value), $"'{key}' must be a list, like [a, b].");
                return [];
        }
    }

    public bool? Bool(string key)
    {
        var value = String(key);
        if (value is null)
        {
            return null;
        }

        if (bool.TryParse(value, out var result))
        {
            return result;
        }

        _document.AddError(ValueLine(key), $"'{key}' must be true or false, not '{value}'.");
        return null;
    }

    public int? Int(string key)
    {
        var value = String(key);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        _document.AddError(ValueLine(key), $"'{key}' must be a whole number, not '{value}'.");
        return null;
    }

    public double? Number(string key)
    {
        var value = String(key);
        if (value is null)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) && double.IsFinite(result))
        {
            return result;
        }

        _document.AddError(ValueLine(key), $"'{key}' must be a number, not '{value}'.");
        return null;
    }

    /// <summary>An ISO 8601 instant; one without an offset is read as UTC.</summary>
    public DateTimeOffset? Instant(string key)
    {
        var value = String(key);
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var result))
        {
            return result;
        }

        _document.AddError(ValueLine(key), $"'{key}' must be an ISO 8601 instant like 2026-12-01T09:00:00Z, not '{value}'.");
        return null;
    }

    /// <summary>One of a fixed set of words; the error lists them.</summary>
    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> values)
        where T : struct
    {
        var value = String(key);
        if (value is null)
        {
            return null;
        }

        if (values.TryGetValue(value, out var result))
        {
            return result;
        }

        _document.AddError(ValueLine(key), $"'{key}' must be one of {string.Join(", ", values.Keys)}, not '{value}'.");
        return null;
    }

    public int ValueLine(string key) => _entries.TryGetValue(key, out var entry) ? LineOf(entry.Value) : LineOf(key);

    private static bool IsEmpty(YamlNode node) => node is YamlScalarNode { Value: null or "" } scalar && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain;

    private static int ToFileLine(long yamlLine, int firstLine) => (int)Math.Max(1, yamlLine) + firstLine - 1;

    private static string YamlMessage(YamlException ex)
    {
        // YamlDotNet prefixes "(Line: 2, Col: 8, Idx: 20) - (Line: ...): "; we report the line ourselves.
        return PositionPrefix().Replace(ex.Message, "").Trim();
    }

    private int LineOf(YamlNode node) => ToFileLine(node.Start.Line, _firstLine);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
