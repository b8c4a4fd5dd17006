namespace LlmCourse.Web.Data;

/// <summary>
/// A counter that changes whenever anything a learner's dashboard shows changes. Database triggers bump it
/// on every write to progress and study rows (migration LearnerVersions), so no write path, instance or
/// tool can forget to; a rendered dashboard is reused only while the counter is unchanged.
/// </summary>
public sealed class LearnerVersion
{
    public string UserId { get; set; } = "";

    public long Version { get; set; }
}
