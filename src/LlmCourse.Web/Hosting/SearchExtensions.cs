using LlmCourse.Web.Search;

namespace LlmCourse.Web.Hosting;

public static class SearchExtensions
{
    /// <summary>Search over the course: one index per content revision, built on first use.</summary>
    public static WebApplicationBuilder AddSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SearchService>();
        return builder;
    }
}
