using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace LlmCourse.Core.Content;

/// <summary>Plain text of items and rendered HTML, for search, reading time and the Lab's language model.</summary>
public static partial class ContentText
{
    /// <summary>
    /// Strips tags from HTML this pipeline produced and decodes entities; block ends become line breaks.
    /// Not a sanitiser: its input is our own rendered HTML.
    /// </summary>
    public static string FromHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var withBreaks = BlockEnd().Replace(GlossaryMarkup.RemoveTips(html), "\n");
        var noTags = Tag().Replace(withBreaks, "");
        var decoded = WebUtility.HtmlDecode(noTags);
        var lines = decoded.Split('\n').Select(CourseMarkdown.CollapseSpaces).Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }

    /// <summary>Everything a reader of the item reads, as plain text (answers and feedback of quizzes left out).</summary>
    public static string Of(CourseItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = new StringBuilder().AppendLine(item.Title);
        switch (item)
        {
            case Lecture lecture:
                foreach (var slide in lecture.Slides)
                {
                    text.AppendLine(slide.Title).AppendLine(FromHtml(slide.BodyHtml)).AppendLine(slide.TranscriptText);
                }

                break;
            case Notes notes:
                text.AppendLine(notes.Text);
                break;
            case Deck deck:
                foreach (var card in deck.Cards)
                {
                    text.AppendLine(card.Question).AppendLine(card.AnswerText);
                }

                break;
            case Quiz quiz:
                text.AppendLine(FromHtml(quiz.IntroHtml));
                foreach (var question in quiz.Questions)
                {
                    text.AppendLine(FromHtml(question.PromptHtml));
                }

                break;
        }

        var lines = text.ToString().Split('\n').Select(CourseMarkdown.CollapseSpaces).Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"</(?:p|h[1-6]|li|div|blockquote|pre|tr|table|ul|ol)>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
}
