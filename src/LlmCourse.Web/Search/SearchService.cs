using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Search;

/// <summary>The search index of the current content revision, built on first use after each change.</summary>
public sealed class SearchService(CourseStore store)
{
    private volatile Built? _built;

    public SearchIndex Current
    {
        get
        {
            var snapshot = store.Current;
            var built = _built;
            if (built is not null && built.Revision == snapshot.Revision)
            {
                return built.Index;
            }

            // Two requests racing here both build; either result is correct for the revision.
            var index = SearchIndex.Build(snapshot.Course);
            _built = new Built(snapshot.Revision, index);
            return index;
        }
    }

    private sealed record Built(string Revision, SearchIndex Index);
}
