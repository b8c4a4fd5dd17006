namespace LlmCourse.Web.Components.Navigation;

/// <summary>A neighbour a pager leads to: its title (or the link's text) and its address.</summary>
public sealed record PagerLink(string Text, string Href);
