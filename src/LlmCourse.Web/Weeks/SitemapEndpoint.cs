using System.Text;
using System.Xml;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;

namespace LlmCourse.Web.Weeks;

/// <summary><c>/sitemap.xml</c>: the pages anyone may see right now (weeks, items, lecture slides, the glossary), nothing hidden.</summary>
public static class SitemapEndpoint
{
    public static IEndpointRouteBuilder MapSitemap(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sitemap.xml", (HttpContext http, CourseCatalog catalog) =>
            {
                var origin = $"{http.Request.Scheme}://{http.Request.Host}";
                var urls = new List<string> { "/" };
                if (catalog.Snapshot.Glossary.Terms.Count > 0)
                {
                    urls.Add(GlossaryMarkup.PagePath);
                }

                foreach (var week in catalog.PublicWeeks())
                {
                    urls.Add(CourseUrls.Week(week.Number));
                    foreach (var item in week.Items)
                    {
                        urls.Add(CourseUrls.Item(week, item));
                        if (item is Core.Content.Lecture lecture)
                        {
                            urls.AddRange(lecture.Slides.Select(s => CourseUrls.Slide(week.Number, item.Id, s.Number)));
                        }
                    }
                }

                using var buffer = new MemoryStream();
                using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false) }))
                {
                    // Schema: https://www.sitemaps.org/protocol.html
                    writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
                    foreach (var url in urls)
                    {
                        writer.WriteStartElement("url");
                        writer.WriteElementString("loc", origin + url);
                        writer.WriteEndElement();
                    }

                    writer.WriteEndElement();
                }

                return Results.Bytes(buffer.ToArray(), "application/xml; charset=utf-8");
            })
            .WithName("Sitemap")
            .ExcludeFromDescription();
        return app;
    }
}
