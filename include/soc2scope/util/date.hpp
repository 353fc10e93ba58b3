#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace soc2scope::util {

// A calendar date without a time zone: SOC 2 periods, evidence dates and waiver expiries
// are all whole days, and a time zone would only make `--as-of` ambiguous.
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;

    // Days since 1970-01-01 (negative before), for cadence arithmetic.
    std::int64_t to_days() const;
    static Date from_days(std::int64_t days);
    Date plus_days(std::int64_t days) const { return from_days(to_days() + days); }

    std::string to_string() const; // YYYY-MM-DD

    friend auto operator<=>(const Date&, const Date&) = default;
};

enum class DateError { Format, Range };

// Accepts exactly YYYY-MM-DD with a real calendar day (leap years included).
std::optional<Date> parse_date(std::string_view text, DateError* why = nullptr);

bool is_leap_year(int year);
int days_in_month(int year, int month);

// The single source of "today": every date-dependent result goes through a Clock, so the
// CLI's `--as-of` and the tests decide the date, never the wall clock behind their back.
class Clock {
public:
    explicit Clock(Date today) : m_today(today) {}
    static Clock system(); // today in UTC
    Date today() const { return m_today; }

private:
    Date m_today;
};

} // namespace soc2scope::util
