using LlmCourse.Core.Content;
using LlmCourse.Web.Components.Instructor;
using LlmCourse.Web.Instructor;

namespace LlmCourse.Components.Tests.Instructor;

public sealed class ItemPreviewViewTests : BunitContext
{
    [Fact]
    public void ItemPreviewView_Quiz_ListsEveryQuestionWithTheRightChoiceTicked()
    {
        var quiz = new Quiz
        {
            Id = "check",
            Title = "Check <yourself>",
            Kind = ItemKind.Quiz,
            SourceFile = "weeks/07/check.md",
            Markdown = "",
            Revision = "0000000000000000",
            Settings = QuizSettings.Default,
            Questions =
            [
                new Question
                {
                    Id = "q1",
                    Type = QuestionType.SingleChoice,
                    Title = "Q1",
                    PromptHtml = "<p>What is <em>LoRA</em>?</p>",
                    Choices = [new("a", "<p>Adapters</p>", "Adapters", true, null), new("b", "<p>Pruning</p>", "Pruning", false, null)],
                },
            ],
            IntroHtml = "<p>Intro</p>",
        };

        var cut = Render<ItemPreviewView>(ps => ps.Add(p => p.Content, new PreviewContent(Item: quiz)));

        Assert.Equal("Check <yourself>", cut.Find("h1").TextContent);
        cut.Find("ol.preview-questions").MarkupMatches("""
            <ol class="preview-questions">
              <li>
                <div class="prose"><p>What is <em>LoRA</em>?</p></div>
                <ul>
                  <li class="preview-correct">✓ <p>Adapters</p></li>
                  <li><p>Pruning</p></li>
                </ul>
              </li>
            </ol>
            """);
    }

    [Fact]
    public void ItemPreviewView_Week_TitleWithNumberAndIntroduction()
    {
        var week = new Week(3, "LoRA & friends", "", "<p>Hello</p>", true, null, [], "weeks/03/week.md");

        var cut = Render<ItemPreviewView>(ps => ps.Add(p => p.Content, new PreviewContent(Week: week)));

        cut.MarkupMatches("""<h1>Week 3: LoRA &amp; friends</h1><div class="prose"><p>Hello</p></div>""");
    }

    [Fact]
    public void ItemPreviewView_NothingParsed_RendersNothing()
    {
        Assert.Equal("", Render<ItemPreviewView>(ps => ps.Add(p => p.Content, new PreviewContent())).Markup.Trim());
    }

    [Fact]
    public void ItemPreviewView_EmptyGlossary_TitleAndNoTerms()
    {
        var cut = Render<ItemPreviewView>(ps => ps.Add(p => p.Content, new PreviewContent(Glossary: Glossary.Empty)));

        Assert.Equal("Glossary", cut.Find("h1").TextContent);
        Assert.Empty(cut.FindAll("dt"));
    }
}
