using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Email;

/// <summary>
/// The outbox and its sender against a real SMTP server: a server that is down and then back, a server that says
/// "try later", two senders racing over one outbox on SQLite and on PostgreSQL, a sender that crashed holding a
/// claim, and retention. Each message must arrive exactly once.
/// </summary>
public sealed class OutboxDeliveryTests
{
    [Fact]
    public async Task SmtpDown_ThenBack_EveryMessageArrivesExactlyOnce_AfterTheBackoff()
    {
        using var factory = new DownAtFirstFactory();
        var ids = await QueueAsync(factory, 5, "down");
        Assert.False(factory.Smtp.IsRunning);

        var pass = await Dispatcher(factory).RunOnceAsync(CancellationToken.None);
        Assert.Equal(new OutboxPass(5, 0, 5, 0), pass);
        var waiting = await RowsAsync(factory, ids);
        Assert.All(waiting, m => Assert.Equal((OutboxStatus.Pending, 1, null), (m.Status, m.Attempts, m.ClaimToken)));
        Assert.All(waiting, m => Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(60), m.NextAttemptAt, TimeSpan.FromSeconds(1)));
        Assert.All(waiting, m => Assert.False(string.IsNullOrEmpty(m.LastError)));

        // The server is back, but the backoff has not passed: nothing is tried.
        factory.Smtp.Start();
        Assert.Equal(0, (await Dispatcher(factory).RunOnceAsync(CancellationToken.None)).Claimed);

        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(5, await factory.SendPendingAsync());
        Assert.Equal(0, await factory.SendPendingAsync());

        var arrived = await factory.Smtp.WaitForAsync(5);
        Assert.Equal(5, arrived.Count);
        Assert.Equal(5, arrived.Select(m => m.Message.MessageId).Distinct().Count());
        Assert.All(await RowsAsync(factory, ids), m => Assert.Equal((OutboxStatus.Sent, 2), (m.Status, m.Attempts)));
    }

    [Fact]
    public async Task TemporaryRefusal_IsRetriedWithExponentialBackoff_ThenDeliveredOnce()
    {
        using var factory = new MailAppFactory();
        var ids = await QueueAsync(factory, 1, "busy");
        factory.Smtp.RefuseNext(2);

        await factory.SendPendingAsync();
        var row = Assert.Single(await RowsAsync(factory, ids));
        Assert.Equal((OutboxStatus.Pending, 1), (row.Status, row.Attempts));
        Assert.Contains("451", row.LastError, StringComparison.Ordinal);
        var first = row.NextAttemptAt;

        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        await factory.SendPendingAsync();
        row = Assert.Single(await RowsAsync(factory, ids));
        Assert.Equal((OutboxStatus.Pending, 2), (row.Status, row.Attempts));

        // The second wait is twice the first (60 s, then 120 s).
        Assert.Equal(factory.Clock.GetUtcNow().UtcDateTime.AddSeconds(120), row.NextAttemptAt, TimeSpan.FromSeconds(1));
        Assert.True(row.NextAttemptAt > first);
        factory.Clock.Advance(TimeSpan.FromSeconds(121));
        Assert.Equal(1, await factory.SendPendingAsync());
        Assert.Single(await factory.Smtp.WaitForAsync(1));
        Assert.Equal(2, factory.Smtp.Refused);
    }

    [Fact]
    public async Task EveryAttemptFailing_EndsFailed_AfterMaxAttempts_AndTheCliListsIt()
    {
        using var factory = new DownAtFirstFactory();
        var ids = await QueueAsync(factory, 1, "never");
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await Dispatcher(factory).RunOnceAsync(CancellationToken.None);
            factory.Clock.Advance(TimeSpan.FromHours(2));
        }

        var row = Assert.Single(await RowsAsync(factory, ids));
        Assert.Equal((OutboxStatus.Failed, 4), (row.Status, row.Attempts));
        Assert.Equal(0, (await Dispatcher(factory).RunOnceAsync(CancellationToken.None)).Claimed);

        var output = new StringWriter();
        Assert.Equal(0, await MailCommands.RunAsync(factory.Services, ["mail", "list", "--status", "failed"], output, new StringWriter()));
        Assert.Contains($"{row.Id}\tfailed\ttest\t{row.ToAddress}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 failed", output.ToString(), StringComparison.Ordinal);

        // An operator sends it again once the server is fixed.
        Assert.Equal(0, await MailCommands.RunAsync(factory.Services, ["mail", "retry", "--id", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], new StringWriter(), new StringWriter()));
        factory.Smtp.Start();
        Assert.Equal(1, await factory.SendPendingAsync());
        Assert.Single(await factory.Smtp.WaitForAsync(1));
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TwoSenders_OnOneOutbox_NeverSendAMessageTwice(string provider)
    {
        var workDir = Path.Combine(Path.GetTempPath(), "llmcourse-tests", Guid.NewGuid().ToString("N"));
        using var database = TestDatabase.Create(workDir, provider);
        using var factory = new SmallBatchFactory(database);
        const int count = 60;
        var ids = await QueueAsync(factory, count, "race");

        // Two senders, as two instances have: separate objects, separate connections, one table.
        var senders = new[] { Dispatcher(factory), Dispatcher(factory) };
        var sentBy = new int[2];
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            start.Wait();
            for (var pass = 0; pass < 200; pass++)
            {
                var result = await senders[i].RunOnceAsync(CancellationToken.None);
                sentBy[i] += result.Sent;
                if (result.Claimed == 0 && !await AnyPendingAsync(factory))
                {
                    return;
                }
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(tasks);

        var arrived = await factory.Smtp.WaitForAsync(count);
        await Task.Delay(200);
        Assert.Equal(count, factory.Smtp.Messages.Count);
        Assert.Equal(count, factory.Smtp.Messages.Select(m => m.Message.Subject).Distinct().Count());
        Assert.Equal(count, sentBy.Sum());
        Assert.All(await RowsAsync(factory, ids), m => Assert.Equal((OutboxStatus.Sent, 1, null), (m.Status, m.Attempts, m.ClaimToken)));
        Assert.Equal(provider, database.Provider);
        Assert.Equal(count, arrived.Count);

        try
        {
            Directory.Delete(workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task ClaimOfACrashedSender_IsTakenOver_OnlyAfterItsLeaseRunsOut()
    {
        using var factory = new MailAppFactory();
        var ids = await QueueAsync(factory, 1, "crash");
        var now = factory.Clock.GetUtcNow().UtcDateTime;

        // A sender claimed the row and died before sending (its lease: 5 minutes).
        await using (var db = factory.Database.OpenContext())
        {
            await db.OutboxMessages.Where(m => m.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, "crashed").SetProperty(m => m.ClaimedUntil, now.AddMinutes(5)));
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, (await Dispatcher(factory).RunOnceAsync(CancellationToken.None)).Claimed);
        Assert.Empty(factory.Smtp.Messages);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await factory.SendPendingAsync());
        Assert.Single(await factory.Smtp.WaitForAsync(1));

        // The crashed sender's late write cannot touch the row any more: its token is gone.
        var row = Assert.Single(await RowsAsync(factory, ids));
        Assert.Equal((OutboxStatus.Sent, (string?)null), (row.Status, row.ClaimToken));
    }

    [Fact]
    public async Task Retention_DeletesOldSentAndFailedMail_NeverPending()
    {
        using var factory = new MailAppFactory();
        var ids = await QueueAsync(factory, 3, "old");
        await factory.SendPendingAsync();
        await using (var db = factory.Database.OpenContext())
        {
            await db.OutboxMessages.Where(m => m.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Failed));
            await db.OutboxMessages.Where(m => m.Id == ids[2]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddYears(1)));
        }

        factory.Clock.Advance(TimeSpan.FromDays(29));
        var output = new StringWriter();
        await MailCommands.RunAsync(factory.Services, ["mail", "purge"], output, new StringWriter());
        Assert.Contains("Removed 0 messages", output.ToString(), StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromDays(2));
        output = new StringWriter();
        await MailCommands.RunAsync(factory.Services, ["mail", "purge"], output, new StringWriter());
        Assert.Contains("Removed 1 messages", output.ToString(), StringComparison.Ordinal);
        Assert.Equal([ids[1], ids[2]], (await RowsAsync(factory, ids)).Select(m => m.Id));

        factory.Clock.Advance(TimeSpan.FromDays(60));
        await MailCommands.RunAsync(factory.Services, ["mail", "purge"], new StringWriter(), new StringWriter());
        Assert.Equal([ids[2]], (await RowsAsync(factory, ids)).Select(m => m.Id));
    }

    [Fact]
    public async Task BackgroundSender_SendsMailAsSoonAsItIsWritten()
    {
        using var factory = new BackgroundFactory();
        await QueueAsync(factory, 2, "woken");
        var arrived = await factory.Smtp.WaitForAsync(2);
        Assert.Equal(2, arrived.Count);
    }

    internal static OutboxDispatcher Dispatcher(MailAppFactory factory) => ActivatorUtilities.CreateInstance<OutboxDispatcher>(factory.Services);

    internal static async Task<List<long>> QueueAsync(MailAppFactory factory, int count, string what)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var rows = Enumerable.Range(0, count)
            .Select(i => outbox.Add("test", null, $"{what}-{i}@example.com", $"Reader {i}", new MailContent($"{what} {i}", $"Text {i}", $"<p>Html {i}</p>")))
            .ToList();
        await outbox.SaveAsync();
        return [.. rows.Select(r => r.Id)];
    }

    private static async Task<List<OutboxMessage>> RowsAsync(MailAppFactory factory, List<long> ids)
    {
        await using var db = factory.Database.OpenContext();
        return await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.Id).ToListAsync();
    }

    private static async Task<bool> AnyPendingAsync(MailAppFactory factory)
    {
        await using var db = factory.Database.OpenContext();
        return await db.OutboxMessages.AnyAsync(m => m.Status == OutboxStatus.Pending);
    }

    private sealed class DownAtFirstFactory() : MailAppFactory(null, startSmtp: false);

    private sealed class SmallBatchFactory(TestDatabase database) : MailAppFactory(database)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Email:Outbox:BatchSize", "3")];
    }

    private sealed class BackgroundFactory : MailAppFactory
    {
        protected override bool BackgroundSender => true;
    }
}
