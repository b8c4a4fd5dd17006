using LlmCourse.Core.Content;
using LlmCourse.Web.Components.Instructor;
using LlmCourse.Web.Instructor;
using LlmCourse.Web.Quizzes;

namespace LlmCourse.Components.Tests.Instructor;

public sealed class GradebookTableTests : BunitContext
{
    private static readonly Quiz Check = Quiz("check", "Week check");
    private static readonly Week Week7 = new(7, "Fine-tuning", "", "", true, null, [Check], "weeks/07/week.md");
    private static readonly GradebookColumn Column = new(Week7, Check);
    private static readonly EnrolledLearner Ada = new("u1", "ada@example.com", "Ada", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void GradebookTable_EmptyClass_SaysNoLearnersMatchWithoutATable()
    {
        var cut = RenderTable([], [Column]);

        cut.MarkupMatches("""<p class="gradebook-empty">No learners match.</p>""");
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void GradebookTable_OverriddenGrade_ShowsPercentMarkerWithReasonAndTheOverrideLinkFromTheBuilder()
    {
        var over = new LearnerGradeOverride("u1", 7, "check", 0.9, "Marked on paper", "teacher@example.com", DateTimeOffset.UnixEpoch);
        var row = new GradebookRow(Ada, [0.9], [1], 3, 4) { Overrides = [over] };

        var cut = RenderTable([row], [Column]);

        cut.Find("td.grade").MarkupMatches("""
            <td class="grade" data-column="w7:check">90%
              <br><small class="meta grade-overridden" title="Marked on paper">overridden: Marked on paper</small>
              <br><a class="grade-override-link" href="/override/u1/7/check"><small>override<span class="visually-hidden"> Week check for ada@example.com</span></small></a>
            </td>
            """);
        Assert.Equal("90%", cut.Find("td.average").TextContent);
        Assert.Equal("3 of 4", cut.Find("td.items").TextContent);
    }

    [Fact]
    public void GradebookTable_MissingAttempt_SaysNotTakenAndCountsZeroInTheAverage()
    {
        var row = new GradebookRow(Ada, [null, 0.5], [0, 2], 0, 4);
        var second = new GradebookColumn(Week7, Quiz("final", "Final"));

        var cut = RenderTable([row], [Column, second]);

        var cells = cut.FindAll("td.grade");
        Assert.StartsWith("not taken", cells[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("50%", cells[1].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".grade-overridden"));
        Assert.Equal("25%", cut.Find("td.average").TextContent);
    }

    [Fact]
    public void GradebookTable_AttemptsWaitingForGrading_SayNeedsGradingAndAreLeftOutOfTheAverage()
    {
        var waiting = new GradebookRow(Ada, [null], [1], 0, 4, [1]);
        var gradedWithAnotherWaiting = new GradebookRow(Ada with { Id = "u2", Email = "bo@example.com", Name = "Bo" }, [0.4], [2], 0, 4, [1]);
        var ungraded = new GradebookRow(Ada with { Id = "u3", Email = "cy@example.com", Name = "Cy" }, [null], [1], 0, 4);

        var cut = RenderTable([waiting, gradedWithAnotherWaiting, ungraded], [Column]);

        var cells = cut.FindAll("td.grade");
        Assert.StartsWith("needs grading", cells[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("—", cut.FindAll("td.average")[0].TextContent);
        Assert.Equal("another attempt needs grading", cells[1].QuerySelector("small.meta")!.TextContent);
        Assert.StartsWith("—", cells[2].TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void GradebookTable_SortedByAQuizDescending_OnlyThatHeaderHasAriaSortAndArrow()
    {
        var row = new GradebookRow(Ada, [1.0], [1], 1, 1);

        var cut = RenderTable([row], [Column], sortKey: "w7:check", descending: true);

        var headers = cut.FindAll("thead th[scope=col]");
        Assert.Equal(["none", "none", "descending", "none", "none"], headers.Select(h => h.GetAttribute("aria-sort")));
        cut.Find("th[data-column]").MarkupMatches("""
            <th scope="col" aria-sort="descending" data-column="w7:check">
              <a href="?sort=w7:check">Week check ↓</a>
              <br><small class="meta">week 7 · <a href="/instructor/quizzes/7/check">statistics<span class="visually-hidden"> for Week check</span></a></small>
            </th>
            """);
        Assert.Equal("?sort=name", headers[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("Learner", headers[0].TextContent);
        Assert.Equal("Ada", cut.Find("tbody th[scope=row]").TextContent);
        Assert.Equal("Grades by learner. Column headers sort the table.", cut.Find("caption.visually-hidden").TextContent);
        Assert.Equal("region", cut.Find("div.table-scroll").GetAttribute("role"));
    }

    private IRenderedComponent<GradebookTable> RenderTable(IReadOnlyList<GradebookRow> rows, IReadOnlyList<GradebookColumn> columns, string sortKey = GradebookQuery.ByName, bool descending = false) =>
        Render<GradebookTable>(ps => ps
            .Add(p => p.Rows, rows)
            .Add(p => p.Columns, columns)
            .Add(p => p.SortKey, sortKey)
            .Add(p => p.Descending, descending)
            .Add(p => p.SortHref, key => "?sort=" + key)
            .Add(p => p.OverrideHref, (row, column) => $"/override/{row.Learner.Id}/{column.Week.Number}/{column.Quiz.Id}"));

    private static Quiz Quiz(string id, string title) => new()
    {
        Id = id,
        Title = title,
        Kind = ItemKind.Quiz,
        SourceFile = $"weeks/07/{id}.md",
        Markdown = "",
        Revision = "0000000000000000",
        Settings = QuizSettings.Default,
        Questions = [],
    };
}
