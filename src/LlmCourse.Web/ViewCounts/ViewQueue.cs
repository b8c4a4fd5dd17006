using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace LlmCourse.Web.ViewCounts;

/// <summary>One page view waiting to be written: the item, the learner if signed in, and the UTC day.</summary>
public readonly record struct PageView(int Week, string ItemId, string? UserId, DateOnly Day);

/// <summary>
/// The in-memory queue between the request path and <see cref="ViewCountWriter"/>: a bounded channel that a
/// request only ever writes to without waiting (a full queue drops the view and counts the drop), and that
/// the writer drains on its own timer, so no request wakes a thread or touches the database to count.
/// </summary>
public sealed class ViewQueue(IOptions<ViewCountOptions> options)
{
    private readonly Channel<PageView> _channel = Channel.CreateBounded<PageView>(new BoundedChannelOptions(Math.Max(1, options.Value.QueueCapacity))
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long _dropped;

    /// <summary>Views dropped because the queue was full, since start.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(PageView view)
    {
        if (!_channel.Writer.TryWrite(view))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    public bool TryDequeue(out PageView view) => _channel.Reader.TryRead(out view);
}
