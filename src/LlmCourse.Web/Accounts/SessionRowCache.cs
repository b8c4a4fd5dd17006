using System.Collections.Concurrent;

namespace LlmCourse.Web.Accounts;

/// <summary>
/// This instance's copies of session rows, so that a signed-in request on PostgreSQL needs no round trip. A copy is
/// trusted only while <see cref="ChangeListener"/> has been listening without a break since before the copy was read
/// (its <see cref="Epoch"/>): the database's triggers NOTIFY every change to a session, an account's security stamp
/// or a learner's version, and the listener evicts what they name. A reconnect starts a new epoch and drops every
/// copy, since notices sent while the connection was down are lost.
/// A copy is also trusted only when its learner version is at least the one the browser says it last wrote
/// (<see cref="LearnerVersionCookie"/>): the learner's own write shows on the very next request, whichever instance
/// serves it and however late the notice arrives.
/// On SQLite no listener runs, so nothing is ever trusted and every request reads the row, as before: there is
/// no NOTIFY to hear another process (the operators' command line) change the file, and the read is an
/// in-process lookup that costs little.
/// </summary>
/// <param name="read">Reads a row from the database: <see cref="SessionReader.ReadAsync"/>.</param>
public sealed class SessionRowCache(Func<string, CancellationToken, Task<SessionRow?>> read)
{
    /// <summary>Sessions kept; past this the copies are dropped and refill as requests come.</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    // Per account, so that one notice about a stamp or a version evicts all of the account's sessions at once.
    private readonly ConcurrentDictionary<string, Account> _accounts = new(StringComparer.Ordinal);

    private long _epoch;
    private long _changes;
    private volatile bool _live;
    private long _hits;

    private sealed record Session(string UserId, long Epoch);

    private sealed record Account(string? SecurityStamp, long LearnerVersion, long Epoch);

    /// <summary>Whether the listener is connected now; copies are trusted only then.</summary>
    public bool IsLive => _live;

    /// <summary>Bumped at each connect and each loss of the listener's connection.</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>Rows served from a copy since start (for tests and diagnostics).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    public int Count => _sessions.Count;

    /// <summary>
    /// The session's row from a trusted copy whose learner version is at least <paramref name="atLeastVersion"/>,
    /// else null (the caller reads it with <see cref="ReadAsync"/>).
    /// </summary>
    public SessionRow? TryGet(string sessionId, long atLeastVersion)
    {
        var epoch = Epoch;
        if (!_live
            || !_sessions.TryGetValue(sessionId, out var session) || session.Epoch != epoch
            || !_accounts.TryGetValue(session.UserId, out var account) || account.Epoch != epoch
            || account.LearnerVersion < atLeastVersion)
        {
            return null;
        }

        Interlocked.Increment(ref _hits);
        return new SessionRow(session.UserId, account.SecurityStamp, account.LearnerVersion);
    }

    /// <summary>Reads the row from the database and keeps a copy when it can be trusted.</summary>
    public async Task<SessionRow?> ReadAsync(string sessionId, CancellationToken cancellationToken)
    {
        // Taken before the read: a notice arriving while the read runs may concern a change the read missed.
        var live = _live;
        var epoch = Epoch;
        var changes = Interlocked.Read(ref _changes);
        var row = await read(sessionId, cancellationToken);
        if (row is not null && live)
        {
            Keep(sessionId, row, epoch, changes);
        }

        return row;
    }

    /// <summary>The listener is connected and listening: copies read from now on can be trusted.</summary>
    public void Connected() => Restart(live: true);

    /// <summary>The listener lost its connection: notices may be lost, so nothing is trusted until it is back.</summary>
    public void Disconnected() => Restart(live: false);

    /// <summary>A session was started, changed or ended (signed out).</summary>
    public void SessionChanged(string sessionId)
    {
        Interlocked.Increment(ref _changes);
        _sessions.TryRemove(sessionId, out _);
    }

    /// <summary>An account's security stamp or learner version changed, or the account was deleted.</summary>
    public void AccountChanged(string userId)
    {
        Interlocked.Increment(ref _changes);
        _accounts.TryRemove(userId, out _);
    }

    private void Keep(string sessionId, SessionRow row, long epoch, long changes)
    {
        if (_sessions.Count >= MaxEntries)
        {
            _sessions.Clear();
            _accounts.Clear();
        }

        var session = new Session(row.UserId, epoch);
        var account = new Account(row.SecurityStamp, row.LearnerVersion, epoch);
        _sessions[sessionId] = session;
        _accounts[row.UserId] = account;

        // Written first, checked after: an eviction that ran in between either shows in the counter here or
        // comes after the write above and removes it; either way the copy does not outlive the notice.
        if (Interlocked.Read(ref _changes) != changes)
        {
            _sessions.TryRemove(KeyValuePair.Create(sessionId, session));
            _accounts.TryRemove(KeyValuePair.Create(row.UserId, account));
        }
    }

    private void Restart(bool live)
    {
        // Untrusted first, then the new epoch: a copy kept by a read that began before this is never trusted.
        _live = false;
        Interlocked.Increment(ref _epoch);
        Interlocked.Increment(ref _changes);
        _sessions.Clear();
        _accounts.Clear();
        _live = live;
    }
}
