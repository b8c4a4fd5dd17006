using System.Text;
using System.Text.Json;

namespace LlmCourse.Core.Quizzes;

/// <summary>What a learner answered to one question. One subtype per answer shape.</summary>
public abstract record QuestionResponse
{
    /// <summary>True when the learner gave nothing (no pick, blank text), which grades as unanswered.</summary>
    public abstract bool IsEmpty { get; }
}

/// <summary>Single choice, true/false and multiple answers: the ids of the picked choices.</summary>
public sealed record ChoiceResponse(IReadOnlyList<string> ChoiceIds) : QuestionResponse
{
    public override bool IsEmpty => ChoiceIds.Count == 0;
}

/// <summary>Short text: what the learner typed, as typed.</summary>
public sealed record TextResponse(string Text) : QuestionResponse
{
    public override bool IsEmpty => string.IsNullOrWhiteSpace(Text);
}

/// <summary>Numeric: the input as typed, so the parsing rule is applied again at review and regrade.</summary>
public sealed record NumericResponse(string Input) : QuestionResponse
{
    public override bool IsEmpty => string.IsNullOrWhiteSpace(Input);
}

/// <summary>Matching: for each left item id, the id of the right-hand option picked (see <see cref="QuizIds"/>).</summary>
public sealed record MatchingResponse(IReadOnlyDictionary<string, string> Picks) : QuestionResponse
{
    public override bool IsEmpty => Picks.Count == 0;
}

/// <summary>Ordering: the item ids in the order the learner put them (see <see cref="QuizIds"/>).</summary>
public sealed record OrderingResponse(IReadOnlyList<string> ItemIds) : QuestionResponse
{
    public override bool IsEmpty => ItemIds.Count == 0;
}

/// <summary>
/// Compact JSON for storing responses: <c>{"c":[ids]}</c>, <c>{"t":"text"}</c>, <c>{"n":"input"}</c>,
/// <c>{"m":{"left":"right"}}</c>, <c>{"o":[ids]}</c>; a whole attempt is an object keyed by question id.
/// </summary>
public static class ResponseCodec
{
    /// <summary>One response as compact JSON.</summary>
    public static string Serialize(QuestionResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            Write(writer, response);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The response stored in <paramref name="json"/>, or null when it is not a valid stored response.</summary>
    public static QuestionResponse? Deserialize(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return FromJson(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The response an already parsed JSON value holds (as a request body's member), or null when it holds none.</summary>
    public static QuestionResponse? FromJson(JsonElement element)
    {
        try
        {
            return Read(element);
        }
        catch (InvalidOperationException)
        {
            // A string escapes a lone surrogate ("\ud800"), which .NET will not read.
            return null;
        }
    }

    /// <summary>All responses of an attempt, keyed by question id, as one compact JSON object.</summary>
    public static string SerializeAttempt(IReadOnlyDictionary<string, QuestionResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (questionId, response) in responses.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(questionId);
                Write(writer, response);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The responses stored by <see cref="SerializeAttempt"/>. Entries that cannot be read are dropped
    /// (they grade as unanswered) rather than losing the whole attempt.
    /// </summary>
    public static IReadOnlyDictionary<string, QuestionResponse> DeserializeAttempt(string? json)
    {
        var result = new Dictionary<string, QuestionResponse>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return result;
            }

            foreach (var property in doc.RootElement.EnumerateObject())
            {
                if (FromJson(property.Value) is { } response)
                {
                    result[property.Name] = response;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Corrupt storage: nothing readable, the attempt grades as unanswered.
        }

        return result;
    }

    private static void Write(Utf8JsonWriter writer, QuestionResponse response)
    {
        writer.WriteStartObject();
        switch (response)
        {
            case ChoiceResponse c:
                WriteArray(writer, "c", c.ChoiceIds);
                break;
            case TextResponse t:
                writer.WriteString("t", t.Text);
                break;
            case NumericResponse n:
                writer.WriteString("n", n.Input);
                break;
            case MatchingResponse m:
                writer.WriteStartObject("m");
                foreach (var (left, right) in m.Picks.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    writer.WriteString(left, right);
                }

                writer.WriteEndObject();
                break;
            case OrderingResponse o:
                WriteArray(writer, "o", o.ItemIds);
                break;
            default:
                throw new ArgumentException($"Unknown response type {response.GetType().Name}.", nameof(response));
        }

        writer.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static QuestionResponse? Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var properties = element.EnumerateObject().ToList();
        if (properties.Count != 1)
        {
            return null;
        }

        var value = properties[0].Value;
        return properties[0].Name switch
        {
            "c" => ReadStrings(value) is { } ids ? new ChoiceResponse(ids) : null,
            "t" when value.ValueKind == JsonValueKind.String => new TextResponse(value.GetString()!),
            "n" when value.ValueKind == JsonValueKind.String => new NumericResponse(value.GetString()!),
            "m" => ReadPicks(value) is { } picks ? new MatchingResponse(picks) : null,
            "o" => ReadStrings(value) is { } items ? new OrderingResponse(items) : null,
            _ => null,
        };
    }

    private static List<string>? ReadStrings(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            list.Add(item.GetString()!);
        }

        return list;
    }

    private static Dictionary<string, string>? ReadPicks(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var picks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            picks[property.Name] = property.Value.GetString()!;
        }

        return picks;
    }
}
