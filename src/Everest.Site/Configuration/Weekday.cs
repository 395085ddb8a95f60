namespace Everest.Site.Configuration;

/// <summary>Days in schedules, written <c>mon</c> … <c>sun</c>.</summary>
public enum Weekday
{
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}
