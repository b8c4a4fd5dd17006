using System.Diagnostics;
using LlmCourse.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace LlmCourse.BrowserTests.Weeks;

/// <summary>
/// "Save as PDF": the printable week printed by Chromium (print media) and read back with pdftotext. Slides,
/// transcripts, notes and flashcard answers are in it; a quiz is there only as its introduction, never a question or
/// an answer; a draft week has no printable page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PrintWeekTests(BrowserFixture browser) : BrowserTest
{
    private const string PdfToText = "/usr/bin/pdftotext";

    protected override BrowserFixture Fixture => browser;

    [Fact]
    public async Task PrintableWeek_SavedAsPdf_HoldsEverythingButTheQuizQuestionsAndAnswers()
    {
        if (!File.Exists(PdfToText))
        {
            throw new InvalidOperationException($"{PdfToText} is missing. Install Debian's poppler-utils: apt-get install -y poppler-utils (tests/run-all.sh does this).");
        }

        var folder = Path.Combine(browser.ContentDir, "weeks", "91-print");
        var draft = Path.Combine(browser.ContentDir, "weeks", "92-draft");
        WriteWeek(folder, draft);
        try
        {
            var page = await browser.NewPageAsync();
            for (var tries = 0; tries < 150 && (await page.GotoAsync("/weeks/91/print"))!.Status != 200; tries++)
            {
                await Task.Delay(200);
            }

            await Assertions.Expect(page.Locator("#print-title")).ToContainTextAsync("Printing week");
            Assert.Equal(404, (await page.GotoAsync("/weeks/92/print"))!.Status);
            await page.GotoAsync("/weeks/91/print");

            var pdf = Path.Combine(Path.GetTempPath(), $"llmcourse-week-{Guid.NewGuid():N}.pdf");
            try
            {
                await page.PdfAsync(new() { Path = pdf, Format = "A4", PrintBackground = false });
                var text = await PdfTextAsync(pdf);

                foreach (var expected in new[]
                {
                    "Printing week", "WEEKINTROALPHA", "SLIDEBODYALPHA", "SLIDEBODYBRAVO", "TRANSCRIPTALPHA", "TRANSCRIPTBRAVO",
                    "NOTESTEXTALPHA", "CARDQUESTIONALPHA", "CARDANSWERALPHA", "CARDANSWERBRAVO", "QUIZINTROALPHA", "Pass mark",
                    "https://example.com/source",
                })
                {
                    Assert.True(text.Contains(expected, StringComparison.Ordinal), $"'{expected}' is missing from the PDF:\n{text}");
                }

                // In reading order: each slide then its transcript, slides in their order, then the week's items in theirs.
                var order = new[] { "WEEKINTROALPHA", "SLIDEBODYALPHA", "TRANSCRIPTALPHA", "SLIDEBODYBRAVO", "TRANSCRIPTBRAVO", "NOTESTEXTALPHA", "CARDQUESTIONALPHA", "CARDANSWERBRAVO", "QUIZINTROALPHA" };
                for (var i = 1; i < order.Length; i++)
                {
                    Assert.True(
                        text.IndexOf(order[i - 1], StringComparison.Ordinal) < text.IndexOf(order[i], StringComparison.Ordinal),
                        $"'{order[i - 1]}' should come before '{order[i]}' in the PDF:\n{text}");
                }

                foreach (var canary in new[] { "QUIZQUESTIONCANARY", "QUIZANSWERCANARY", "QUIZWRONGCANARY", "QUIZHINTCANARY", "QUIZEXPLANATIONCANARY", "QUIZFEEDBACKCANARY", "DRAFTWEEKCANARY" })
                {
                    Assert.False(text.Contains(canary, StringComparison.Ordinal), $"'{canary}' must not be in the PDF");
                }

                // Print media: no site navigation, no tooltips, no buttons.
                Assert.DoesNotContain("Skip to content", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Create account", text, StringComparison.Ordinal);
                Assert.DoesNotContain("Print or save as PDF", text, StringComparison.Ordinal);
                Assert.DoesNotContain("A sampling parameter that scales", text, StringComparison.Ordinal);
                Assert.Contains("temperature", text, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(pdf);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            Directory.Delete(draft, recursive: true);
        }
    }

    private static async Task<string> PdfTextAsync(string pdf)
    {
        var start = new ProcessStartInfo(PdfToText) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-layout");
        start.ArgumentList.Add(pdf);
        start.ArgumentList.Add("-");
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, "pdftotext failed: " + await process.StandardError.ReadToEndAsync());
        return text;
    }

    private static void WriteWeek(string folder, string draft)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "week.md"), "---\nnumber: 91\ntitle: Printing week\n---\nWEEKINTROALPHA about temperature.\n");
        File.WriteAllText(Path.Combine(folder, "01-lecture.md"), """
            ---
            kind: lecture
            title: Print lecture
            ---
            ## First slide

            - SLIDEBODYALPHA and temperature

            ### Transcript

            TRANSCRIPTALPHA explains it. See [the source](https://example.com/source).

            ## Second slide

            - SLIDEBODYBRAVO

            ### Transcript

            TRANSCRIPTBRAVO closes it.
            """);
        File.WriteAllText(Path.Combine(folder, "02-notes.md"), "---\nkind: notes\ntitle: Print notes\n---\n## Section\n\nNOTESTEXTALPHA on top-p.\n");
        File.WriteAllText(Path.Combine(folder, "03-cards.md"), """
            ---
            kind: deck
            title: Print cards
            ---
            ## CARDQUESTIONALPHA? {#first}

            CARDANSWERALPHA is the back.

            ## Second card? {#second}

            CARDANSWERBRAVO too.
            """);
        File.WriteAllText(Path.Combine(folder, "04-quiz.md"), """
            ---
            kind: quiz
            title: Print quiz
            ---
            QUIZINTROALPHA: the rules are below.

            ## QUIZQUESTIONCANARY asks something {#canary-question}

            - [x] QUIZANSWERCANARY
            - [ ] QUIZWRONGCANARY
              > QUIZFEEDBACKCANARY

            ### Hint

            QUIZHINTCANARY

            ### Explanation

            QUIZEXPLANATIONCANARY
            """);
        Directory.CreateDirectory(draft);
        File.WriteAllText(Path.Combine(draft, "week.md"), "---\nnumber: 92\ntitle: Draft\npublished: false\n---\nDRAFTWEEKCANARY\n");
        File.WriteAllText(Path.Combine(draft, "01-notes.md"), "---\nkind: notes\ntitle: Draft notes\n---\nDRAFTWEEKCANARY\n");
    }
}
