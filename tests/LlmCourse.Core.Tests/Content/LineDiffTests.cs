using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class LineDiffTests
{
    [Theory]
    [InlineData("", "", "")]
    [InlineData("a\nb\nc\n", "a\nb\nc\n", "=a =b =c")]
    [InlineData("a\nb\nc\n", "a\nc\n", "=a -b =c")]
    [InlineData("a\nc\n", "a\nb\nc\n", "=a +b =c")]
    [InlineData("a\nb\n", "a\nx\n", "=a -b +x")]
    [InlineData("", "x\ny", "+x +y")]
    [InlineData("x\ny\n", "", "-x -y")]
    [InlineData("a\nb\nc\nd\n", "b\na\nc\nd\n", "-a =b +a =c =d")]
    [InlineData("a\r\nb\r\n", "a\nb\n", "=a =b")]
    public void Compute_Cases_GiveMinimalScript(string before, string after, string expected)
    {
        var diff = LineDiff.Compute(before, after);
        var script = string.Join(" ", diff.Select(d => (d.Kind switch { DiffKind.Same => "=", DiffKind.Added => "+", _ => "-" }) + d.Text));
        Assert.Equal(expected, script);
    }

    [Fact]
    public void Compute_LineNumbers_FollowBothTexts()
    {
        var diff = LineDiff.Compute("a\nb\nc\n", "a\nx\nc\n");
        Assert.Equal(
            [new DiffLine(DiffKind.Same, 1, 1, "a"), new DiffLine(DiffKind.Removed, 2, null, "b"), new DiffLine(DiffKind.Added, null, 2, "x"), new DiffLine(DiffKind.Same, 3, 3, "c")],
            diff);
    }

    [Fact]
    public void Compute_RandomEdits_ReplayToTheNewText()
    {
        var random = new Random(42);
        for (var round = 0; round < 50; round++)
        {
            var a = Enumerable.Range(0, random.Next(0, 30)).Select(_ => ((char)('a' + random.Next(4))).ToString()).ToList();
            var b = Enumerable.Range(0, random.Next(0, 30)).Select(_ => ((char)('a' + random.Next(4))).ToString()).ToList();
            var diff = LineDiff.Compute(string.Join('\n', a), string.Join('\n', b));
            Assert.Equal(a, diff.Where(d => d.Kind != DiffKind.Added).Select(d => d.Text));
            Assert.Equal(b, diff.Where(d => d.Kind != DiffKind.Removed).Select(d => d.Text));
            Assert.Equal(Lcs(a, b), diff.Count(d => d.Kind == DiffKind.Same));
        }
    }

    // A direct LCS length, so the diff is checked to be minimal (it keeps as many lines as possible).
    private static int Lcs(List<string> a, List<string> b)
    {
        var t = new int[a.Count + 1, b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                t[i, j] = a[i - 1] == b[j - 1] ? t[i - 1, j - 1] + 1 : Math.Max(t[i - 1, j], t[i, j - 1]);
            }
        }

        return t[a.Count, b.Count];
    }
}
