#include <catch2/catch.hpp>

#include "kpproc/dates.hpp"

using namespace kpproc::dates;

namespace {
std::string date_of(std::string_view text) {
    const auto m = find_date(text);
    return m ? m->value : "none";
}
std::string time_of(std::string_view text) {
    const auto m = find_time(text);
    return m ? m->value : "none";
}
}  // namespace

TEST_CASE("Dates in the styles councils write them", "[dates]") {
    CHECK(date_of("held in the Council Chamber on Tuesday, 17 October 2023.") == "2023-10-17");
    CHECK(date_of("Wednesday, 16th July, 2025 2.00 pm") == "2025-07-16");
    CHECK(date_of("held on 6 February 2019") == "2019-02-06");
    CHECK(date_of("Board – 11 November 2015") == "2015-11-11");
    CHECK(date_of("1st Sept. 2021") == "2021-09-01");
    CHECK(date_of("on 3 Mar 2020") == "2020-03-03");
    CHECK(date_of("the 2nd of June 2022") == "2022-06-02");
    CHECK(date_of("Meeting: 17/10/2023 - Kent and Medway Police and Crime Panel") == "2023-10-17");
    CHECK(date_of("Tuesday 11thFebruary 2020") == "2020-02-11");  // a PDF copy lost the space
    CHECK(date_of("the 4thMarch") == "none");
    // A superscript ordinal that a PDF's text layer set apart from its number.
    CHECK(date_of("held on Tuesday 20 th September 2016 at 7.30pm") == "2016-09-20");
    CHECK(date_of("the 1 st of May 2018") == "2018-05-01");
    CHECK(date_of("item 20 th report 2016") == "none");
    CHECK(date_of("15\xC2\xA0September\xC2\xA0"
                  "2020") == "2020-09-15");
}

TEST_CASE("A date match reports where its words are", "[dates]") {
    const std::string text = "held on Tuesday, 17 October 2023.";
    const auto m = find_date(text);
    REQUIRE(m);
    CHECK(text.substr(m->begin, m->end - m->begin) == "17 October 2023");
}

TEST_CASE("Incomplete or impossible dates are not matched", "[dates]") {
    CHECK(date_of("in October 2023") == "none");  // no day
    CHECK(date_of("on 17 October") == "none");    // no year
    CHECK(date_of("31 February 2023") == "none");
    CHECK(date_of("29 February 2023") == "none");
    CHECK(date_of("29 February 2024") == "2024-02-29");
    CHECK(date_of("the 487 new police officers") == "none");
    CHECK(date_of("32/13/2020") == "none");
    CHECK(date_of("2022/23") == "none");
    CHECK(date_of("item 100 May be 2023") == "none");  // 100 is no day
}

TEST_CASE("Times normalise to 24-hour HH:MM", "[dates]") {
    CHECK(time_of("adjourned at 10:16 due to") == "10:16");
    CHECK(time_of("15 September 2020 10.30 am") == "10:30");
    CHECK(time_of("2.00 pm") == "14:00");
    CHECK(time_of("2.00 p.m.") == "14:00");
    CHECK(time_of("at 2pm") == "14:00");
    CHECK(time_of("12 noon") == "none");
    CHECK(time_of("12.15 am") == "00:15");
    CHECK(time_of("12.15 pm") == "12:15");
    CHECK(time_of("reconvened at 11:20") == "11:20");
}

TEST_CASE("Numbers that are not times are left alone", "[dates]") {
    CHECK(time_of("paragraph 10.30 of the report") == "none");
    CHECK(time_of("4.3/10 satisfaction") == "none");
    CHECK(time_of("score 25:61") == "none");
    CHECK(time_of("2 amendments") == "none");
    CHECK(time_of("13 pm") == "none");
}

TEST_CASE("Welsh dates: month names in full and the day's ordinal endings", "[dates]") {
    CHECK(date_of("Dydd Mercher, 12fed Mawrth, 2025 2.00 pm") == "2025-03-12");
    CHECK(date_of("Dydd Mawrth, 14eg Ionawr, 2025") == "2025-01-14");
    CHECK(date_of("Dydd Llun, 1af Rhagfyr, 2025") == "2025-12-01");
    CHECK(date_of("Dydd Iau, 2il Mai, 2024") == "2024-05-02");
    CHECK(date_of("Dydd Gwener, 3ydd Hydref, 2025") == "2025-10-03");
    CHECK(date_of("Dydd Iau, 21ain Tachwedd, 2024") == "2024-11-21");
    CHECK(date_of("y cyfarfod a gynhaliwyd ar 15 Ionawr 2025") == "2025-01-15");
    CHECK(date_of("5ed Gorffennaf 2023") == "2023-07-05");
    CHECK(date_of("9 Chwefror 2024") == "2024-02-09");
    CHECK(date_of("30 Medi 2022") == "2022-09-30");
    CHECK(date_of("8fed Ebrill 2025") == "2025-04-08");
    CHECK(date_of("16eg Mehefin 2025") == "2025-06-16");
    CHECK(date_of("28ain Awst 2025") == "2025-08-28");
}

TEST_CASE("Welsh month words without a day and a year are no date", "[dates]") {
    CHECK(date_of("Mai oedd y cadeirydd") == "none");   // "Mai" the word, no day
    CHECK(date_of("ym mis Mawrth 2025") == "none");     // a month and year, no day
    CHECK(date_of("ar 12fed Mawrth") == "none");        // no year
    CHECK(date_of("3 Mai") == "none");                  // no year
    CHECK(date_of("31 Chwefror 2025") == "none");       // no such day
    CHECK(date_of("12fed item 2025") == "none");        // an ending, but no month
    CHECK(date_of("10 Mawr 2025") == "none");           // a shortened name is not taken
    CHECK(kpproc::dates::month_number("Mawrth") == 0);  // the English reader stays English
    CHECK(kpproc::dates::welsh_month_number("Mawrth") == 3);
    CHECK(kpproc::dates::welsh_month_number("Rhagfyr") == 12);
    CHECK(kpproc::dates::welsh_month_number("March") == 0);
}
