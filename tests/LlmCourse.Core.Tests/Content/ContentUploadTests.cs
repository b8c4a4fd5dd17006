using System.IO.Compression;
using System.Text;
using LlmCourse.Core.Content;

namespace LlmCourse.Core.Tests.Content;

public sealed class ContentUploadTests
{
    [Theory]
    [InlineData("../evil.md", "outside")]
    [InlineData("03-a/../../evil.md", "outside")]
    [InlineData("/abs/evil.md", "absolute")]
    [InlineData("C:/evil.md", "absolute")]
    [InlineData("03-a\\evil.md", "backslash")]
    [InlineData("03-a/sub/01-x.md", "nested")]
    [InlineData("03-a/picture.png", "Markdown")]
    [InlineData("03-a/notes.md", "position")]
    public void ReadZip_UnsafeOrUnknownEntry_IsRefused(string name, string reason)
    {
        var result = ContentUpload.ReadZip(Zip(("03-a/week.md", "x"), (name, "y")), null);
        Assert.False(result.Ok);
        Assert.Empty(result.Files);
        Assert.Contains(result.Problems, p => p.Contains(reason, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ReadZip_WeekFolder_GivesContentRootPaths()
    {
        var result = ContentUpload.ReadZip(Zip(("03-a/week.md", "w"), ("03-a/01-notes.md", "n")), null);
        Assert.True(result.Ok, string.Join(" ", result.Problems));
        Assert.Equal(["weeks/03-a/01-notes.md", "weeks/03-a/week.md"], result.Files.Select(f => f.Path).Order());
    }

    [Fact]
    public void ReadZip_FlatFiles_GoIntoTheGivenWeek()
    {
        var result = ContentUpload.ReadZip(Zip(("01-notes.md", "n")), "07-x");
        Assert.Equal("weeks/07-x/01-notes.md", Assert.Single(result.Files).Path);
    }

    [Theory]
    [InlineData(new byte[] { 0x41, 0xff, 0x42 }, "UTF-8")]
    [InlineData(new byte[] { 0x41, 0x00, 0x42 }, "binary")]
    public void ReadMarkdown_BadBytes_AreRefused(byte[] bytes, string reason)
    {
        var result = ContentUpload.ReadMarkdown("01-a.md", bytes, "03-a");
        Assert.Contains(result.Problems, p => p.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadMarkdown_Oversize_IsRefused() =>
        Assert.False(ContentUpload.ReadMarkdown("01-a.md", new byte[ContentUpload.MaxMarkdownBytes + 1], "03-a").Ok);

    [Fact]
    public void ReadMarkdown_BomIsDropped() =>
        Assert.Equal("x", Assert.Single(ContentUpload.ReadMarkdown("01-a.md", [0xef, 0xbb, 0xbf, 0x78], "03-a").Files).Text);

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }
}
