using System.Text.Encodings.Web;

namespace LlmCourse.Web.Lab;

/// <summary>The small "Try it in the Lab" aside shown on slides, in notes sections and on cards.</summary>
public static class LabAside
{
    public static string Html(LabLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var e = HtmlEncoder.Default;
        return $"<aside class=\"lab-aside\" aria-label=\"Try it in the Lab: {e.Encode(link.Tool.Title)}\">" +
               $"<p><span class=\"lab-aside-label\">Try it in the Lab:</span> <a href=\"{e.Encode(link.Href)}\" data-lab-link=\"{e.Encode(link.Tool.Id)}\">{e.Encode(link.Tool.Title)}</a>. " +
               $"{e.Encode(link.Text)}</p></aside>";
    }

    public static string Html(IEnumerable<LabLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return string.Concat(links.Select(Html));
    }
}
