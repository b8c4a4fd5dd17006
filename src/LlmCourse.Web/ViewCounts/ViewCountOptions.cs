namespace LlmCourse.Web.ViewCounts;

/// <summary>Settings under <c>Views:*</c> (docs/operations.md, "Views and discussion").</summary>
public sealed class ViewCountOptions
{
    /// <summary>How often each instance writes its queued views to the database.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often each instance re-reads the totals it shows on item pages.</summary>
    public TimeSpan DisplayRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Views waiting to be written, at most; beyond it views are dropped (and counted in the log), never waited for.</summary>
    public int QueueCapacity { get; set; } = 100_000;
}
