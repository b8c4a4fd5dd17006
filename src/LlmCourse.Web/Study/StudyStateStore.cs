using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using LlmCourse.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LlmCourse.Web.Study;

/// <summary>What a session has scored so far (kept for signed-in learners only).</summary>
/// <param name="TimeMs">Match: final time in milliseconds.</param>
public sealed record SessionTally(int Correct, int Answered, bool Finished, long? TimeMs = null);

/// <summary>
/// Keeps a study mode's running state between requests. For a signed-in learner it lives in a
/// <see cref="StudySession"/> row and the page carries only the row's id; for an anonymous visitor the state itself
/// travels in a hidden form field, encrypted and signed with Data Protection, so answer keys and tile pairings stay
/// unreadable and untampered in the browser.
/// </summary>
public sealed class StudyStateStore(AppDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { IgnoreReadOnlyProperties = true };

    /// <summary>Stores <paramref name="state"/> and returns the handle to put in the page.</summary>
    public async Task<string> SaveAsync<T>(string? userId, StudyDeck deck, string mode, string? handle, T state, SessionTally? tally = null, CancellationToken ct = default)
    {
        if (userId is null)
        {
            return Protect(Scope(deck, mode), state);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = await FindAsync(userId, deck, mode, handle, ct);
        if (row is null)
        {
            row = new StudySession { UserId = userId, WeekNumber = deck.WeekNumber, DeckId = deck.DeckId, Mode = mode, StartedAt = now };
            db.StudySessions.Add(row);
        }

        row.UpdatedAt = now;
        row.StateJson = JsonSerializer.Serialize(state, _json);
        if (tally is not null)
        {
            row.Correct = tally.Correct;
            row.Answered = tally.Answered;
            row.TimeMs = tally.TimeMs;
            row.FinishedAt = tally.Finished ? row.FinishedAt ?? now : null;
        }

        await db.SaveChangesAsync(ct);
        return row.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The state behind <paramref name="handle"/>, or default when it is missing, forged, or someone else's.</summary>
    public async Task<T?> LoadAsync<T>(string? userId, StudyDeck deck, string mode, string? handle, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(handle))
        {
            return default;
        }

        if (userId is null)
        {
            return Unprotect<T>(Scope(deck, mode), handle);
        }

        var row = await FindAsync(userId, deck, mode, handle, ct);
        return row?.StateJson is { } json ? JsonSerializer.Deserialize<T>(json, _json) : default;
    }

    /// <summary>The handle of the learner's latest unfinished session of this mode, to resume it.</summary>
    public async Task<string?> ResumeHandleAsync(string? userId, StudyDeck deck, string mode, CancellationToken ct = default)
    {
        if (userId is null)
        {
            return null;
        }

        var id = await db.StudySessions
            .Where(s => s.UserId == userId && s.WeekNumber == deck.WeekNumber && s.DeckId == deck.DeckId && s.Mode == mode && s.FinishedAt == null)
            .OrderByDescending(s => s.Id)
            .Select(s => (long?)s.Id)
            .FirstOrDefaultAsync(ct);
        return id?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Encrypts and signs a value for one purpose (the scope), to round-trip through a page.</summary>
    public string Protect<T>(string scope, T value) =>
        protection.CreateProtector("LlmCourse.Study", scope).Protect(JsonSerializer.Serialize(value, _json));

    public T? Unprotect<T>(string scope, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(protection.CreateProtector("LlmCourse.Study", scope).Unprotect(token), _json);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return default;
        }
    }

    private static string Scope(StudyDeck deck, string mode) => $"{deck.WeekNumber}/{deck.DeckId}/{mode}";

    private async Task<StudySession?> FindAsync(string userId, StudyDeck deck, string mode, string? handle, CancellationToken ct)
    {
        if (!long.TryParse(handle, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }

        return await db.StudySessions.FirstOrDefaultAsync(
            s => s.Id == id && s.UserId == userId && s.WeekNumber == deck.WeekNumber && s.DeckId == deck.DeckId && s.Mode == mode, ct);
    }
}
