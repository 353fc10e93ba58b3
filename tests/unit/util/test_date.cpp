#include <catch2/catch.hpp>

#include <soc2scope/util/date.hpp>

using soc2scope::util::Date;
using soc2scope::util::DateError;
using soc2scope::util::parse_date;

TEST_CASE("parse_date accepts real calendar days only", "[util][date]") {
    CHECK(parse_date("2026-01-01") == Date{2026, 1, 1});
    CHECK(parse_date("2024-02-29") == Date{2024, 2, 29});
    CHECK(parse_date("2000-02-29") == Date{2000, 2, 29});

    DateError why = DateError::Format;
    CHECK_FALSE(parse_date("2026-02-29", &why));
    CHECK(why == DateError::Range);
    CHECK_FALSE(parse_date("1900-02-29", &why));
    CHECK(why == DateError::Range);
    CHECK_FALSE(parse_date("2026-13-01", &why));
    CHECK(why == DateError::Range);
    CHECK_FALSE(parse_date("2026-04-31", &why));
    CHECK(why == DateError::Range);

    for (const char* bad : {"2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00:00", "", "x"}) {
        CHECK_FALSE(parse_date(bad, &why));
        CHECK(why == DateError::Format);
    }
}

TEST_CASE("dates convert to days and back across leap years", "[util][date]") {
    CHECK(Date{1970, 1, 1}.to_days() == 0);
    CHECK(Date{2026, 1, 1}.to_days() - Date{2025, 1, 1}.to_days() == 365);
    CHECK(Date{2025, 1, 1}.to_days() - Date{2024, 1, 1}.to_days() == 366);
    CHECK(Date{2026, 2, 28}.plus_days(1) == Date{2026, 3, 1});
    CHECK(Date{2024, 2, 28}.plus_days(1) == Date{2024, 2, 29});
    CHECK(Date{2026, 12, 31}.plus_days(1) == Date{2027, 1, 1});
    CHECK(Date{2026, 3, 1}.plus_days(-1) == Date{2026, 2, 28});
    for (std::int64_t d = -1000; d < 100000; d += 37) {
        CHECK(Date::from_days(d).to_days() == d);
    }
    CHECK(Date{2026, 9, 4}.to_string() == "2026-09-04");
    CHECK(Date{2026, 1, 1} < Date{2026, 1, 2});
}

TEST_CASE("the clock is what it is told", "[util][date]") {
    const soc2scope::util::Clock clock(Date{2026, 11, 30});
    CHECK(clock.today() == Date{2026, 11, 30});
}
