using System.Text.RegularExpressions;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

/// <summary>The first use of a term on a notes page, a slide (bullets and transcript) or a card links to the glossary.</summary>
public sealed partial class GlossaryLinkingTests
{
    private static List<string> LinkedTerms(string html) => [.. TermLink().Matches(html).Select(m => m.Groups["id"].Value)];

    private static List<string> LinkedTexts(string html) => [.. TermLink().Matches(html).Select(m => m.Groups["text"].Value)];

    [Fact]
    public void Notes_FirstUseOnly_IsLinked()
    {
        var notes = GlossaryFixtures.Notes("Temperature matters.\n\nA higher temperature and another temperature.");

        Assert.Equal(["temperature"], LinkedTerms(notes.Html));
        Assert.Equal(["Temperature"], LinkedTexts(notes.Html));
        Assert.Contains("<p>A higher temperature and another temperature.</p>", notes.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_TermLink_IsAccessibleDefinitionWithTooltip()
    {
        var notes = GlossaryFixtures.Notes("Set the temperature.");

        Assert.Equal(
            "<p>Set the <span class=\"term\"><a class=\"term-link\" href=\"/glossary#temperature\" aria-describedby=\"gl_notes_temperature\">temperature</a>"
            + "<span class=\"term-tip\" role=\"tooltip\" id=\"gl_notes_temperature\"><strong>Temperature</strong> A sampling parameter that scales how random the next token is.</span></span>.</p>",
            notes.Html);
        CourseMarkdownTests.AssertSafe(notes.Html);
    }

    [Theory]
    [InlineData("## Temperature\n\nIt is the temperature.", "It is the")]
    [InlineData("### Top-p explained\n\nTop-p keeps few.", "keeps few")]
    public void Notes_Heading_IsNeverLinked_TheFirstUseBelowIs(string body, string after)
    {
        var notes = GlossaryFixtures.Notes(body);

        Assert.Single(LinkedTerms(notes.Html));
        Assert.DoesNotMatch("<h[23][^>]*>[^<]*<span class=\"term\"", notes.Html);
        Assert.Contains(after, notes.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Use `temperature` here.")]
    [InlineData("```\ntemperature = 0.7\n```")]
    [InlineData("    temperature = 0.7")]
    [InlineData("See [temperature](https://example.com/t).")]
    [InlineData("See [the *temperature* page](/weeks/7).")]
    [InlineData("![temperature chart](/img/t.png)")]
    [InlineData("<https://example.com/temperature>")]
    public void Notes_CodeLinksImagesAndRawHtml_AreNeverLinked(string body)
    {
        var notes = GlossaryFixtures.Notes(body);

        Assert.Empty(LinkedTerms(notes.Html));
    }

    [Fact]
    public void Notes_UseInCodeFirst_StillLinksTheFirstUseInText()
    {
        var notes = GlossaryFixtures.Notes("`temperature` and [temperature](/x), then temperature.");

        Assert.Equal(["temperature"], LinkedTerms(notes.Html));
        Assert.Contains("<code>temperature</code>", notes.Html, StringComparison.Ordinal);
        Assert.Contains("then <span class=\"term\"><a class=\"term-link\" href=\"/glossary#temperature\"", notes.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_EmphasisListsTablesAndFootnotes_AreSearched()
    {
        var notes = GlossaryFixtures.Notes("**Temperature** is set.\n\n- top-p\n\n| a |\n|---|\n| LoRA |\n\nText[^1]\n\n[^1]: A fine-tuned model.");

        Assert.Equal(["temperature", "top-p", "lora", "fine-tuning"], LinkedTerms(notes.Html));
        Assert.Contains("<strong><span class=\"term\">", notes.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_Aliases_LinkToTheirTerm_AndCountAsItsUse()
    {
        var notes = GlossaryFixtures.Notes("Nucleus sampling, also called top-p, and max_tokens.");

        Assert.Equal(["top-p", "max-tokens"], LinkedTerms(notes.Html));
        Assert.Equal(["Nucleus sampling", "max_tokens"], LinkedTexts(notes.Html));
    }

    [Fact]
    public void Notes_LongestNameFirst_AndALaterUseKeepsShorterNamesOut()
    {
        var notes = GlossaryFixtures.Notes("Instruction fine-tuning is one kind. Instruction fine-tuning again, then fine-tuning.");

        Assert.Equal(["instruction-fine-tuning", "fine-tuning"], LinkedTerms(notes.Html));
        Assert.Equal(["Instruction fine-tuning", "fine-tuning"], LinkedTexts(notes.Html));
        Assert.Contains("again, then <span class=\"term\">", notes.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_TermAcrossSoftLineBreak_IsFound()
    {
        var notes = GlossaryFixtures.Notes("Prompts teach by in-context\nlearning.");

        Assert.Equal(["in-context-learning"], LinkedTerms(notes.Html));
        Assert.Equal(["in-context learning"], LinkedTexts(notes.Html));
    }

    [Theory]
    [InlineData("Set max_tokens to 50.", "max_tokens")]
    [InlineData("Set *max* tokens and max_tokens_x and max tokens.", "max tokens")]
    public void Notes_TermThatMarkdownSplits_IsFound(string body, string linked)
    {
        var notes = GlossaryFixtures.Notes(body);

        Assert.Equal([linked], LinkedTexts(notes.Html));
    }

    [Fact]
    public void Notes_PlainTextAndWordCount_AreUnchangedByLinks()
    {
        const string Body = "Temperature and top-p shape sampling.";
        var linked = GlossaryFixtures.Notes(Body);
        var plain = Fixtures.Item<Notes>($"---\nkind: notes\ntitle: T\n---\n{Body}\n");

        Assert.NotEqual(plain.Html, linked.Html);
        Assert.Equal(plain.Text, linked.Text);
        Assert.Equal(plain.WordCount, linked.WordCount);
        Assert.Equal("T\nTemperature and top-p shape sampling.", ContentText.Of(linked));
    }

    [Fact]
    public void Lecture_EachSlide_LinksItsOwnFirstUse_InBulletsThenTranscript()
    {
        var lecture = GlossaryFixtures.Item<Lecture>("""
            ---
            kind: lecture
            title: Sampling
            ---
            ## Temperature slide

            - Temperature scales randomness

            ### Transcript

            The temperature, and top-p too.

            ## Second slide

            - Nothing here

            ### Transcript

            Again temperature.
            """, "lecture");

        var first = lecture.Slides[0];
        Assert.Equal(["temperature"], LinkedTerms(first.BodyHtml));
        Assert.Equal(["top-p"], LinkedTerms(first.TranscriptHtml));
        Assert.Contains("id=\"gl_lecture_s1_temperature\"", first.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(["temperature"], LinkedTerms(lecture.Slides[1].TranscriptHtml));
        Assert.Contains("id=\"gl_lecture_s2_temperature\"", lecture.Slides[1].TranscriptHtml, StringComparison.Ordinal);
        Assert.Equal("The temperature, and top-p too.", first.TranscriptText);
        Assert.DoesNotContain("sampling parameter", ContentText.Of(lecture), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Deck_EachCard_LinksItsOwnFirstUse_AndShortAnswerStaysPlain()
    {
        var deck = GlossaryFixtures.Item<Deck>("""
            ---
            kind: deck
            title: Cards
            ---
            ## What is LoRA? {#what-is-lora}

            LoRA learns small matrices; LoRA is cheap.

            Short answer: LoRA adapters

            ## And temperature? {#temp}

            Temperature and LoRA.
            """, "cards");

        Assert.Equal(["lora"], LinkedTerms(deck.Cards[0].AnswerHtml));
        Assert.Equal("LoRA adapters", deck.Cards[0].ShortAnswer);
        Assert.Equal("LoRA learns small matrices; LoRA is cheap.", deck.Cards[0].AnswerText);
        Assert.Contains("id=\"gl_cards_what-is-lora_lora\"", deck.Cards[0].AnswerHtml, StringComparison.Ordinal);
        Assert.Equal(["temperature", "lora"], LinkedTerms(deck.Cards[1].AnswerHtml));
        Assert.Equal("And temperature?", deck.Cards[1].Question);
    }

    [Fact]
    public void Quiz_IsNeverLinked()
    {
        // A definition beside a question could give its answer away.
        var quiz = GlossaryFixtures.Item<Quiz>("""
            ---
            kind: quiz
            title: Quiz
            ---
            About temperature.

            ## Which parameter caps length? {#caps-length}

            Think of temperature and top-p.

            - [ ] Temperature
            - [x] Max tokens
            """, "quiz");

        Assert.DoesNotContain("term", quiz.IntroHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("glossary", quiz.Questions[0].PromptHtml, StringComparison.Ordinal);
        Assert.All(quiz.Questions[0].Choices, c => Assert.DoesNotContain("glossary", c.Html, StringComparison.Ordinal));
    }

    [Fact]
    public void RemoveTips_LeavesTheLinkTextOnly()
    {
        var notes = GlossaryFixtures.Notes("Set the temperature.");

        Assert.Equal("Set the temperature.", ContentText.FromHtml(notes.Html));
        Assert.Equal("<p>plain</p>", GlossaryMarkup.RemoveTips("<p>plain</p>"));
    }

    [Theory]
    [MemberData(nameof(CourseMarkdownTests.XssPayloads), MemberType = typeof(CourseMarkdownTests))]
    public void Notes_XssPayloadAroundTerms_ProducesNoActiveContent(string markdown)
    {
        var notes = GlossaryFixtures.Notes($"Temperature {markdown} top-p LoRA\n\n{markdown} GLUE");

        CourseMarkdownTests.AssertSafe(notes.Html);
    }

    [Fact]
    public void Linking_HostileGlossary_EscapesNamesAndDefinitions()
    {
        var glossary = GlossaryFixtures.Parse("""
            ---
            title: G
            ---
            ## Alert "x" <script>alert(1)</script> now {#alert}

            Also: alert

            <img src=x onerror=alert(1)> defines "it" & more. [x](javascript:alert(1))
            """);
        var parsed = ItemParser.Parse(new ContentFile(Fixtures.ItemPath, "---\nkind: notes\ntitle: T\n---\nThen alert(1).\n"), "notes", glossary: glossary);
        var html = Assert.IsType<Notes>(parsed.Item).Html;

        CourseMarkdownTests.AssertSafe(html);
        Assert.Contains("<strong>Alert &quot;x&quot; &lt;script&gt;alert(1)&lt;/script&gt; now</strong>", html, StringComparison.Ordinal);
        CourseMarkdownTests.AssertSafe(glossary.Terms[0].DefinitionHtml);
    }

    [GeneratedRegex("<a class=\"term-link\" href=\"/glossary#(?<id>[^\"]+)\"[^>]*>(?<text>[^<]*)</a>")]
    private static partial Regex TermLink();
}
