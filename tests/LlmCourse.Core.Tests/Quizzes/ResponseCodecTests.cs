using LlmCourse.Core.Quizzes;

namespace LlmCourse.Core.Tests.Quizzes;

public sealed class ResponseCodecTests
{
    public static TheoryData<QuestionResponse, string> Cases => new()
    {
        { new ChoiceResponse(["a1", "b2"]), """{"c":["a1","b2"]}""" },
        { new TextResponse("Supervised \"fine\" tuning"), """{"t":"Supervised \u0022fine\u0022 tuning"}""" },
        { new NumericResponse("3,14"), """{"n":"3,14"}""" },
        { new MatchingResponse(new Dictionary<string, string> { ["l2"] = "r1", ["l1"] = "r2" }), """{"m":{"l1":"r2","l2":"r1"}}""" },
        { new OrderingResponse(["x", "y", "z"]), """{"o":["x","y","z"]}""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Serialize_EachShape_CompactJsonThatRoundTrips(QuestionResponse response, string json)
    {
        var serialized = ResponseCodec.Serialize(response);
        var back = ResponseCodec.Deserialize(serialized);

        Assert.Equal(json, serialized);
        Assert.NotNull(back);
        Assert.Equal(response.GetType(), back.GetType());
        Assert.Equal(serialized, ResponseCodec.Serialize(back));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"x":"?"}""")]
    [InlineData("""{"c":[1,2]}""")]
    [InlineData("""{"t":"a","n":"1"}""")]
    [InlineData("""{"m":{"l":3}}""")]
    public void Deserialize_Invalid_Null(string? json) => Assert.Null(ResponseCodec.Deserialize(json));

    [Fact]
    public void SerializeAttempt_Responses_RoundTripsAndDropsBadEntries()
    {
        var responses = new Dictionary<string, QuestionResponse>
        {
            ["q2"] = new TextResponse("hello"),
            ["q1"] = new ChoiceResponse(["c"]),
        };

        var json = ResponseCodec.SerializeAttempt(responses);
        var back = ResponseCodec.DeserializeAttempt(json.Replace("}}", "},\"q3\":{\"zz\":1}}", StringComparison.Ordinal));

        Assert.Equal("""{"q1":{"c":["c"]},"q2":{"t":"hello"}}""", json);
        Assert.Equal(2, back.Count);
        Assert.Equal("hello", Assert.IsType<TextResponse>(back["q2"]).Text);
        Assert.Equal(["c"], Assert.IsType<ChoiceResponse>(back["q1"]).ChoiceIds);
    }

    [Fact]
    public void DeserializeAttempt_Corrupt_Empty() => Assert.Empty(ResponseCodec.DeserializeAttempt("{\"q1\":"));

    [Theory]
    [InlineData("""{"c":["a1","b2"]}""")]
    [InlineData("""{"t":"text"}""")]
    [InlineData("""{"m":{"l1":"r2"}}""")]
    [InlineData("""{"o":[]}""")]
    [InlineData("""{"t":1}""")]
    [InlineData("""{"c":["a"],"t":"two shapes"}""")]
    [InlineData("""["c"]""")]
    [InlineData("""{"t":"\ud800"}""")]
    public void FromJson_ParsedValue_ReadsAsTheTextWould(string json)
    {
        // The API reads answers from the body it parsed once; it must agree with reading the text.
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(ResponseCodec.Deserialize(json) is { } text ? ResponseCodec.Serialize(text) : null, ResponseCodec.FromJson(doc.RootElement) is { } element ? ResponseCodec.Serialize(element) : null);
    }

    [Fact]
    public void FromJson_LoneSurrogate_IsNoResponse()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""{"t":"\ud800"}""");
        Assert.Null(ResponseCodec.FromJson(doc.RootElement));
    }
}
