using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Lab;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LlmCourse.Web.Pages.Lab;

public sealed class IndexModel(CourseCatalog catalog) : PageModel
{
    public void OnGet()
    {
    }

    /// <summary>Only places a visitor can open are listed, so hidden weeks stay hidden.</summary>
    public bool IsVisible(LabLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        return catalog.FindItem(link.Week, link.ItemId) is not null;
    }

    public string PlaceUrl(LabLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Slide is { } slide)
        {
            return CourseUrls.Slide(link.Week, link.ItemId, slide);
        }

        // Deck cards carry "card-" ids on the page; notes headings use the anchor as is.
        var prefix = catalog.FindItem(link.Week, link.ItemId)?.Item is Deck ? "card-" : "";
        return CourseUrls.Item(link.Week, link.ItemId) + (link.Anchor is null ? "" : $"#{prefix}{link.Anchor}");
    }

    public string PlaceTitle(LabLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (catalog.FindItem(link.Week, link.ItemId) is not var (_, item))
        {
            return "";
        }

        var where = item switch
        {
            Lecture lecture when link.Slide is { } n && n <= lecture.Slides.Count => $", slide {n}: {lecture.Slides[n - 1].Title}",
            Notes notes when notes.Toc.FirstOrDefault(t => t.Id == link.Anchor) is { } entry => $": {entry.Text}",
            Deck deck when deck.Cards.FirstOrDefault(c => c.Id == link.Anchor) is { } card => $": {card.Question}",
            _ => "",
        };
        return $"Week {link.Week}, {item.Title}{where}";
    }
}
