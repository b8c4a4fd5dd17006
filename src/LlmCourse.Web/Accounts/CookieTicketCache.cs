using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// Remembers recently read sign-in cookies. The cookie handler decrypts and verifies the cookie (AES, an HMAC and
/// a key derived per cookie) on every request, which is most of the cost of a signed-in page once the page itself
/// comes from a cache. The same cookie text always yields the same ticket, so a copy is kept for
/// <see cref="Lifetime"/>, keyed by the exact text. Everything after reading the cookie still runs on every
/// request: expiry, sliding renewal and the session check (<see cref="SignInSessions"/>, against the database or a
/// copy of the row its notices keep current), so a copy kept here never lets an ended session through that the
/// session check would refuse. Callers get their own copy to change.
/// </summary>
public sealed class CookieTicketCache(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock) : ISecureDataFormat<AuthenticationTicket>
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Bounded: only cookies that decrypted get here, but a crowd of them must not grow memory without limit.</summary>
    public const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, DateTimeOffset Until)> _tickets = new(StringComparer.Ordinal);

    public int Count => _tickets.Count;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        // A purpose (TLS token binding) is part of what is checked: those are not remembered.
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        var now = clock.GetUtcNow();
        if (_tickets.TryGetValue(protectedText, out var kept) && kept.Until > now)
        {
            return kept.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is null)
        {
            _tickets.TryRemove(protectedText, out _);
            return null;
        }

        if (_tickets.Count >= MaxEntries)
        {
            foreach (var (key, entry) in _tickets)
            {
                if (entry.Until <= now)
                {
                    _tickets.TryRemove(key, out _);
                }
            }
        }

        if (_tickets.Count < MaxEntries)
        {
            _tickets[protectedText] = (ticket.Clone(), now + Lifetime);
        }

        return ticket;
    }
}
