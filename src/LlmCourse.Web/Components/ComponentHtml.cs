using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace LlmCourse.Web.Components;

/// <summary>
/// A Razor component rendered to an HTML string outside Razor Pages, for answers that are not pages (the 503 of a
/// database outage, the editor's preview in JSON). Values are encoded as in any page.
/// </summary>
public static class ComponentHtml
{
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(parameters);
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()));
            return output.ToHtmlString();
        });
    }
}
