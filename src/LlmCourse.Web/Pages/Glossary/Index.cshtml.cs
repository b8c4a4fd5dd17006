using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace LlmCourse.Web.Pages.Glossary;

/// <summary>
/// <c>/glossary</c>: every term of <c>glossary.md</c> in alphabetical order, one anchor per term (the target of the
/// links the course's pages put on a term's first use). The glossary belongs to the whole course, like its overview,
/// so everyone may read it.
/// </summary>
[OutputCache(PolicyName = CourseCatalog.CachePolicy)]
public sealed class IndexModel(CourseCatalog catalog) : PageModel
{
    public Core.Content.Glossary Glossary { get; private set; } = Core.Content.Glossary.Empty;

    /// <summary>The terms grouped under their first letter, in order.</summary>
    public IReadOnlyList<IGrouping<string, GlossaryTerm>> Letters { get; private set; } = [];

    public void OnGet()
    {
        Glossary = catalog.Snapshot.Glossary;
        Letters = [.. Glossary.Terms.GroupBy(t => t.Letter)];
    }

    /// <summary>The anchor of a letter's heading (term ids never start with "glossary-").</summary>
    public static string LetterId(string letter) => "glossary-letter-" + (char.IsLetterOrDigit(letter[0]) ? letter.ToLowerInvariant() : "other");
}
