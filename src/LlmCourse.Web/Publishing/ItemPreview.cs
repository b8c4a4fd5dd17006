using System.Net;
using System.Text;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Publishing;

/// <summary>A file rendered as the site would render it, with the problems the loader finds in it.</summary>
public sealed record PreviewResult(string Html, IReadOnlyList<ContentError> Errors);

/// <summary>
/// Renders one file's unsaved text through the site's own pipeline (the course loader, with the course and
/// week headers it needs) for the editor's preview. Nothing is stored.
/// </summary>
public static class ItemPreview
{
    public static PreviewResult Render(CourseStore store, string path, string text)
    {
        ArgumentNullException.ThrowIfNull(store);
        path = ContentRepository.Normalize(path ?? "");
        text ??= "";
        var files = new List<ContentFile> { new(path, text) };
        if (path != "course.md")
        {
            files.Add(new ContentFile("course.md", store.Files.GetValueOrDefault("course.md") ?? "---\ntitle: Preview\n---\n"));
        }

        // Items are previewed with the course's glossary, so their terms link as they will on the site.
        if (path != CourseLoader.GlossaryFile && store.Files.GetValueOrDefault(CourseLoader.GlossaryFile) is { } glossary)
        {
            files.Add(new ContentFile(CourseLoader.GlossaryFile, glossary));
        }

        var slash = path.LastIndexOf('/');
        var weekPath = slash > 0 ? path[..slash] + "/week.md" : null;
        if (weekPath is not null && weekPath != path)
        {
            files.Add(new ContentFile(weekPath, store.Files.GetValueOrDefault(weekPath) ?? "---\nnumber: 999999\ntitle: Preview\n---\n"));
        }

        var snapshot = new CourseLoader().Load(files);
        var errors = snapshot.Errors.Where(e => e.File == path).ToList();
        var html = new StringBuilder();
        if (path == CourseLoader.GlossaryFile)
        {
            AppendGlossary(html, snapshot.Glossary);
        }
        else if (path == "course.md")
        {
            html.Append("<h1>").Append(Encode(snapshot.Course.Title)).Append("</h1><div class=\"prose\">").Append(snapshot.Course.OverviewHtml).Append("</div>");
        }
        else if (snapshot.Course.Weeks.FirstOrDefault() is { } week)
        {
            if (path == week.SourceFile)
            {
                html.Append("<h1>Week ").Append(week.Number).Append(": ").Append(Encode(week.Title)).Append("</h1><div class=\"prose\">").Append(week.IntroHtml).Append("</div>");
            }
            else if (week.Items.FirstOrDefault(i => i.SourceFile == path) is { } item)
            {
                AppendItem(html, item);
            }
        }

        return new PreviewResult(html.ToString(), errors);
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
