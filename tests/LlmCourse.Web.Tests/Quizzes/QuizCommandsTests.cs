using LlmCourse.Web.Cli;

namespace LlmCourse.Web.Tests.Quizzes;

public sealed class QuizCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("llmcourse-gift-").FullName;

    [Fact]
    public async Task ImportGift_ValidFile_WritesQuizMarkdown()
    {
        var file = Path.Combine(_dir, "q.gift");
        await File.WriteAllTextAsync(file, "::Prime:: Which number is prime? { =Seven ~Four }\n");
        var (code, output, error) = await RunAsync("quizzes", "import-gift", file, "--title", "Imported quiz");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("kind: quiz", output);
        Assert.Contains("Imported quiz", output);
        Assert.Contains("- [x] Seven", output);
    }

    [Fact]
    public async Task ImportGift_BrokenFile_ReportsLineAndExits1()
    {
        var file = Path.Combine(_dir, "bad.gift");
        await File.WriteAllTextAsync(file, "// fine\n\n::Broken:: What? { =Yes ~No \n");
        var (code, output, error) = await RunAsync("quizzes", "import-gift", file, "--title", "T");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Matches(@"bad\.gift:\d+: ", error);
    }

    [Theory]
    [InlineData("quizzes")]
    [InlineData("quizzes", "import-gift")]
    [InlineData("quizzes", "export")]
    public async Task Usage_WrongArguments_Exits2(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(2, code);
        Assert.Contains("import-gift", error);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await QuizCommands.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
