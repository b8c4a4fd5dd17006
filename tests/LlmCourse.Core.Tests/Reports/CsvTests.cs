using System.Text;
using LlmCourse.Core.Reports;

namespace LlmCourse.Core.Tests.Reports;

public sealed class CsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("\tx", "'\tx")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("+4", "+4")]
    public void Field_QuotesPerRfc4180_AndDisarmsFormulas(string value, string expected) =>
        Assert.Equal(expected, Csv.Field(value));

    [Fact]
    public void AppendRow_JoinsFieldsAndEndsWithCrLf()
    {
        var csv = new StringBuilder().AppendRow(["a", "b,c", ""]).AppendRow(["=x"]).ToString();
        Assert.Equal("a,\"b,c\",\r\n'=x\r\n", csv);
    }

    [Fact]
    public void ToUtf8WithBom_StartsWithTheByteOrderMark()
    {
        var bytes = Csv.ToUtf8WithBom("é");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF, 0xC3, 0xA9 }, bytes);
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(2.0 / 3, "0.6667")]
    [InlineData(90, "90")]
    public void Number_IsInvariantWithAtMostFourDecimals(double value, string expected) =>
        Assert.Equal(expected, Csv.Number(value));
}
