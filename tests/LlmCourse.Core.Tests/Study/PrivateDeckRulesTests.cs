using LlmCourse.Core.Study;

namespace LlmCourse.Core.Tests.Study;

public sealed class PrivateDeckRulesTests
{
    [Theory]
    [InlineData("  Mitochondria  ", "Mitochondria")]
    [InlineData("two\tparts\r\nand  lines", "two parts and lines")]
    [InlineData(" \n\t ", "")]
    [InlineData(null, "")]
    public void Normalize_WhiteSpaceRuns_BecomeOneSpaceOnOneLine(string? text, string expected) =>
        Assert.Equal(expected, PrivateDeckRules.Normalize(text));

    [Theory]
    [InlineData("", "Back", "The front is empty")]
    [InlineData("Front", "", "The back is empty")]
    [InlineData("existing", "Back", "already has a card 'existing'")]
    [InlineData("301", "Back", "at most 300 characters (301 given)")]
    [InlineData("Front", "2001", "at most 2000 characters (2001 given)")]
    public void CardProblems_BadCard_IsNamed(string front, string back, string expected)
    {
        static string Expand(string text) => int.TryParse(text, out var n) ? new string('x', n) : text;
        var problems = PrivateDeckRules.CardProblems(Expand(front), Expand(back), ["Existing"]);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void CardProblems_FullLengthDistinctCard_HasNone() =>
        Assert.Empty(PrivateDeckRules.CardProblems(new string('f', PrivateDeckRules.MaxFrontLength), new string('b', PrivateDeckRules.MaxBackLength), ["Other"]));

    [Theory]
    [InlineData(499, 1, false)]
    [InlineData(500, 0, false)]
    [InlineData(500, 1, true)]
    [InlineData(0, 501, true)]
    public void CountProblem_OverMaxCards_IsReported(int existing, int adding, bool problem) =>
        Assert.Equal(problem, PrivateDeckRules.CountProblem(existing, adding) is not null);

    [Theory]
    [InlineData("", true)]
    [InlineData("A title", false)]
    [InlineData("100", false)]
    [InlineData("101", true)]
    public void TitleProblem_EmptyOrTooLong_IsReported(string title, bool problem)
    {
        var text = int.TryParse(title, out var n) ? new string('t', n) : title;
        Assert.Equal(problem, PrivateDeckRules.TitleProblem(text) is not null);
    }
}
