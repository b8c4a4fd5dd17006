using System.Net;
using System.Text;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Instructor;

/// <summary>A file rendered as the site would render it, with the problems the loader finds in it.</summary>
public sealed record PreviewResult(string Html, IReadOnlyList<ContentError> Errors);

/// <summary>
/// Renders one file's unsaved text as the site would (parsed on its own by the loader's rules) for the
/// editor's preview, with the problems the loader finds in it. Nothing is stored.
/// </summary>
public static class ItemPreview
{
    public static PreviewResult Render(CourseStore store, string path, string text)
    {
        ArgumentNullException.ThrowIfNull(store);
        path = ContentRepository.Normalize(path ?? "");
        var file = new ContentFile(path, text ?? "");

        // The week's stored images, so the preview shows them and their problems as the published page would.
        var current = store.Current;
        var folder = ContentRules.WeekFolderOf(path);
        var assets = current.Assets.Values.Where(a => a.Folder == folder).ToDictionary(a => a.Path, StringComparer.Ordinal);
        var html = new StringBuilder();
        var errors = new List<ContentError>();
        if (path == ContentRules.GlossaryFile)
        {
            var parsed = CourseLoader.ParseGlossary(file);
            errors.AddRange(parsed.Errors);
            AppendGlossary(html, parsed.Value ?? Glossary.Empty);
        }
        else if (path == ContentRules.CourseFile)
        {
            var parsed = CourseLoader.ParseCourse(file);
            errors.AddRange(parsed.Errors);
            if (parsed.Value is { } course)
            {
                html.Append("<h1>").Append(Encode(course.Title)).Append("</h1><div class=\"prose\">").Append(course.OverviewHtml).Append("</div>");
            }
        }
        else if (ContentRules.IsWeekFile(path))
        {
            var parsed = CourseLoader.ParseWeek(file, assets);
            errors.AddRange(parsed.Errors);
            if (parsed.Value is { } week)
            {
                errors.AddRange(PublishValidator.CheckImages(path, week.Images, current));
                html.Append("<h1>Week ").Append(week.Number).Append(": ").Append(Encode(week.Title)).Append("</h1><div class=\"prose\">").Append(week.IntroHtml).Append("</div>");
            }
        }
        else
        {
            // With the course's glossary, so terms link as they will on the site.
            var parsed = CourseLoader.ParseItem(file, assets, current.Glossary);
            errors.AddRange(parsed.Errors);
            if (parsed.Value is { } item)
            {
                errors.AddRange(PublishValidator.CheckImages(path, item.Images, current));
                AppendItem(html, item);
            }
        }

        return new PreviewResult(html.ToString(), [.. errors.OrderBy(e => e.Line)]);
    }

    private static void AppendItem(StringBuilder html, CourseItem item)
    {
        html.Append("<p class=\"meta\">").Append(Encode(ItemDisplay.KindLabel(item.Kind))).Append(" · ").Append(Encode(ItemDisplay.Meta(item))).Append("</p>");
        html.Append("<h1>").Append(Encode(item.Title)).Append("</h1>");
        switch (item)
        {
            case Notes notes:
                html.Append("<div class=\"prose\">").Append(notes.Html).Append("</div>");
                break;
            case Lecture lecture:
                foreach (var slide in lecture.Slides)
                {
                    html.Append("<section class=\"preview-slide\"><h2>").Append(slide.Number).Append(". ").Append(Encode(slide.Title)).Append("</h2>")
                        .Append("<div class=\"prose\">").Append(slide.BodyHtml).Append("</div>")
                        .Append("<details><summary>Transcript</summary><div class=\"prose\">").Append(slide.TranscriptHtml).Append("</div></details></section>");
                }

                break;
            case Deck deck:
                html.Append("<dl class=\"preview-cards\">");
                foreach (var card in deck.Cards)
                {
                    html.Append("<dt>").Append(Encode(card.Question)).Append("</dt><dd class=\"prose\">").Append(card.AnswerHtml).Append("</dd>");
                }

                html.Append("</dl>");
                break;
            case Quiz quiz:
                html.Append("<div class=\"prose\">").Append(quiz.IntroHtml).Append("</div><ol class=\"preview-questions\">");
                foreach (var question in quiz.Questions)
                {
                    html.Append("<li><div class=\"prose\">").Append(question.PromptHtml).Append("</div>");
                    if (question.Choices.Count > 0)
                    {
                        html.Append("<ul>");
                        foreach (var choice in question.Choices)
                        {
                            html.Append(choice.Correct ? "<li class=\"preview-correct\">✓ " : "<li>").Append(choice.Html).Append("</li>");
                        }

                        html.Append("</ul>");
                    }

                    html.Append("</li>");
                }

                html.Append("</ol>");
                break;
        }
    }

    private static void AppendGlossary(StringBuilder html, Glossary glossary)
    {
        html.Append("<h1>").Append(Encode(glossary.Title)).Append("</h1><div class=\"prose\">").Append(glossary.IntroHtml).Append("</div><dl class=\"preview-cards\">");
        foreach (var term in glossary.Terms)
        {
            html.Append("<dt>").Append(Encode(term.Term)).Append(" <code>#").Append(Encode(term.Id)).Append("</code>");
            if (term.Aliases.Count > 0)
            {
                html.Append(" <small>also ").Append(Encode(string.Join(", ", term.Aliases))).Append("</small>");
            }

            html.Append("</dt><dd class=\"prose\">").Append(term.DefinitionHtml).Append("</dd>");
        }

        html.Append("</dl>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
