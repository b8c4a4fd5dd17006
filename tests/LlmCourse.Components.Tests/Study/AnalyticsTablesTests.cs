using LlmCourse.Core.Content;
using LlmCourse.Core.Study;
using LlmCourse.Web.Components.Study;
using LlmCourse.Web.Study;

namespace LlmCourse.Components.Tests.Study;

public sealed class AnalyticsTablesTests : BunitContext
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CardStatusTable_NewCard_DashesForEveryFigureAndNewBadge()
    {
        var cut = Render<CardStatusTable>(ps => ps.Add(p => p.Cards,
            [new CardStatus(Card("c1", "What is attention?"), CardStudyStatus.New, CardState.CreateNew("c1", Now), false, null, false)]));

        cut.Find("tbody tr").MarkupMatches("""
            <tr data-card="c1" data-status="new">
              <th scope="row">What is attention?</th>
              <td><span class="status-badge status-new">new</span></td>
              <td>–</td><td>–</td><td>–</td>
            </tr>
            """);
        Assert.Equal(["Card", "Status", "Due", "Stability", "Recall now"], cut.FindAll("thead th[scope=col]").Select(th => th.TextContent));
    }

    [Fact]
    public void CardStatusTable_StarredReviewCard_DueTimeStabilityAndRecallWithExactValue()
    {
        var state = new CardState("c2", CardLearningState.Review, null, 12.345, 5, new DateTimeOffset(2026, 6, 20, 8, 30, 0, TimeSpan.Zero), Now);

        var cut = Render<CardStatusTable>(ps => ps.Add(p => p.Cards,
            [new CardStatus(Card("c2", "Why scale?"), CardStudyStatus.Review, state, true, 0.875, false)]));

        cut.Find("tbody tr").MarkupMatches("""
            <tr data-card="c2" data-status="review">
              <th scope="row">★ Why scale?</th>
              <td><span class="status-badge status-review">review</span></td>
              <td>2026-06-20 08:30</td>
              <td>12.3 d</td>
              <td data-recall="0.875">87%</td>
            </tr>
            """);
    }

    [Fact]
    public void CardStatusTable_DueCard_SaysNowInsteadOfTheTime()
    {
        var state = new CardState("c3", CardLearningState.Learning, 0, 0.5, 5, Now.AddMinutes(-1), Now.AddMinutes(-11));

        var cut = Render<CardStatusTable>(ps => ps.Add(p => p.Cards,
            [new CardStatus(Card("c3", "Q"), CardStudyStatus.Learning, state, false, 0.99, true)]));

        cut.FindAll("tbody td")[1].MarkupMatches("""<td data-due="now">now</td>""");
    }

    [Fact]
    public void ModeStatsTable_PlayedAndUnplayedModes_AccuracyWithCountsBestTimeAndDashes()
    {
        var cut = Render<ModeStatsTable>(ps => ps.Add(p => p.Modes,
        [
            new ModeStats("match", "Match", 3, 3, 4, 0.75, TimeSpan.FromSeconds(41.26)),
            new ModeStats("test", "Practice test", 0, 0, 0, null, null),
        ]));

        cut.Find("tbody").MarkupMatches("""
            <tbody>
              <tr data-mode="match"><th scope="row">Match</th><td>3</td><td>75% (3/4)</td><td>41.3 s</td></tr>
              <tr data-mode="test"><th scope="row">Practice test</th><td>0</td><td>–</td><td>–</td></tr>
            </tbody>
            """);
        Assert.Equal(["Mode", "Sessions", "Accuracy", "Best time"], cut.FindAll("thead th[scope=col]").Select(th => th.TextContent));
    }

    private static Card Card(string id, string question) => new(id, question, "<p>A</p>", "A", "A");
}
