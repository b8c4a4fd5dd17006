using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class SearchIndexTests
{
    private static readonly CourseSnapshot Snapshot = new CourseLoader().Load(
    [
        new ContentFile("course.md", "---\ntitle: C\n---\n"),
        new ContentFile("weeks/01-a/week.md", "---\nnumber: 1\ntitle: A\n---\n"),
        new ContentFile("weeks/01-a/01-notes.md", "---\nkind: notes\ntitle: Temperature notes\n---\nSampling with a low temperature keeps answers focused.\n"),
        new ContentFile("weeks/02-b/week.md", "---\nnumber: 2\ntitle: B\n---\n"),
        new ContentFile("weeks/02-b/01-quiz.md", "---\nkind: quiz\ntitle: Secret quiz\n---\n## Which is a wombat? {#q}\n\n- [x] Platypus\n- [ ] Other\n\n### Explanation\n\nKangaroo.\n"),
    ]);

    [Theory]
    [InlineData("temperature", 1)]
    [InlineData("TEMPERATURE focused", 1)]
    [InlineData("temp", 1)]
    [InlineData("temperature zebra", 0)]
    [InlineData("platypus", 0)] // a quiz's choices,
    [InlineData("wombat", 0)]   // questions
    [InlineData("kangaroo", 0)] // and explanations are not searchable
    [InlineData("secret", 1)]   // but its title is
    [InlineData("", 0)]
    public void Search_Queries_FindEveryWordOrNothing(string query, int expected)
    {
        var index = SearchIndex.Build(Snapshot.Course);
        Assert.Equal(expected, index.Search(query, _ => true).Count);
    }

    [Fact]
    public void Search_HiddenWeek_IsLeftOut()
    {
        var index = SearchIndex.Build(Snapshot.Course);
        Assert.Single(index.Search("secret", w => w == 2));
        Assert.Empty(index.Search("secret", w => w == 1));
    }

    [Fact]
    public void Search_Snippet_MarksTheMatchedWord()
    {
        var hit = Assert.Single(SearchIndex.Build(Snapshot.Course).Search("focused", _ => true));
        Assert.Contains(hit.Snippet, p => p.Match && p.Text == "focused");
        Assert.Equal("Temperature notes", hit.Document.Title);
    }
}
