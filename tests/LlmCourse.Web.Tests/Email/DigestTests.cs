using LlmCourse.Web.Data;
using LlmCourse.Web.Email;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Email;

/// <summary>
/// The daily digest: at the learner's hour in their own time zone, once per local day, on a fake clock. The
/// daylight-saving dates are the IANA rules for America/New_York (second Sunday of March, first Sunday of
/// November) and Pacific/Auckland (UTC+13 in January). Each test that moves the clock to its own dates has an app
/// of its own, since the fake clock only goes forward.
/// </summary>
public sealed class DigestTests
{
    /// <summary>The app with its clock at a fixed instant shortly before the dates a test visits, whatever today is.</summary>
    private sealed class DigestApp(DateTimeOffset start) : MailAppFactory(null, clockStart: start);

    private static TimeZoneInfo Zone(string id) => MailPreferences.FindZone(id) ?? throw new InvalidOperationException($"This machine has no time zone {id} (install tzdata).");

    [Fact]
    public void SendTime_InAuckland_FallsOnThePreviousUtcDay()
    {
        var auckland = Zone("Pacific/Auckland");
        Assert.Equal(new DateTimeOffset(2027, 1, 9, 18, 0, 0, TimeSpan.Zero), DigestSchedule.SendTime(new DateOnly(2027, 1, 10), 7, auckland));
        Assert.False(DigestSchedule.IsDue(new DateTimeOffset(2027, 1, 9, 17, 59, 59, TimeSpan.Zero), 7, auckland, null, out var before));
        Assert.Equal(new DateOnly(2027, 1, 10), before);
        Assert.True(DigestSchedule.IsDue(new DateTimeOffset(2027, 1, 9, 18, 0, 0, TimeSpan.Zero), 7, auckland, null, out var day));
        Assert.Equal(new DateOnly(2027, 1, 10), day);
        Assert.False(DigestSchedule.IsDue(new DateTimeOffset(2027, 1, 10, 10, 59, 0, TimeSpan.Zero), 7, auckland, day, out _));
        Assert.True(DigestSchedule.IsDue(new DateTimeOffset(2027, 1, 10, 18, 0, 0, TimeSpan.Zero), 7, auckland, day, out var next));
        Assert.Equal(new DateOnly(2027, 1, 11), next);
    }

    [Fact]
    public void SendTime_OnTheSpringForwardDay_IsTheFirstMomentAfterTheSkippedHour()
    {
        var newYork = Zone("America/New_York");

        // 14 March 2027: 02:00 EST jumps to 03:00 EDT; 02:00 never happens, so the digest goes at 03:00 EDT (07:00 UTC).
        Assert.Equal(new DateTimeOffset(2027, 3, 14, 7, 0, 0, TimeSpan.Zero), DigestSchedule.SendTime(new DateOnly(2027, 3, 14), 2, newYork));
        Assert.Equal(new DateTimeOffset(2027, 3, 13, 7, 0, 0, TimeSpan.Zero), DigestSchedule.SendTime(new DateOnly(2027, 3, 13), 2, newYork));
        Assert.Equal(new DateTimeOffset(2027, 3, 15, 6, 0, 0, TimeSpan.Zero), DigestSchedule.SendTime(new DateOnly(2027, 3, 15), 2, newYork));
    }

    [Fact]
    public void SendTime_OnTheFallBackDay_IsTheFirstOfTheTwoHours_AndTheSecondSendsNothing()
    {
        var newYork = Zone("America/New_York");

        // 7 November 2027: 01:00 happens at 05:00 UTC (EDT) and again at 06:00 UTC (EST).
        var day = new DateOnly(2027, 11, 7);
        Assert.Equal(new DateTimeOffset(2027, 11, 7, 5, 0, 0, TimeSpan.Zero), DigestSchedule.SendTime(day, 1, newYork));
        Assert.True(DigestSchedule.IsDue(new DateTimeOffset(2027, 11, 7, 5, 0, 0, TimeSpan.Zero), 1, newYork, day.AddDays(-1), out var first));
        Assert.Equal(day, first);
        Assert.False(DigestSchedule.IsDue(new DateTimeOffset(2027, 11, 7, 6, 0, 0, TimeSpan.Zero), 1, newYork, first, out _));
        Assert.False(DigestSchedule.IsDue(new DateTimeOffset(2027, 11, 7, 4, 59, 0, TimeSpan.Zero), 1, newYork, day.AddDays(-1), out _));
    }

    [Fact]
    public async Task Digest_GoesAtTheLearnersHourInTheirZone_OncePerLocalDay_ListingDueCardsPerDeck()
    {
        using var factory = new DigestApp(new DateTimeOffset(2027, 1, 9, 0, 0, 0, TimeSpan.Zero));
        var email = MailTestSupport.NewAddress("digest");
        var (_, userId) = await MailTestSupport.ConfirmedLearnerAsync(factory, email);
        var notOptedIn = MailTestSupport.NewAddress("no-digest");
        var (_, otherId) = await MailTestSupport.ConfirmedLearnerAsync(factory, notOptedIn);
        await MailTestSupport.SetPreferencesAsync(factory, userId, announcements: false, digest: true, hour: 7, zone: "Pacific/Auckland");
        await MailTestSupport.SetPreferencesAsync(factory, otherId, announcements: true, digest: false, hour: 7, zone: "Pacific/Auckland");

        // 07:00 in Auckland on 10 January 2027 is 18:00 UTC on the 9th.
        var sendAt = new DateTimeOffset(2027, 1, 9, 18, 0, 0, TimeSpan.Zero);
        await AddCardsAsync(factory, userId, sendAt, due: ["what-is-fine-tuning", "sampling-parameters"], later: ["types-of-fine-tuning"]);
        await AddCardsAsync(factory, otherId, sendAt, due: ["what-is-fine-tuning"], later: []);

        factory.Clock.SetUtcNow(sendAt.AddSeconds(-1));
        Assert.Equal(0, await RunDigestAsync(factory));

        factory.Clock.SetUtcNow(sendAt);
        Assert.Equal(1, await RunDigestAsync(factory));
        Assert.Equal(0, await RunDigestAsync(factory));
        await factory.SendPendingAsync();
        var mail = Assert.Single(Digests(factory, email));
        Assert.Empty(Digests(factory, notOptedIn));
        Assert.Contains("2 cards due, Sunday 10 January", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Week 7: LLM fine-tuning and sampling parameters: 2 due", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(">2</td>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("<" + MailAppFactory.SiteUrl + UnsubscribeLinks.OneClickPath, mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);

        // Later that local day (23:59 in Auckland): nothing more. The next local day at 07:00: the next digest.
        factory.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 10, 10, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await RunDigestAsync(factory));
        factory.Clock.SetUtcNow(sendAt.AddDays(1));
        Assert.Equal(1, await RunDigestAsync(factory));
        await factory.SendPendingAsync();
        Assert.Equal(2, Digests(factory, email).Count);
        Assert.Contains("2 cards due, Monday 11 January", Digests(factory, email)[1].Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_OnADayWithNothingDue_SendsNothing_AndTwoSchedulersQueueOneDigest()
    {
        using var factory = new DigestApp(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var email = MailTestSupport.NewAddress("quiet");
        var (_, userId) = await MailTestSupport.ConfirmedLearnerAsync(factory, email);
        await MailTestSupport.SetPreferencesAsync(factory, userId, announcements: false, digest: true, hour: 9, zone: "Europe/Paris");
        var nine = new DateTimeOffset(2027, 2, 1, 8, 0, 0, TimeSpan.Zero);
        factory.Clock.SetUtcNow(nine);
        await RunDigestAsync(factory);
        Assert.DoesNotContain(await factory.OutboxAsync(), m => m.ToAddress == email && m.Kind == MailKinds.Digest);

        // The next day a card is due; two instances run their check at the same moment.
        await AddCardsAsync(factory, userId, nine.AddDays(1), due: ["unsupervised-learning"], later: []);
        factory.Clock.SetUtcNow(nine.AddDays(1));
        await Task.WhenAll(RunDigestAsync(factory), RunDigestAsync(factory));
        Assert.Single(await factory.OutboxAsync(), m => m.ToAddress == email && m.Kind == MailKinds.Digest);
    }

    private static List<MimeKit.MimeMessage> Digests(MailAppFactory factory, string email) =>
        [.. factory.Smtp.To(email).Where(m => m.Subject?.Contains(" due, ", StringComparison.Ordinal) == true)];

    private static async Task<int> RunDigestAsync(MailAppFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DigestMailer>().RunOnceAsync(CancellationToken.None);
    }

    private static async Task AddCardsAsync(MailAppFactory factory, string userId, DateTimeOffset at, string[] due, string[] later)
    {
        await using var db = factory.Database.OpenContext();
        foreach (var (card, when) in due.Select(c => (c, at.AddDays(-1))).Concat(later.Select(c => (c, at.AddDays(3)))))
        {
            db.StudyCards.Add(new StudyCard
            {
                UserId = userId,
                WeekNumber = 7,
                DeckId = "flashcards",
                CardId = card,
                State = 2,
                Stability = 4,
                Difficulty = 5,
                Due = when.UtcDateTime,
                LastReview = at.AddDays(-5).UtcDateTime,
            });
        }

        await db.SaveChangesAsync();
    }
}
