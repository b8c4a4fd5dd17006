using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class PublishWarningsTests
{
    private static CourseSnapshot Course(string quiz) => new CourseLoader().Load(
    [
        new ContentFile("course.md", "---\ntitle: C\n---\n"),
        new ContentFile("weeks/01-a/week.md", "---\nnumber: 1\ntitle: A\n---\n"),
        new ContentFile("weeks/01-a/01-quiz.md", $"---\nkind: quiz\ntitle: Quiz\n---\n{quiz}"),
    ]);

    [Theory]
    [InlineData("## Which technique? {#few-shot type=short}\n\n- Few-shot learning\n- Few-shot\n", "'Few-shot'")]
    [InlineData("## Which technique? {#few-shot type=short}\n\n- /(?i)few[- ]?shot( learning)?/\n", "/(?i)few[- ]?shot( learning)?/")]
    [InlineData("## How many examples? {#answer-50 type=numeric}\n\n- 50\n", "'50'")]
    [InlineData("## What should you use? {#use-embeddings}\n\n- [x] Use embeddings\n- [ ] Fine-tune\n", "'Use embeddings'")]
    [InlineData("## Lower top-p is more predictable. {#is-true}\n\n- [x] True\n- [ ] False\n", "'True'")]
    public void WarnWeek_IdHoldingTheAnswer_Warns(string question, string answer)
    {
        var warning = Assert.Single(PublishValidator.WarnWeek(Course(question), 1));

        Assert.Equal("weeks/01-a/01-quiz.md", warning.File);
        Assert.Equal(5, warning.Line);
        Assert.Contains(answer, warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("## Which technique? {#examples-in-prompt type=short}\n\n- Few-shot learning\n")]
    [InlineData("## How many examples? {#min-examples type=numeric}\n\n- 50\n")]
    [InlineData("## True or false? {#true-or-false}\n\n- [x] True\n- [ ] False\n")]
    [InlineData("## Which? {#weights}\n\n- [x] The weights of the network\n- [ ] The vocabulary\n")]
    public void WarnWeek_IdNamingTheQuestion_IsQuiet(string question) =>
        Assert.Empty(PublishValidator.WarnWeek(Course(question), 1));

    [Fact]
    public void WarnWeek_TheCourseAsShipped_HasNoIdHoldingAnAnswer()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "LlmCourse.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("LlmCourse.sln not found above the test folder.");
        }

        var snapshot = new CourseLoader().Load(ContentDirectory.ReadFiles(Path.Combine(root, "content")));

        Assert.NotEmpty(snapshot.Course.Weeks);
        Assert.All(snapshot.Course.Weeks, week => Assert.Empty(PublishValidator.WarnWeek(snapshot, week.Number)));
    }
}
