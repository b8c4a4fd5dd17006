using System.Net;
using System.Reflection;
using LlmCourse.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LlmCourse.Web.Tests.Security;

/// <summary>
/// Every page, page handler and endpoint × {anonymous, learner, other learner, instructor} with the status
/// each should get. The list of what to check is generated from the app's own endpoints and page models,
/// so a new endpoint or handler without a rule here fails <see cref="EveryEndpoint_HasARule"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(CourseAppFactory factory) : IClassFixture<CourseAppFactory>
{
    /// <summary>Who asks. "Other" is a second learner acting on the first learner's resources.</summary>
    public enum Who
    {
        Anonymous,
        Learner,
        Other,
        Instructor,
    }

    /// <summary>An expected answer: a status, and for redirects where they lead.</summary>
    public sealed record Expect(int Status, string? Location = null)
    {
        public static readonly Expect Ok = new(200);
        public static readonly Expect NoContent = new(204);
        public static readonly Expect SignIn = new(302, "/account/sign-in");
        public static readonly Expect Denied = new(302, "/account/access-denied");
        public static readonly Expect Unauthorized = new(401);
        public static readonly Expect NotFound = new(404);
    }

    /// <param name="Key">"GET /route/pattern" for endpoints, "POST PageModel.Handler" for page handlers.</param>
    /// <param name="Url">A concrete URL; <c>{token}</c> is replaced by an API token id owned by the first learner.</param>
    /// <param name="Json">A JSON body for API writes.</param>
    public sealed record Rule(string Key, string Method, string Url, Expect Anonymous, Expect Learner, Expect Other, Expect Instructor, Dictionary<string, string>? Form = null, string? Json = null)
    {
        public Expect For(Who who) => who switch
        {
            Who.Anonymous => Anonymous,
            Who.Learner => Learner,
            Who.Other => Other,
            _ => Instructor,
        };
    }

    private static Rule All(string key, string url, Expect expect) => new(key, key.Split(' ')[0], url, expect, expect, expect, expect);

    /// <summary>Instructor-only pages: anonymous visitors are sent to sign in, learners are denied.</summary>
    private static Rule Instructor(string key, string method, string url, Expect instructor) =>
        new(key, method, url, Expect.SignIn, Expect.Denied, Expect.Denied, instructor);

    /// <summary>A private deck's page: its owner (the first learner) gets <paramref name="owner"/>; everyone else finds nothing.</summary>
    private static Rule Owner(string key, string method, string url, Expect owner, Dictionary<string, string>? form = null, Expect? anonymous = null) =>
        new(key, method, url, anonymous ?? Expect.NotFound, owner, Expect.NotFound, Expect.NotFound, form);

    private static Rule SignedIn(string key, string url, Expect expect, Dictionary<string, string>? form = null) =>
        new(key, key.StartsWith("GET", StringComparison.Ordinal) ? "GET" : key.Split(' ')[0] == "PUT" ? "PUT" : "POST", url,
            key.Contains("/api/", StringComparison.Ordinal) ? Expect.Unauthorized : Expect.SignIn, expect, expect, expect, form);

    /// <summary>The published lecture's diagram, which everyone may fetch (drafts' images: CourseImagesTests).</summary>
    private static readonly string LayersUrl = "/assets/" + LlmCourse.Core.Content.ContentRules.Hash(
        File.ReadAllBytes(Path.Combine(RepoPaths.Content, "weeks", "07-fine-tuning-large-language-models", "images", "llm-layers.svg"))) + "/llm-layers.svg";

    public static readonly IReadOnlyList<Rule> Rules =
    [
        All("GET /", "/", Expect.Ok),
        All("GET /Index", "/Index", Expect.Ok),
        All("GET /weeks/{number:int}", "/weeks/7", Expect.Ok),
        All("GET /weeks/{number:int}/{itemId}", "/weeks/2/class-notes", Expect.Ok),
        new("POST ItemModel.Complete", "POST", "/weeks/2/class-notes?handler=Complete", Expect.SignIn, new(302, "/weeks/2/class-notes"), new(302, "/weeks/2/class-notes"), new(302, "/weeks/2/class-notes")),
        All("GET /weeks/{number:int}/{itemId}/slides/{slide:int}", "/weeks/7/lecture/slides/2", Expect.Ok),
        new("POST SlideModel.Complete", "POST", "/weeks/7/lecture/slides/2?handler=Complete", Expect.SignIn, new(302, "/weeks/7/lecture/slides/2"), new(302, "/weeks/7/lecture/slides/2"), new(302, "/weeks/7/lecture/slides/2")),
        All("GET /weeks/{number:int}/{itemId}/transcript", "/weeks/7/lecture/transcript", Expect.Ok),
        All("GET /embed/weeks/{number:int}/{itemId}/slides/{slide:int}", "/embed/weeks/7/lecture/slides/1", Expect.Ok),
        All("GET /weeks/{week:int}/{itemId}/download", "/weeks/7/lecture/download", Expect.Ok),
        All("GET /error", "/error", new(500)),
        All("POST ErrorModel.", "/error", new(500)),
        All("GET /status/{code:int}", "/status/404", Expect.NotFound),
        All("POST StatusModel.", "/status/404", Expect.NotFound),
        All("GET /healthz", "/healthz", Expect.Ok),
        All("GET /readyz", "/readyz", Expect.Ok),
        // Operators only (loopback or the configured token, neither of which these callers have): ObservabilityTests.
        All("GET /metrics", "/metrics", Expect.NotFound),
        All("GET /account/register", "/account/register", Expect.Ok),
        All("POST RegisterModel.", "/account/register", Expect.Ok),
        All("GET /account/sign-in", "/account/sign-in", Expect.Ok),
        All("POST SignInModel.", "/account/sign-in", Expect.Ok),
        SignedIn("GET /account/sign-out", "/account/sign-out", Expect.Ok),
        SignedIn("POST SignOutModel.", "/account/sign-out", new(302, "/")),
        All("GET /account/access-denied", "/account/access-denied", new(403)),
        SignedIn("GET /account", "/account", Expect.Ok),
        SignedIn("POST IndexModel.CreateToken", "/account?handler=CreateToken", Expect.Ok, new() { ["name"] = "" }),
        new("POST IndexModel.RevokeToken", "POST", "/account?handler=RevokeToken&id={token}", Expect.SignIn, new(302, "/account"), Expect.NotFound, Expect.NotFound),
        SignedIn("GET /account/change-password", "/account/change-password", Expect.Ok),
        SignedIn("POST ChangePasswordModel.", "/account/change-password", Expect.Ok),
        SignedIn("GET /account/export", "/account/export", Expect.Ok),
        SignedIn("GET /account/reset", "/account/reset", Expect.Ok),
        SignedIn("POST ResetModel.", "/account/reset", Expect.Ok),
        SignedIn("GET /account/delete", "/account/delete", Expect.Ok),
        SignedIn("POST DeleteModel.", "/account/delete", Expect.Ok),
        SignedIn("GET /dashboard", "/dashboard", Expect.Ok),

        // Mail (issue 18). Links from mail work signed out; without their token they are refused (400).
        All("GET /account/forgot-password", "/account/forgot-password", Expect.Ok),
        All("POST ForgotPasswordModel.", "/account/forgot-password", Expect.Ok),
        All("GET /account/reset-password", "/account/reset-password", new(400)),
        All("POST ResetPasswordModel.", "/account/reset-password", new(400)),
        All("GET /account/confirm-email", "/account/confirm-email", new(400)),
        All("POST ConfirmEmailModel.", "/account/confirm-email", new(400)),
        All("GET /account/confirm-email-change", "/account/confirm-email-change", new(400)),
        All("POST ConfirmEmailChangeModel.", "/account/confirm-email-change", new(400)),
        SignedIn("GET /account/change-email", "/account/change-email", Expect.Ok),
        SignedIn("POST ChangeEmailModel.", "/account/change-email", Expect.Ok),
        SignedIn("GET /account/email", "/account/email", Expect.Ok),
        SignedIn("POST EmailModel.", "/account/email", new(302, "/account"), new() { ["hour"] = "8", ["timeZone"] = "UTC" }),
        SignedIn("POST EmailModel.Resend", "/account/email?handler=Resend", new(302, "/account")),
        All("GET /email/unsubscribe", "/email/unsubscribe", new(400)),
        All("POST UnsubscribeModel.", "/email/unsubscribe", new(400)),
        All("POST /email/unsubscribe/one-click", "/email/unsubscribe/one-click?token=x", new(400)),
        All("GET /email/unsubscribe/one-click", "/email/unsubscribe/one-click?token=x", new(302, "/email/unsubscribe?token=x")),
        All("GET /announcements", "/announcements", Expect.Ok),
        Instructor("GET /announcements/new", "GET", "/announcements/new", Expect.Ok),
        Instructor("POST NewAnnouncementModel.", "POST", "/announcements/new", Expect.Ok),
        new("GET /instructor", "GET", "/instructor", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),
        All("GET /api/v1/course", "/api/v1/course", Expect.Ok),
        All("GET /api/v1/weeks/{week:int}/items/{itemId}", "/api/v1/weeks/7/items/lecture", Expect.Ok),
        SignedIn("GET /api/v1/me/progress", "/api/v1/me/progress", Expect.Ok),
        SignedIn("PUT /api/v1/me/progress/weeks/{week:int}/items/{itemId}/slides/{slide:int}", "/api/v1/me/progress/weeks/7/items/lecture/slides/3", Expect.NoContent),
        SignedIn("PUT /api/v1/me/progress/weeks/{week:int}/items/{itemId}/completion", "/api/v1/me/progress/weeks/7/items/lecture/completion", Expect.NoContent),
        All("GET /api/v1/nothing-here (no route: 404 problem)", "/api/v1/nothing-here", Expect.NotFound),
        All("GET /lab", "/lab", Expect.Ok),
        All("GET /lab/sampling", "/lab/sampling", Expect.Ok),
        All("GET /lab/evaluation", "/lab/evaluation", Expect.Ok),
        All("GET /lab/economics", "/lab/economics", Expect.Ok),
        All("GET /lab/peft", "/lab/peft", Expect.Ok),
        All("GET /api/v1/lab/sampling", "/api/v1/lab/sampling?prompt=fine%20tuning", Expect.Ok),
        All("GET /api/v1/lab/accuracy", "/api/v1/lab/accuracy?predicted=a&gold=a", Expect.Ok),
        All("GET /api/v1/lab/text-metrics", "/api/v1/lab/text-metrics?candidate=the%20cat&references=the%20cat", Expect.Ok),
        All("GET /api/v1/lab/rouge-bootstrap", "/api/v1/lab/rouge-bootstrap?candidates=the%20cat&references=the%20cat", Expect.Ok),
        All("GET /api/v1/lab/break-even", "/api/v1/lab/break-even", Expect.Ok),
        All("GET /api/v1/lab/peft", "/api/v1/lab/peft", Expect.Ok),
        All("GET /weeks/{number:int}/{itemId}/study/flashcards", "/weeks/7/flashcards/study/flashcards", Expect.Ok),
        All("POST FlashcardsModel.Star", "/weeks/7/flashcards/study/flashcards?handler=Star&cardId=what-is-fine-tuning", new(302, "/weeks/7/flashcards/study/flashcards")),
        All("GET /weeks/{number:int}/{itemId}/study/learn", "/weeks/7/flashcards/study/learn", Expect.Ok),
        All("POST LearnModel.Answer", "/weeks/7/flashcards/study/learn?handler=Answer", new(302, "/weeks/7/flashcards/study/learn")),
        All("POST LearnModel.NextRound", "/weeks/7/flashcards/study/learn?handler=NextRound", new(302, "/weeks/7/flashcards/study/learn")),
        All("POST LearnModel.Restart", "/weeks/7/flashcards/study/learn?handler=Restart", Expect.Ok),
        All("GET /weeks/{number:int}/{itemId}/study/test", "/weeks/7/flashcards/study/test", Expect.Ok),
        All("POST TestModel.", "/weeks/7/flashcards/study/test", new(302, "/weeks/7/flashcards/study/test")),
        All("GET /weeks/{number:int}/{itemId}/study/match", "/weeks/7/flashcards/study/match", Expect.Ok),
        All("POST MatchModel.Pair", "/weeks/7/flashcards/study/match?handler=Pair", new(302, "/weeks/7/flashcards/study/match")),
        All("POST MatchModel.Show", "/weeks/7/flashcards/study/match?handler=Show", new(302, "/weeks/7/flashcards/study/match")),
        All("GET /weeks/{number:int}/{itemId}/study/sort", "/weeks/7/flashcards/study/sort", Expect.Ok),
        All("POST SortModel.Sort", "/weeks/7/flashcards/study/sort?handler=Sort", new(302, "/weeks/7/flashcards/study/sort")),
        All("POST SortModel.NextRound", "/weeks/7/flashcards/study/sort?handler=NextRound", new(302, "/weeks/7/flashcards/study/sort")),
        All("POST SortModel.Restart", "/weeks/7/flashcards/study/sort?handler=Restart", Expect.Ok),
        All("GET /weeks/{number:int}/{itemId}/study/analytics", "/weeks/7/flashcards/study/analytics", Expect.Ok),
        All("GET /study/review", "/study/review", Expect.Ok),
        All("POST ReviewModel.", "/study/review", Expect.NotFound),
        SignedIn("GET /study/settings", "/study/settings", Expect.Ok),

        // Private decks (issue 16, point 6): {deck} is a deck of the first learner, with cards. Its pages answer its
        // owner only; anyone else, signed in or not, finds nothing there (404). Ids that do not exist are 404 for all.
        SignedIn("GET /study/decks", "/study/decks", Expect.Ok),
        SignedIn("POST MyDecksModel.", "/study/decks", new(302, "/study/decks/"), new() { ["Title"] = "Matrix deck" }),
        SignedIn("POST MyDecksModel.Copy", "/study/decks?handler=Copy&week=7&deckId=flashcards", new(302, "/study/decks/")),
        Owner("GET /study/decks/{deckId:long}", "GET", "/study/decks/{deck}", Expect.Ok),
        Owner("GET /study/decks/{deckId:long}/flashcards", "GET", "/study/decks/{deck}/flashcards", Expect.Ok),
        Owner("GET /study/decks/{deckId:long}/learn", "GET", "/study/decks/{deck}/learn", Expect.Ok),
        Owner("GET /study/decks/{deckId:long}/test", "GET", "/study/decks/{deck}/test", Expect.Ok),
        Owner("GET /study/decks/{deckId:long}/match", "GET", "/study/decks/{deck}/match", Expect.Ok),
        Owner("GET /study/decks/{deckId:long}/sort", "GET", "/study/decks/{deck}/sort", Expect.Ok),
        Owner("GET /study/decks/{deckId:long}/analytics", "GET", "/study/decks/{deck}/analytics", Expect.Ok),
        Owner("POST PrivateDeckModel.Rename", "POST", "/study/decks/{deck}?handler=Rename", new(302, "/study/decks/{deck}"), new() { ["title"] = "Matrix deck" }),
        Owner("POST PrivateDeckModel.AddCard", "POST", "/study/decks/{deck}?handler=AddCard", new(302, "/study/decks/{deck}"), new() { ["front"] = "Matrix front", ["back"] = "Matrix back" }),
        Owner("POST PrivateDeckModel.Paste", "POST", "/study/decks/{deck}?handler=Paste", new(302, "/study/decks/{deck}"), new() { ["text"] = "Pasted front\tPasted back", ["between"] = "tab", ["cards"] = "newline" }),
        All("POST PrivateDeckModel.EditCard", "/study/decks/{deck}?handler=EditCard&cardId=999999", Expect.NotFound),
        All("POST PrivateDeckModel.DeleteCard", "/study/decks/{deck}?handler=DeleteCard&cardId=999999", Expect.NotFound),
        All("POST PrivateDeckModel.Delete", "/study/decks/999999?handler=Delete", Expect.NotFound),
        Owner("GET /api/v1/me/study/weeks/{week:int}/decks/{deckId}/stats (private)", "GET", "/api/v1/me/study/weeks/-1/decks/my-{deck}/stats", Expect.Ok, anonymous: Expect.Unauthorized),
        SignedIn("POST SettingsModel.", "/study/settings", new(302, "/study/settings")),
        new("GET /study/import", "GET", "/study/import", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),
        new("POST ImportModel.", "POST", "/study/import", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),
        new("POST ImportModel.Check", "POST", "/study/import?handler=Check", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),
        All("GET /weeks/{number:int}/{deckId}/export.tsv", "/weeks/7/flashcards/export.tsv", Expect.Ok),
        All("GET /api/v1/weeks/{week:int}/decks/{deckId}/cards", "/api/v1/weeks/7/decks/flashcards/cards", Expect.Ok),
        SignedIn("GET /api/v1/me/study/due", "/api/v1/me/study/due", Expect.Ok),
        new("PUT /api/v1/me/study/reviews/{reviewId}", "PUT", "/api/v1/me/study/reviews/r1", Expect.Unauthorized, Expect.Ok, Expect.Ok, Expect.Ok, Json: """{"week":7,"deckId":"flashcards","cardId":"what-is-fine-tuning","rating":"good"}"""),
        SignedIn("GET /api/v1/me/study/weeks/{week:int}/decks/{deckId}/stats", "/api/v1/me/study/weeks/7/decks/flashcards/stats", Expect.Ok),


        // Publishing: state-changing instructor handlers point at week 99, which does not exist, so the
        // matrix never changes the course the other rules read.
        All("GET /search", "/search?q=fine-tuning", Expect.Ok),
        All("GET /sitemap.xml", "/sitemap.xml", Expect.Ok),
        Instructor("GET /instructor/weeks/{number:int}", "GET", "/instructor/weeks/7", Expect.Ok),
        Instructor("POST WeekModel.Publish", "POST", "/instructor/weeks/99?handler=Publish", Expect.NotFound),
        Instructor("POST WeekModel.Schedule", "POST", "/instructor/weeks/99?handler=Schedule", Expect.NotFound),
        Instructor("POST WeekModel.Unpublish", "POST", "/instructor/weeks/99?handler=Unpublish", Expect.NotFound),
        Instructor("POST WeekModel.Preview", "POST", "/instructor/weeks/99?handler=Preview", Expect.NotFound),
        Instructor("POST WeekModel.AddItem", "POST", "/instructor/weeks/99?handler=AddItem", Expect.NotFound),
        Instructor("POST WeekModel.Move", "POST", "/instructor/weeks/99?handler=Move", Expect.NotFound),
        Instructor("POST WeekModel.Delete", "POST", "/instructor/weeks/99?handler=Delete", Expect.NotFound),
        Instructor("POST WeekModel.UploadItem", "POST", "/instructor/weeks/99?handler=UploadItem", Expect.NotFound),
        Instructor("GET /instructor/weeks/{number:int}/images", "GET", "/instructor/weeks/7/images", Expect.Ok),
        Instructor("GET /instructor/weeks/{number:int}/{itemId}/insight", "GET", "/instructor/weeks/7/lecture/insight", Expect.Ok),
        Instructor("POST ImagesModel.Upload", "POST", "/instructor/weeks/99/images?handler=Upload", Expect.NotFound),
        Instructor("POST ImagesModel.Delete", "POST", "/instructor/weeks/99/images?handler=Delete", Expect.NotFound),
        Instructor("POST EditModel.UploadImage", "POST", "/instructor/edit?handler=UploadImage&path=weeks/99-none/01-x.md", Expect.NotFound),
        All("GET /assets/{hash}/{name}", LayersUrl, Expect.Ok),
        Instructor("POST IndexModel.CreateWeek", "POST", "/instructor?handler=CreateWeek", Expect.Ok),
        Instructor("POST IndexModel.Upload", "POST", "/instructor?handler=Upload", Expect.Ok),
        Instructor("GET /instructor/edit", "GET", "/instructor/edit?path=weeks/99-none/01-x.md", Expect.NotFound),
        Instructor("POST EditModel.Preview", "POST", "/instructor/edit?handler=Preview&path=weeks/99-none/01-x.md", Expect.NotFound),
        Instructor("POST EditModel.Save", "POST", "/instructor/edit?handler=Save&path=weeks/99-none/01-x.md", Expect.NotFound),
        Instructor("GET /instructor/history", "GET", "/instructor/history?path=weeks/99-none/01-x.md", Expect.NotFound),
        Instructor("POST HistoryModel.Restore", "POST", "/instructor/history?handler=Restore&id=999999", Expect.NotFound),
        Instructor("GET /instructor/audit", "GET", "/instructor/audit", Expect.Ok),
        Instructor("GET /instructor/overview", "GET", "/instructor/overview", Expect.Ok),
        // FSRS optimisation: the handler's empty form names no scope, so it starts nothing and answers 400.
        Instructor("GET /instructor/scheduling", "GET", "/instructor/scheduling", Expect.Ok),
        Instructor("POST SchedulingModel.Start", "POST", "/instructor/scheduling?handler=Start", new(400)),
        new("GET /api/v1/instructor/scheduling/runs", "GET", "/api/v1/instructor/scheduling/runs", Expect.Unauthorized, new(403), new(403), Expect.Ok),
        new("GET /api/v1/instructor/scheduling/runs/{id:long}", "GET", "/api/v1/instructor/scheduling/runs/999999", Expect.Unauthorized, new(403), new(403), Expect.NotFound),
        new("POST /api/v1/instructor/scheduling/runs", "POST", "/api/v1/instructor/scheduling/runs", Expect.Unauthorized, new(403), new(403), new(415)),
        Instructor("GET /instructor/gradebook", "GET", "/instructor/gradebook?sort=average&dir=desc&csv=true", Expect.Ok),
        Instructor("GET /instructor/gradebook/override", "GET", "/instructor/gradebook/override?learner=nobody&week=7&quiz=quiz", Expect.NotFound),
        Instructor("POST GradeOverrideModel.Set", "POST", "/instructor/gradebook/override?handler=Set&learner=nobody&week=7&quiz=quiz", Expect.NotFound),
        Instructor("POST GradeOverrideModel.Clear", "POST", "/instructor/gradebook/override?handler=Clear&learner=nobody&week=7&quiz=quiz", Expect.NotFound),
        Instructor("GET /instructor/quizzes/{week:int}/{quizId}/overrides", "GET", "/instructor/quizzes/7/quiz/overrides", Expect.Ok),
        Instructor("POST QuizOverridesModel.Set", "POST", "/instructor/quizzes/99/none/overrides?handler=Set", Expect.NotFound),
        Instructor("POST QuizOverridesModel.Clear", "POST", "/instructor/quizzes/99/none/overrides?handler=Clear", Expect.NotFound),
        SignedIn("GET /calendar", "/calendar", Expect.Ok),
        SignedIn("POST CalendarModel.Rotate", "/calendar?handler=Rotate", new(302, "/calendar")),
        SignedIn("POST CalendarModel.Revoke", "/calendar?handler=Revoke", new(302, "/calendar")),
        All("GET /calendar/feed/{feedToken}.ics", "/calendar/feed/cal_unknown.ics", Expect.NotFound),
        new("GET /api/v1/instructor/weeks/{week:int}/items/{itemId}/insight", "GET", "/api/v1/instructor/weeks/7/items/lecture/insight", Expect.Unauthorized, new(403), new(403), Expect.Ok),
        new("POST /api/v1/instructor/preview", "POST", "/api/v1/instructor/preview", Expect.Unauthorized, new(403), new(403), new(415)),


        // Quizzes. {attempt} is an attempt of the first learner at the week 7 quiz, in progress until
        // "POST ConfirmSubmitModel." submits it, so the rules on it run in this order.
        new("GET /weeks/{number:int}/{quizId}/attempts", "GET", "/weeks/7/quiz/attempts", Expect.SignIn, new(302, "/weeks/7/quiz"), new(302, "/weeks/7/quiz"), new(302, "/weeks/7/quiz")),
        new("POST StartAttemptModel.", "POST", "/weeks/7/quiz/attempts", Expect.SignIn, new(302, "/weeks/7/quiz/attempts/{attempt}"), new(302, "/weeks/7/quiz/attempts/"), new(302, "/weeks/7/quiz/attempts/")),
        new("GET /weeks/{number:int}/{quizId}/attempts/{attemptId}", "GET", "/weeks/7/quiz/attempts/{attempt}", Expect.SignIn, Expect.Ok, Expect.NotFound, Expect.NotFound),
        new("POST AttemptModel.Save", "POST", "/weeks/7/quiz/attempts/{attempt}?handler=Save", Expect.SignIn, new(302, "/weeks/7/quiz/attempts/{attempt}"), Expect.NotFound, Expect.NotFound),
        new("POST AttemptModel.Submit", "POST", "/weeks/7/quiz/attempts/{attempt}?handler=Submit", Expect.SignIn, new(302, "/weeks/7/quiz/attempts/{attempt}/submit"), Expect.NotFound, Expect.NotFound),
        new("GET /weeks/{number:int}/{quizId}/attempts/{attemptId}/submit", "GET", "/weeks/7/quiz/attempts/{attempt}/submit", Expect.SignIn, Expect.Ok, Expect.NotFound, Expect.NotFound),
        SignedIn("GET /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts", "/api/v1/weeks/7/quizzes/quiz/attempts", Expect.Ok),
        SignedIn("POST /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts", "/api/v1/weeks/7/quizzes/quiz/attempts", new(409)),
        new("GET /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts/{attemptId}", "GET", "/api/v1/weeks/7/quizzes/quiz/attempts/{attempt}", Expect.Unauthorized, Expect.Ok, Expect.NotFound, Expect.NotFound),
        new("PUT /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts/{attemptId}/answers", "PUT", "/api/v1/weeks/7/quizzes/quiz/attempts/{attempt}/answers", Expect.Unauthorized, new(400), Expect.NotFound, Expect.NotFound),
        new("GET /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts/{attemptId}/review", "GET", "/api/v1/weeks/7/quizzes/quiz/attempts/{attempt}/review", Expect.Unauthorized, new(409), Expect.NotFound, Expect.NotFound),
        new("POST ConfirmSubmitModel.", "POST", "/weeks/7/quiz/attempts/{attempt}/submit", Expect.SignIn, new(302, "/weeks/7/quiz/attempts/{attempt}/review"), Expect.NotFound, Expect.NotFound),
        new("GET /weeks/{number:int}/{quizId}/attempts/{attemptId}/review", "GET", "/weeks/7/quiz/attempts/{attempt}/review", Expect.SignIn, Expect.Ok, Expect.NotFound, Expect.NotFound),
        new("POST /api/v1/weeks/{week:int}/quizzes/{quizId}/attempts/{attemptId}/submission", "POST", "/api/v1/weeks/7/quizzes/quiz/attempts/{attempt}/submission", Expect.Unauthorized, new(409), Expect.NotFound, Expect.NotFound, Json: "{}"),
        new("GET /instructor/quizzes", "GET", "/instructor/quizzes", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),
        new("GET /instructor/quizzes/{week:int}/{quizId}", "GET", "/instructor/quizzes/7/quiz", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),
        new("POST QuizStatisticsModel.Regrade", "POST", "/instructor/quizzes/7/quiz?handler=Regrade", Expect.SignIn, Expect.Denied, Expect.Denied, new(302, "/instructor/quizzes/7/quiz")),
        new("GET /instructor/quizzes/{week:int}/{quizId}/attempts.csv", "GET", "/instructor/quizzes/7/quiz/attempts.csv", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.Ok),

        // Essay grading and GIFT import (instructors only). The grade handler and API name no attempt, so they answer
        // 404 and change nothing; the import form without a week re-shows the page with its problems.
        Instructor("GET /instructor/quizzes/{week:int}/{quizId}/grading", "GET", "/instructor/quizzes/7/quiz/grading", Expect.Ok),
        Instructor("POST QuizGradingModel.Grade", "POST", "/instructor/quizzes/7/quiz/grading?handler=Grade", Expect.NotFound),
        new("GET /api/v1/instructor/weeks/{week:int}/quizzes/{quizId}/essays", "GET", "/api/v1/instructor/weeks/7/quizzes/quiz/essays", Expect.Unauthorized, new(403), new(403), Expect.Ok),
        new("PUT /api/v1/instructor/weeks/{week:int}/quizzes/{quizId}/attempts/{attemptId}/grades/{questionId}", "PUT", "/api/v1/instructor/weeks/7/quizzes/quiz/attempts/00000000000000000000000000000000/grades/q1", Expect.Unauthorized, new(403), new(403), Expect.NotFound, Json: """{"mark":1}"""),
        Instructor("GET /instructor/import-quiz", "GET", "/instructor/import-quiz", Expect.Ok),
        Instructor("POST ImportQuizModel.", "POST", "/instructor/import-quiz", Expect.Ok),

        // The colour scheme is a display choice kept in a cookie: anyone may set it, and goes back to a local page.
        All("GET /theme", "/theme?set=dark&returnUrl=/lab", new(302, "/lab")),

        // Glossary, printable week and offline reading (issue 19). The course has a glossary, so starting one only opens it.
        All("GET /glossary", "/glossary", Expect.Ok),
        All("GET /weeks/{number:int}/print", "/weeks/7/print", Expect.Ok),
        All("GET /offline", "/offline", Expect.Ok),
        SignedIn("GET /api/v1/me/offline-token", "/api/v1/me/offline-token", Expect.Ok),
        Instructor("POST IndexModel.CreateGlossary", "POST", "/instructor?handler=CreateGlossary", new(302, "/instructor/edit?path=glossary.md")),

        // Discussion. Thread and post ids that do not exist: who may call what is checked before anything is
        // found (tests/LlmCourse.Web.Tests/Discussion covers the same handlers on real threads and posts).
        All("GET /weeks/{number:int}/{itemId}/discussion", "/weeks/2/class-notes/discussion", Expect.Ok),
        new("POST ItemDiscussionModel.Start", "POST", "/weeks/2/class-notes/discussion?handler=Start", Expect.SignIn, new(400), new(400), new(400)),
        All("GET /discussion/{threadId:long}", "/discussion/999999", Expect.NotFound),
        new("POST ThreadModel.Reply", "POST", "/discussion/999999?handler=Reply", Expect.SignIn, Expect.NotFound, Expect.NotFound, Expect.NotFound, new() { ["Body"] = "x" }),
        new("POST ThreadModel.Delete", "POST", "/discussion/999999?handler=Delete&postId=999999", Expect.SignIn, Expect.NotFound, Expect.NotFound, Expect.NotFound),
        new("POST ThreadModel.Report", "POST", "/discussion/999999?handler=Report&postId=999999", Expect.SignIn, Expect.NotFound, Expect.NotFound, Expect.NotFound),
        new("POST ThreadModel.Hide", "POST", "/discussion/999999?handler=Hide&postId=999999", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.NotFound),
        new("POST ThreadModel.Unhide", "POST", "/discussion/999999?handler=Unhide&postId=999999", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.NotFound),
        new("POST ThreadModel.Answer", "POST", "/discussion/999999?handler=Answer&postId=999999", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.NotFound),
        new("POST ThreadModel.Unanswer", "POST", "/discussion/999999?handler=Unanswer", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.NotFound),
        new("POST ThreadModel.Pin", "POST", "/discussion/999999?handler=Pin", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.NotFound),
        new("POST ThreadModel.Unpin", "POST", "/discussion/999999?handler=Unpin", Expect.SignIn, Expect.Denied, Expect.Denied, Expect.NotFound),
        new("GET /discussion/posts/{postId:long}/edit", "GET", "/discussion/posts/999999/edit", Expect.SignIn, Expect.NotFound, Expect.NotFound, Expect.NotFound),
        new("POST EditPostModel.", "POST", "/discussion/posts/999999/edit", Expect.SignIn, Expect.NotFound, Expect.NotFound, Expect.NotFound, new() { ["Body"] = "x" }),
        Instructor("GET /discussion/unanswered", "GET", "/discussion/unanswered", Expect.Ok),
        Instructor("GET /discussion/reports", "GET", "/discussion/reports", Expect.Ok),
        Instructor("POST ReportsModel.Hide", "POST", "/discussion/reports?handler=Hide&postId=999999", Expect.NotFound),
        Instructor("POST ReportsModel.Dismiss", "POST", "/discussion/reports?handler=Dismiss&postId=999999", Expect.NotFound),
        SignedIn("GET /discussion/notifications", "/discussion/notifications", Expect.Ok),
        SignedIn("POST NotificationsModel.Open", "/discussion/notifications?handler=Open&id=999999", Expect.NotFound),
        SignedIn("POST NotificationsModel.ReadAll", "/discussion/notifications?handler=ReadAll", new(302, "/discussion/notifications")),
        All("GET /api/v1/weeks/{week:int}/items/{itemId}/threads", "/api/v1/weeks/2/items/class-notes/threads", Expect.Ok),
        new("POST /api/v1/weeks/{week:int}/items/{itemId}/threads", "POST", "/api/v1/weeks/2/items/class-notes/threads", Expect.Unauthorized, new(400), new(400), new(400), Json: """{"title":"","body":""}"""),
        All("GET /api/v1/threads/{threadId:long}", "/api/v1/threads/999999", Expect.NotFound),
        new("POST /api/v1/threads/{threadId:long}/posts", "POST", "/api/v1/threads/999999/posts", Expect.Unauthorized, Expect.NotFound, Expect.NotFound, Expect.NotFound, Json: """{"body":"x"}"""),
        new("PUT /api/v1/posts/{postId:long}", "PUT", "/api/v1/posts/999999", Expect.Unauthorized, Expect.NotFound, Expect.NotFound, Expect.NotFound, Json: """{"body":"x"}"""),
        new("DELETE /api/v1/posts/{postId:long}", "DELETE", "/api/v1/posts/999999", Expect.Unauthorized, Expect.NotFound, Expect.NotFound, Expect.NotFound),
        new("POST /api/v1/discussion/preview", "POST", "/api/v1/discussion/preview", Expect.Unauthorized, Expect.Ok, Expect.Ok, Expect.Ok, Json: """{"body":"x"}"""),
    ];

    [Fact]
    public void EveryEndpoint_HasARule()
    {
        var keys = Rules.Select(r => r.Key).ToHashSet();
        var missing = DiscoverKeys().Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "No authorization rule for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task EveryRule_GivesEachCallerTheExpectedStatus()
    {
        var clients = new Dictionary<Who, HttpClient>
        {
            [Who.Anonymous] = TestAccounts.NewClient(factory),
            [Who.Learner] = await TestAccounts.RegisterAsync(factory),
            [Who.Other] = await TestAccounts.RegisterAsync(factory),
            [Who.Instructor] = await TestAccounts.InstructorAsync(factory),
        };
        var created = await TestAccounts.PostFormAsync(clients[Who.Learner], "/account?handler=CreateToken", new() { ["name"] = "matrix" }, formUrl: "/account");
        var token = System.Text.RegularExpressions.Regex.Match(await clients[Who.Learner].GetStringAsync("/account"), "id=(\\d+)&amp;handler=RevokeToken").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"token not created ({created.StatusCode})");
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/v1/weeks/7/quizzes/quiz/attempts");
        start.Headers.Add("X-CSRF-TOKEN", await TestAccounts.AntiforgeryTokenAsync(clients[Who.Learner], "/"));
        var started = await clients[Who.Learner].SendAsync(start);
        var attempt = System.Text.RegularExpressions.Regex.Match(started.Headers.Location?.OriginalString ?? "", "[0-9a-f]{32}").Value;
        Assert.False(string.IsNullOrEmpty(attempt), $"attempt not started ({started.StatusCode})");

        var deck = await TestAccounts.PostFormAsync(clients[Who.Learner], "/study/decks", new() { ["Title"] = "Matrix deck" }, formUrl: "/study/decks");
        var deckId = System.Text.RegularExpressions.Regex.Match(deck.Headers.Location?.OriginalString ?? "", "/study/decks/(\\d+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(deckId), $"deck not created ({deck.StatusCode})");
        await TestAccounts.PostFormAsync(clients[Who.Learner], $"/study/decks/{deckId}?handler=AddCard", new() { ["front"] = "First", ["back"] = "Card" }, formUrl: $"/study/decks/{deckId}");

        var failures = new List<string>();
        // Signing out ends the session for the rules after it, so it goes last.
        foreach (var rule in Rules.OrderBy(r => r.Key == "POST SignOutModel."))
        {
            // The owner's revoke goes last for the owner, so others try a live token first.
            foreach (var who in rule.Key == "POST IndexModel.RevokeToken" ? [Who.Anonymous, Who.Other, Who.Instructor, Who.Learner] : Enum.GetValues<Who>())
            {
                var client = clients[who];
                var url = rule.Url.Replace("{token}", token, StringComparison.Ordinal).Replace("{attempt}", attempt, StringComparison.Ordinal).Replace("{deck}", deckId, StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(rule.Method), url);
                if (rule.Method != "GET")
                {
                    var antiforgery = await TestAccounts.AntiforgeryTokenAsync(client, "/account/sign-in");
                    request.Headers.Add("X-CSRF-TOKEN", antiforgery);
                    if (rule.Json is not null)
                    {
                        request.Content = new StringContent(rule.Json, System.Text.Encoding.UTF8, "application/json");
                    }
                    else if (rule.Method == "POST")
                    {
                        var fields = new Dictionary<string, string>(rule.Form ?? []) { ["__RequestVerificationToken"] = antiforgery };
                        request.Content = new FormUrlEncodedContent(fields);
                    }
                }

                var response = await client.SendAsync(request);
                var expected = rule.For(who);
                var location = response.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : null;
                var expectedLocation = expected.Location?.Replace("{attempt}", attempt, StringComparison.Ordinal).Replace("{deck}", deckId, StringComparison.Ordinal);
                var ok = (int)response.StatusCode == expected.Status &&
                         (expectedLocation is null || (location?.StartsWith(expectedLocation, StringComparison.Ordinal) ?? false));
                if (!ok)
                {
                    failures.Add($"{rule.Key} as {who}: expected {expected.Status} {expected.Location}, got {(int)response.StatusCode} {location}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task EveryStateChangingRule_WithoutAntiforgeryToken_IsRefused()
    {
        var learner = await TestAccounts.RegisterAsync(factory);
        var instructor = await TestAccounts.InstructorAsync(factory);
        static bool Allowed(Expect e) => e.Status < 400 && e != Expect.SignIn && e != Expect.Denied;
        var failures = new List<string>();
        foreach (var rule in Rules.Where(r => r.Method != "GET" && (Allowed(r.Learner) || Allowed(r.Instructor))))
        {
            // Ask as someone the rule lets in, so only the missing token can explain a refusal.
            var client = Allowed(rule.Learner) ? learner : instructor;
            using var request = new HttpRequestMessage(new HttpMethod(rule.Method), rule.Url.Replace("{token}", "1", StringComparison.Ordinal).Replace("{deck}", "1", StringComparison.Ordinal));
            request.Content = rule.Json is not null
                ? new StringContent(rule.Json, System.Text.Encoding.UTF8, "application/json")
                : new FormUrlEncodedContent(rule.Form ?? []);

            var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"{rule.Key}: expected 400 without a token, got {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(HttpStatusCode.OK, (await learner.GetAsync("/dashboard")).StatusCode);
    }

    /// <summary>"GET pattern" for every routed endpoint, and "POST Model.Handler" for every page POST handler.</summary>
    private IEnumerable<string> DiscoverKeys()
    {
        var sources = factory.Services.GetRequiredService<EndpointDataSource>();
        foreach (var endpoint in sources.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText?.Trim('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m != "HEAD"))
            {
                yield return $"{method} {pattern}";
            }
        }

        var pageModels = typeof(Program).Assembly.GetTypes().Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract);
        foreach (var model in pageModels)
        {
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
                if (name.StartsWith("OnPost", StringComparison.Ordinal))
                {
                    yield return $"POST {model.Name}.{name["OnPost".Length..]}";
                }
            }
        }
    }
}
