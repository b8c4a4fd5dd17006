namespace LlmCourse.Web.Email;

/// <summary>
/// When a learner's daily digest is due: at their chosen hour on their own clock, once per local day. Pure
/// functions of "now", so the time-zone and daylight-saving cases are tested on a fake clock.
/// </summary>
public static class DigestSchedule
{
    /// <summary>The learner's calendar day at <paramref name="now"/>.</summary>
    public static DateOnly LocalDay(DateTimeOffset now, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>
    /// The instant <paramref name="hour"/>:00 happens on local day <paramref name="day"/>. On the day clocks
    /// spring forward past that hour it does not happen at all, and the digest goes at the first local time after
    /// the gap (the moment the hour was skipped). On the day clocks fall back it happens twice, and the digest goes
    /// at the first.
    /// </summary>
    public static DateTimeOffset SendTime(DateOnly day, int hour, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        for (var guard = 0; zone.IsInvalidTime(local) && guard < 4 * 24; guard++)
        {
            local = local.AddMinutes(15);
        }

        // The earlier of two equal wall-clock times is the one with the larger offset from UTC (before falling back).
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>Whether a digest is due now, and for which local day; <paramref name="lastDay"/> is the day of the last one.</summary>
    public static bool IsDue(DateTimeOffset now, int hour, TimeZoneInfo zone, DateOnly? lastDay, out DateOnly day)
    {
        day = LocalDay(now, zone);
        return (lastDay is null || lastDay < day) && now >= SendTime(day, hour, zone);
    }
}
