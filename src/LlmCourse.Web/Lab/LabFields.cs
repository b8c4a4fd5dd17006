using System.Globalization;

namespace LlmCourse.Web.Lab;

/// <summary>
/// Reads the tools' raw query values into numbers and collects one message per bad field. Inputs arrive as
/// strings (from the pages' GET forms and the API alike) so that "abc" in a number field is a message for
/// the learner, not a model-binding failure; keys are the query parameter names the API documents.
/// </summary>
public sealed class LabFields
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    /// <summary>Field name → messages, the shape of <c>ValidationProblem</c>'s <c>errors</c>.</summary>
    public IDictionary<string, string[]> Errors => _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    public string? ErrorFor(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    /// <summary>
    /// One entry per non-blank line of a text area: checked for total length, at least one line and at most
    /// <paramref name="maxLines"/> (<paramref name="entry"/> names a line in the messages, "text" or "label").
    /// </summary>
    public IReadOnlyList<string> LinesOf(string field, string label, string[]? raw, int maxLength, int maxLines, string entry)
    {
        var length = (raw ?? []).Sum(v => v?.Length ?? 0);
        if (length > maxLength)
        {
            Add(field, $"{label} are too long: at most {maxLength:N0} characters (got {length:N0}).");
            return [];
        }

        var lines = Lines(raw);
        if (lines.Count == 0)
        {
            Add(field, $"{label} are empty: write one {entry} per line.");
        }
        else if (lines.Count > maxLines)
        {
            Add(field, $"{label} have {lines.Count} lines; at most {maxLines} are allowed.");
        }

        return lines;
    }

    /// <summary>A number between <paramref name="min"/> and <paramref name="max"/>; blank means <paramref name="fallback"/>.</summary>
    public double Number(string field, string label, string? raw, double fallback, double min, double max)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Add(field, $"{label} must be a number (got \"{Shorten(raw)}\").");
            return fallback;
        }

        if (value < min || value > max)
        {
            Add(field, $"{label} must be between {Format(min)} and {Format(max)} (got {Format(value)}).");
            return fallback;
        }

        return value;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>; blank means <paramref name="fallback"/>.</summary>
    public int Integer(string field, string label, string? raw, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!long.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            Add(field, $"{label} must be a whole number (got \"{Shorten(raw)}\").");
            return fallback;
        }

        if (value < min || value > max)
        {
            Add(field, $"{label} must be between {Format(min)} and {Format(max)} (got {Format(value)}).");
            return fallback;
        }

        return (int)value;
    }

    /// <summary>A money amount (decimal, so cost arithmetic stays exact) between 0 and <paramref name="max"/>.</summary>
    public decimal Money(string field, string label, string? raw, decimal fallback, decimal max)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        if (!decimal.TryParse(raw.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            Add(field, $"{label} must be an amount such as 0.0015 (got \"{Shorten(raw)}\").");
            return fallback;
        }

        if (value < 0 || value > max)
        {
            Add(field, $"{label} must be between 0 and {max.ToString(CultureInfo.InvariantCulture)} (got {value.ToString(CultureInfo.InvariantCulture)}).");
            return fallback;
        }

        return value;
    }

    /// <summary>Text no longer than <paramref name="maxLength"/> characters; blank means <paramref name="fallback"/>.</summary>
    public string Text(string field, string label, string? raw, string fallback, int maxLength, bool required = false)
    {
        var value = raw ?? fallback;
        if (value.Length > maxLength)
        {
            Add(field, $"{label} is too long: at most {maxLength:N0} characters (got {value.Length:N0}).");
            return value[..maxLength];
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{label} is empty.");
        }

        return value;
    }

    /// <summary>A checkbox: "true", "on" or "1" is checked, blank or "false" is not.</summary>
    public bool Flag(string field, string label, string? raw, bool fallback)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return fallback;
        }

        switch (raw.Trim().ToLowerInvariant())
        {
            case "true" or "on" or "1" or "yes":
                return true;
            case "false" or "off" or "0" or "no":
                return false;
            default:
                Add(field, $"{label} must be true or false (got \"{Shorten(raw)}\").");
                return fallback;
        }
    }

    /// <summary>Non-empty lines of the given values (each value may hold several lines), trimmed.</summary>
    public static IReadOnlyList<string> Lines(IEnumerable<string?>? values) =>
        (values ?? []).SelectMany(v => (v ?? "").Split('\n')).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    internal static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    internal static string Shorten(string raw) => raw.Length <= 30 ? raw : raw[..30] + "…";
}
