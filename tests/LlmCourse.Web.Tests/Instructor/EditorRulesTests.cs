using System.Net;
using LlmCourse.Core.Content;
using LlmCourse.Web.Content;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Instructor;

/// <summary>
/// Issue 14, point 1: the instructor area once checked ids with its own pattern, which let an instructor create
/// items (<c>notes-</c>, <c>a--b</c>) the loader then refused. Each case asks the loader on its own whether it
/// would load the file, then asks the editor, and expects the same answer.
/// </summary>
public sealed class EditorRulesTests(CourseAppFactory app) : IClassFixture<CourseAppFactory>
{
    private const string Week7 = "07-fine-tuning-large-language-models";

    public static TheoryData<string> ItemIds =>
    [
        "ok-id", "notes-", "-notes", "a--b", "café", "Notes", "a_b", "ok-id\n", "x", "2026",
        string.Join('-', Enumerable.Repeat("long", 20)) + "-idx", string.Join('-', Enumerable.Repeat("long", 20)) + "-idxy",
    ];

    [Theory]
    [MemberData(nameof(ItemIds))]
    public async Task AddItem_Id_IsAcceptedExactlyWhenTheLoaderLoadsIt(string id)
    {
        var store = app.Services.GetRequiredService<CourseStore>();
        var loaderLoads = LoaderLoadsItem(store, id);

        var instructor = await TestAccounts.InstructorAsync(app);
        var response = await TestAccounts.PostFormAsync(
            instructor, "/instructor/weeks/7?handler=AddItem", new() { ["kind"] = "notes", ["id"] = id, ["title"] = "New notes" }, formUrl: "/instructor/weeks/7");

        var accepted = response.StatusCode == HttpStatusCode.Redirect;
        Assert.Equal(loaderLoads, accepted);
        var created = store.Files.Keys.Where(p => p.StartsWith($"weeks/{Week7}/", StringComparison.Ordinal) && p.EndsWith($"-{id}.md", StringComparison.Ordinal)).ToList();
        if (accepted)
        {
            // What the editor made is served: the item loads, and its file has no problems.
            var path = Assert.Single(created);
            Assert.NotNull(store.Current.FindWeek(7)!.FindItem(id));
            Assert.DoesNotContain(store.Current.Errors, e => e.File == path);
        }
        else
        {
            Assert.Empty(created);
            Assert.Contains("The id is", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static readonly string[] Slugs = ["lora-and-peft", "lora-", "a--b", "Lora", "sampling2", "x y"];

    public static TheoryData<string> WeekSlugs => new(Slugs);

    [Theory]
    [MemberData(nameof(WeekSlugs))]
    public async Task CreateWeek_FolderName_IsAcceptedExactlyWhenTheLoaderLoadsIt(string slug)
    {
        var store = app.Services.GetRequiredService<CourseStore>();
        var number = 100 + Array.IndexOf(Slugs, slug);
        var folder = ContentRules.WeekFolderName(number, slug);
        var candidate = store.Files.Select(f => new ContentFile(f.Key, f.Value))
            .Append(new ContentFile($"weeks/{folder}/week.md", $"---\nnumber: {number}\ntitle: New\npublished: false\n---\n"))
            .ToList();
        var loaderLoads = new CourseLoader().Load(candidate).FindWeek(number) is not null;

        var instructor = await TestAccounts.InstructorAsync(app);
        var response = await TestAccounts.PostFormAsync(
            instructor, "/instructor?handler=CreateWeek", new() { ["Input.Number"] = $"{number}", ["Input.Slug"] = slug, ["Input.Title"] = "New week" }, formUrl: "/instructor");

        Assert.Equal(loaderLoads, response.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(loaderLoads, store.Current.FindWeek(number) is not null);
    }

    private static bool LoaderLoadsItem(CourseStore store, string id)
    {
        // The file the editor would write (next position, the notes template), in the course as it stands.
        var candidate = store.Files.Select(f => new ContentFile(f.Key, f.Value))
            .Append(new ContentFile($"weeks/{Week7}/99-{id}.md", "---\nkind: notes\ntitle: \"New notes\"\n---\nWrite the notes here.\n"))
            .ToList();
        return new CourseLoader().Load(candidate).FindWeek(7)?.FindItem(id) is not null;
    }
}
