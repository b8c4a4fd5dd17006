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
    public void Search_TypoInAHiddenWeek_IsLeftOutToo()
    {
        var index = SearchIndex.Build(Snapshot.Course);
        Assert.Single(index.Search("secert", w => w == 2));
        Assert.Empty(index.Search("secert", w => w == 1));
    }

    [Fact]
    public void Search_Snippet_MarksTheMatchedWord()
    {
        var hit = Assert.Single(SearchIndex.Build(Snapshot.Course).Search("focused", _ => true));
        Assert.Contains(hit.Snippet, p => p.Match && p.Text == "focused");
        Assert.Equal("Temperature notes", hit.Document.Title);
    }

    // A course where the same ideas are spelt several ways, as real notes are.
    private static readonly SearchIndex Spellings = SearchIndex.Build(new CourseLoader().Load(
    [
        new ContentFile("course.md", "---\ntitle: C\n---\n"),
        new ContentFile("weeks/01-a/week.md", "---\nnumber: 1\ntitle: A\n---\n"),
        new ContentFile("weeks/01-a/01-sampling.md",
            "---\nkind: notes\ntitle: Sampling\n---\nTemperature scales the logits. A low temperature keeps answers focused.\n"),
        new ContentFile("weeks/01-a/02-adapting.md",
            "---\nkind: notes\ntitle: Adapting models\n---\nFine-tuning trains a pre-trained model further on domain data.\n"),
        new ContentFile("weeks/01-a/03-apart.md",
            "---\nkind: notes\ntitle: Written apart\n---\nSome authors write fine tuning as two words, and speak of a data set.\n"),
        new ContentFile("weeks/01-a/04-weather.md",
            "---\nkind: notes\ntitle: Weather\n---\nTemperatures rise in summer; a temperament is something else.\n"),
        new ContentFile("weeks/01-a/05-brand.md",
            "---\nkind: notes\ntitle: Toplayer\n---\nA brand name in the vocabulary, and nothing more.\n"),
        new ContentFile("weeks/01-a/06-networks.md",
            "---\nkind: notes\ntitle: Networks\n---\nThe top layers of a network learn the task; the dataset decides what they learn.\n"),
    ]).Course);

    [Theory]
    [InlineData("temperature", "Sampling|Weather")]
    [InlineData("tempreature", "Sampling")]
    [InlineData("temprature", "Sampling")]
    [InlineData("TEMPREATURE focused", "Sampling")]
    [InlineData("temperatures", "Weather")]
    [InlineData("lgits", "Sampling")]
    [InlineData("finetuning", "Adapting models|Written apart")]
    [InlineData("fine-tuning", "Adapting models|Written apart")]
    [InlineData("fine tuning", "Adapting models|Written apart")]
    [InlineData("finetunning", "Adapting models|Written apart")]
    [InlineData("fine-tunning", "Adapting models|Written apart")]
    [InlineData("pretrained", "Adapting models")]
    [InlineData("pre-trained model", "Adapting models")]
    [InlineData("dataset", "Networks|Written apart")]
    [InlineData("data set", "Networks|Written apart")]
    [InlineData("tempreature zebra", "")]
    [InlineData("zebra", "")]
    [InlineData("tmp", "")]
    [InlineData("tempreture", "Sampling")]
    public void Search_TyposAndCompounds_FindTheSameNotes(string query, string expectedTitles)
    {
        var titles = Spellings.Search(query, _ => true).Select(h => h.Document.Title).Order(StringComparer.Ordinal);
        Assert.Equal(expectedTitles.Split('|', StringSplitOptions.RemoveEmptyEntries), titles);
    }

    [Fact]
    public void Search_Typo_OnlyTheClosestSpellingsCount()
    {
        // "tempreature" is one swap from "temperature" but two edits from "temperatures" and "temperament".
        var hit = Assert.Single(Spellings.Search("tempreature", _ => true));
        Assert.Equal("Sampling", hit.Document.Title);
        Assert.Contains(hit.Snippet, p => p.Match && p.Text == "Temperature");
    }

    [Fact]
    public void Search_NoTypoNeeded_RanksBeforeATypoMatch()
    {
        // "toplayers" is unknown: "top layers" (two known words, no typo) must outrank the title "Toplayer"
        // (one letter off), although a title match otherwise weighs three times a text match.
        var titles = Spellings.Search("toplayers", _ => true).Select(h => h.Document.Title).ToList();
        Assert.Equal(["Networks", "Toplayer"], titles);
    }

    [Fact]
    public void Search_ExactWord_RanksBeforeAWordThatOnlyStartsWithIt()
    {
        var titles = Spellings.Search("temperature", _ => true).Select(h => h.Document.Title).ToList();
        Assert.Equal(["Sampling", "Weather"], titles);
    }

    [Theory]
    [InlineData("tempreature", "tempreature>temperature")]
    [InlineData("fine tunning", "tunning>tuning")]
    [InlineData("toplayers sampling", "toplayers>top layers")]
    [InlineData("finetuning", "")]
    [InlineData("temperature", "")]
    [InlineData("zebra", "")]
    public void Find_UnknownWords_ReportWhatWasSearchedInstead(string query, string expected)
    {
        var corrections = Spellings.Find(query, _ => true).Corrections.Select(c => $"{c.Typed}>{c.SearchedFor}");
        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), corrections);
    }

    [Theory]
    [InlineData("finetuning", "Adapting models", "Fine|tuning")]
    [InlineData("finetuning", "Written apart", "fine|tuning")]
    [InlineData("fine-tuning", "Written apart", "fine|tuning")]
    [InlineData("dataset", "Written apart", "data|set")]
    public void Search_CompoundMatch_MarksEveryPartInTheSnippet(string query, string title, string marked)
    {
        var hit = Spellings.Search(query, _ => true).Single(h => h.Document.Title == title);
        Assert.Equal(marked.Split('|'), hit.Snippet.Where(p => p.Match).Select(p => p.Text));
    }

    [Theory]
    [InlineData("temperature", "temperature", 2, 0)]
    [InlineData("tempreature", "temperature", 2, 1)]
    [InlineData("temprature", "temperature", 2, 1)]
    [InlineData("finetuning", "fine-tuning", 2, 1)]
    [InlineData("ca", "abc", 3, 3)]
    [InlineData("kitten", "sitting", 3, 3)]
    [InlineData("kitten", "sitting", 2, 3)]
    [InlineData("", "abc", 5, 3)]
    [InlineData("abc", "", 1, 2)]
    [InlineData("lora", "qlora", 1, 1)]
    [InlineData("sampling", "samples", 1, 2)]
    public void Osa_WordPairs_CountEditsAndStopPastTheLimit(string a, string b, int max, int expected)
    {
        Assert.Equal(expected, EditDistance.Osa(a, b, max));
        Assert.Equal(expected, EditDistance.Osa(b, a, max));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 2)]
    [InlineData(30, 2)]
    public void Budget_WordLength_GrowsWithLength(int length, int expected) =>
        Assert.Equal(expected, EditDistance.Budget(length));
}
