namespace LlmCourse.Web.Data;

/// <summary>
/// One instructor or import action. The largest id doubles as the content sequence number: every change to
/// files or publishing states writes an entry in the same transaction, so instances poll it to notice changes.
/// </summary>
public sealed class PublishingAuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public string Actor { get; set; } = "";

    /// <summary>publish, unpublish, schedule, edit, restore, import, upload, create, move, delete.</summary>
    public string Action { get; set; } = "";

    /// <summary>What it acted on: <c>week 3</c> or a file path.</summary>
    public string Target { get; set; } = "";

    public string Detail { get; set; } = "";
}
