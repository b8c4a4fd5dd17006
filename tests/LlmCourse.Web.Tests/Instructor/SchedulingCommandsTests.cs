using LlmCourse.Web.Cli;
using LlmCourse.Web.Data;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>The operators' <c>fsrs optimize</c> command: the same run as the instructor page, carried out in the process.</summary>
public sealed class SchedulingCommandsTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    [Fact]
    public async Task Optimize_DeckWithoutReviews_RecordsRunKeepsDefaultsAndReportsWhy()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await SchedulingCommands.RunAsync(factory.Services, ["fsrs", "optimize", "--scope", "7/flashcards"], output, error);

        Assert.Equal(0, code);
        Assert.Contains("Reviews: 0", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Not adopted", output.ToString(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var run = await db.FsrsOptimizationRuns.OrderByDescending(r => r.Id).FirstAsync(r => r.Scope == "7/flashcards");
        Assert.Equal("command line", run.RequestedBy);
        Assert.Equal("NotEnoughData", run.Outcome);
        Assert.Null(run.ActiveScope);
        Assert.False(await db.FsrsWeightSets.AnyAsync(w => w.Scope == "7/flashcards"));
    }

    [Theory]
    [InlineData(new[] { "fsrs", "optimize", "--scope", "99/none" }, 1)]
    [InlineData(new[] { "fsrs", "optimize", "--scope" }, 2)]
    [InlineData(new[] { "fsrs", "fit" }, 2)]
    public async Task Optimize_BadArguments_FailsWithMessageAndStartsNothing(string[] args, int expected)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = await db.FsrsOptimizationRuns.CountAsync();
        var error = new StringWriter();

        var code = await SchedulingCommands.RunAsync(factory.Services, args, TextWriter.Null, error);

        Assert.Equal(expected, code);
        Assert.NotEmpty(error.ToString());
        Assert.Equal(before, await db.FsrsOptimizationRuns.CountAsync());
    }
}
