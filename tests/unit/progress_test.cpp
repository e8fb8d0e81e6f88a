#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <string>
#include <vector>

#include "progress.hpp"

using namespace kpproc::cli;
using namespace std::chrono_literals;
using std::chrono::steady_clock;

namespace {

// A clock the test moves by hand.
struct ScriptedClock {
    steady_clock::time_point now{};
    ProgressMeter::Clock function() {
        return [this] { return now; };
    }
};

struct Fixture {
    std::ostringstream out;
    ScriptedClock clock;
    std::size_t columns = 80;
    ProgressMeter make(ProgressMode mode, bool terminal, bool color) {
        return ProgressMeter(out, mode, terminal, color, clock.function(),
                             [this] { return columns; });
    }
};

ProgressState state(std::size_t done, std::size_t total, std::string_view current = {},
                    std::size_t failed = 0) {
    ProgressState s;
    s.done = done;
    s.total = total;
    s.failed = failed;
    s.current = current;
    return s;
}

// The columns a piece of terminal output takes: escape sequences none, CJK two, the rest one
// per code point (what the test names use).
std::size_t screen_columns(std::string_view s) {
    std::size_t columns = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == 0x1B) {
            i = s.find('m', i);
        } else if (c == 0xE3 || c == 0xE4 || c == 0xE5 || c == 0xE6 || c == 0xE7 || c == 0xE8 ||
                   c == 0xE9) {
            columns += 2;  // U+3000..U+9FFF
        } else if ((c & 0xC0) != 0x80) {
            columns += 1;
        }
    }
    return columns;
}

// The pieces of output between carriage returns and newlines: what each write leaves on a row.
std::vector<std::string> rows(const std::string& output) {
    std::vector<std::string> out;
    std::string row;
    for (char c : output) {
        if (c == '\r' || c == '\n') {
            out.push_back(row);
            row.clear();
        } else {
            row += c;
        }
    }
    out.push_back(row);
    return out;
}

// The lines the meter drew (rows without the padding), empty rows left out.
std::vector<std::string> drawn(const std::string& output) {
    std::vector<std::string> out;
    for (auto row : rows(output)) {
        row.erase(row.find_last_not_of(' ') + 1);
        if (!row.empty()) {
            out.push_back(row);
        }
    }
    return out;
}

std::size_t count(const std::string& s, char c) {
    return std::count(s.begin(), s.end(), c);
}

}  // namespace

TEST_CASE("Progress modes parse from the option's words", "[progress]") {
    CHECK(parse_progress_mode("auto") == ProgressMode::automatic);
    CHECK(parse_progress_mode("always") == ProgressMode::always);
    CHECK(parse_progress_mode("never") == ProgressMode::never);
    CHECK_FALSE(parse_progress_mode("yes"));
    CHECK_FALSE(parse_progress_mode(""));
    CHECK_FALSE(parse_progress_mode("Always"));
}

TEST_CASE("Colour only on a terminal, and not when NO_COLOR is set", "[progress]") {
    CHECK(use_color(true, nullptr));
    CHECK_FALSE(use_color(true, "1"));
    CHECK_FALSE(use_color(true, "0"));  // any value counts, even one that reads as false
    CHECK(use_color(true, ""));         // no-color.org: set to an empty string is not set
    CHECK_FALSE(use_color(false, nullptr));
}

TEST_CASE("Durations read as seconds, minutes or hours, truncated", "[progress]") {
    CHECK(format_duration(0s) == "0.0 s");
    CHECK(format_duration(-5s) == "0.0 s");
    CHECK(format_duration(99ms) == "0.0 s");
    CHECK(format_duration(3290ms) == "3.2 s");
    CHECK(format_duration(12400ms) == "12.4 s");
    CHECK(format_duration(59999ms) == "59.9 s");
    CHECK(format_duration(60s) == "1m 00s");
    CHECK(format_duration(65s) == "1m 05s");
    CHECK(format_duration(3599s + 999ms) == "59m 59s");
    CHECK(format_duration(1h) == "1h 00m");
    CHECK(format_duration(2h + 1min + 59s) == "2h 01m");
    CHECK(format_duration(125h + 7min) == "125h 07m");
}

TEST_CASE("Never draws nothing, and auto draws only on a terminal", "[progress]") {
    Fixture f;
    for (auto [mode, terminal] :
         {std::pair{ProgressMode::never, true}, std::pair{ProgressMode::never, false},
          std::pair{ProgressMode::automatic, false}}) {
        ProgressMeter meter = f.make(mode, terminal, terminal);
        CHECK_FALSE(meter.enabled());
        for (std::size_t i = 1; i <= 10; ++i) {
            f.clock.now += 1s;
            meter.update(state(i, 10, "a.txt", 1));
        }
        meter.clear();
        meter.finish();
    }
    CHECK(f.out.str().empty());
    CHECK(f.make(ProgressMode::automatic, true, true).enabled());
    CHECK(f.make(ProgressMode::always, false, false).enabled());
}

TEST_CASE("Updates within 100 ms draw once, and the final state is always drawn", "[progress]") {
    Fixture f;
    ProgressMeter meter = f.make(ProgressMode::always, true, false);
    for (std::size_t i = 1; i <= 50; ++i) {
        meter.update(state(i, 100, "a.txt"));
        f.clock.now += 1ms;  // the 50th update is 49 ms after the first
    }
    CHECK(count(f.out.str(), '\r') == 1);
    CHECK(drawn(f.out.str()) ==
          std::vector<std::string>{"[1/100]  1%  0.0 docs/s  0.0 s  ETA —  a.txt"});
    f.clock.now += 50ms;  // 100 ms after the first draw
    meter.update(state(51, 100, "b.txt"));
    CHECK(count(f.out.str(), '\r') == 2);
    meter.update(state(100, 100, "z.txt"));  // at once: the last state is never skipped
    CHECK(count(f.out.str(), '\r') == 3);
    CHECK(drawn(f.out.str()).back().rfind("[100/100]  100%", 0) == 0);
    meter.update(state(100, 100, "z.txt"));  // but drawn only once
    CHECK(count(f.out.str(), '\r') == 3);
}

TEST_CASE("Rates and ETA on a steady scripted clock", "[progress]") {
    Fixture f;
    ProgressMeter meter = f.make(ProgressMode::always, true, false);
    ProgressState s = state(0, 100, "council/a.txt");
    s.bytes_total = 100 * 200'000;
    for (int i = 1; i <= 5; ++i) {  // one 200 KB document every 100 ms: 10 docs/s, 2 MB/s
        f.clock.now += 100ms;
        s.done += 1;
        s.bytes_done += 200'000;
        meter.update(s);
    }
    // Half a second is too soon to tell.
    CHECK(drawn(f.out.str()).back() ==
          "[5/100]  5%  10 docs/s  2.0 MB/s  0.5 s  ETA —  council/a.txt");
    for (int i = 6; i <= 50; ++i) {
        f.clock.now += 100ms;
        s.done += 1;
        s.bytes_done += 200'000;
        meter.update(s);
    }
    CHECK(meter.docs_per_second() == Approx(10.0));
    CHECK(meter.bytes_per_second() == Approx(2e6));
    CHECK(drawn(f.out.str()).back() ==
          "[50/100]  50%  10 docs/s  2.0 MB/s  5.0 s  ETA 5.0 s  council/a.txt");
}

TEST_CASE("The ETA follows a change of pace and settles on the recent rate", "[progress]") {
    Fixture f;
    ProgressMeter meter = f.make(ProgressMode::always, true, false);
    std::size_t done = 0;
    for (int i = 0; i < 200; ++i) {  // 20 s at 10 docs/s
        f.clock.now += 100ms;
        meter.update(state(++done, 1000));
    }
    CHECK(meter.docs_per_second() == Approx(10.0));
    for (int i = 0; i < 600; ++i) {  // then 30 s at 20 docs/s
        f.clock.now += 50ms;
        meter.update(state(++done, 1000));
    }
    // The average since the start is 16 docs/s; the meter shows the recent pace.
    CHECK(meter.docs_per_second() == Approx(20.0).epsilon(0.03));
    CHECK(drawn(f.out.str()).back() == "[800/1000]  80%  20 docs/s  50.0 s  ETA 10.2 s");
}

TEST_CASE("The ETA counts bytes when the batch's size is known", "[progress]") {
    Fixture f;
    ProgressMeter meter = f.make(ProgressMode::always, true, false);
    ProgressState s = state(0, 3);
    s.bytes_total = 5'000'000;
    for (int i = 0; i < 2; ++i) {  // two 1 MB documents a second apart; the last one is 3 MB
        f.clock.now += 1s;
        s.done += 1;
        s.bytes_done += 1'000'000;
        meter.update(s);
    }
    // By count one document (1 s) is left, by size 3 MB (3 s).
    CHECK(drawn(f.out.str()).back() == "[2/3]  66%  1.0 docs/s  1.0 MB/s  2.0 s  ETA 3.0 s");
}

TEST_CASE("A batch of unknown size shows no percentage and no ETA", "[progress]") {
    Fixture f;
    ProgressMeter meter = f.make(ProgressMode::always, true, false);
    f.clock.now += 3s;
    meter.update(state(3, 0, "x.txt"));
    CHECK(drawn(f.out.str()) == std::vector<std::string>{"[3/?]  1.0 docs/s  3.0 s  ETA —  x.txt"});
}

TEST_CASE("Long names are shortened from the left to fit the terminal", "[progress]") {
    Fixture f;
    f.columns = 60;
    ProgressMeter meter = f.make(ProgressMode::always, true, false);
    f.clock.now += 2s;
    meter.update(state(4, 10, "archive/kent/cabinet/2023/minutes-2023-10-17-extraordinary.txt"));
    const auto line = drawn(f.out.str()).back();
    // The rate gives way, so that the name has room.
    CHECK(line == "[4/10]  40%  2.0 s  ETA 3.0 s  …023-10-17-extraordinary.txt");
    CHECK(screen_columns(line) == 59);
}

TEST_CASE("On a narrow terminal the rates go first, then the elapsed time, then the name",
          "[progress]") {
    const std::string name = "kent/cabinet/2023/minutes-2023-10-17.txt";
    const auto line_at = [&](std::size_t columns) {
        Fixture f;
        f.columns = columns;
        ProgressMeter meter = f.make(ProgressMode::always, true, false);
        ProgressState s = state(396, 2016, name, 2);
        s.bytes_done = 4'700'000;
        f.clock.now += 65s;
        meter.update(s);
        return drawn(f.out.str()).back();
    };
    // 6.09 docs/s; 1620 documents left: 265.9 s. One column is always left free.
    CHECK(line_at(120) ==
          "[396/2016]  19%  6.1 docs/s  0.1 MB/s  1m 05s  ETA 4m 25s  2 failed  " + name);
    CHECK(line_at(80) ==
          "[396/2016]  19%  6.1 docs/s  1m 05s  ETA 4m 25s  2 failed  …utes-2023-10-17.txt");
    CHECK(line_at(60) == "[396/2016]  19%  ETA 4m 25s  2 failed  …utes-2023-10-17.txt");
    CHECK(line_at(40) == "[396/2016]  19%  ETA 4m 25s  2 failed");
    CHECK(line_at(21) == "[396/2016]  2 failed");
    CHECK(line_at(20) == "[396/2016]");
    CHECK(line_at(11) == "[396/2016]");
    CHECK(line_at(6) == "[396/");
}

TEST_CASE("No line is ever wider than the terminal", "[progress]") {
    const std::string names[] = {
        "",
        "short.txt",
        std::string(300, 'n') + ".txt",
        "委員会/議事録/二〇二三年十月十七日の会議の議事録です.txt",
        "a/b/c/" + std::string(100, 'x') + "é.txt",
    };
    for (std::size_t columns = 1; columns <= 130; ++columns) {
        for (const auto& name : names) {
            Fixture f;
            f.columns = columns;
            ProgressMeter meter = f.make(ProgressMode::always, true, true);
            ProgressState s = state(1234, 100000, name, 17);
            s.bytes_done = 123'456'789;
            for (int i = 0; i < 3; ++i) {
                f.clock.now += 2s;
                meter.update(s);
                meter.message("kpproc: error: x");
                s.done += 1;
            }
            meter.finish();
            for (const auto& row : rows(f.out.str())) {
                if (row == "kpproc: error: x") {
                    continue;  // the caller's message, not the meter's
                }
                INFO("columns " << columns << ", row '" << row << "'");
                CHECK(screen_columns(row) <= std::max<std::size_t>(columns, 2) - 1);
            }
        }
    }
}

TEST_CASE("Without colour the meter writes no escape codes, with it failures are red",
          "[progress]") {
    for (bool color : {false, true}) {
        Fixture f;
        ProgressMeter meter = f.make(ProgressMode::always, true, color);
        f.clock.now += 2s;
        meter.update(state(5, 10, "a.txt", 2));
        meter.clear();
        meter.update(state(6, 10, "b.txt", 3));
        meter.finish();
        const std::string out = f.out.str();
        if (color) {
            CHECK(out.find("\033[31m2 failed\033[0m  a.txt") != std::string::npos);
        } else {
            CHECK(out.find('\033') == std::string::npos);
            CHECK(drawn(out)[0] == "[5/10]  50%  2.5 docs/s  2.0 s  ETA 2.0 s  2 failed  a.txt");
        }
    }
}

TEST_CASE("Clearing erases the line, and a message is printed on a line of its own", "[progress]") {
    Fixture f;
    ProgressMeter meter = f.make(ProgressMode::always, true, false);
    meter.update(state(1, 4, "a.txt"));
    const std::string first = "[1/4]  25%  0.0 docs/s  0.0 s  ETA —  a.txt";
    CHECK(f.out.str() == "\r" + first);
    meter.clear();
    CHECK(f.out.str() == "\r" + first + "\r" + std::string(first.size() - 2, ' ') + "\r");
    f.out.str("");
    meter.update(state(2, 4, "b.txt"));  // at once: nothing is on screen to rate-limit
    CHECK(f.out.str() == "\r[2/4]  50%  0.0 docs/s  0.0 s  ETA —  b.txt");
    f.out.str("");
    meter.message("kpproc: error: b.txt: cannot read");
    const std::string blank(first.size() - 2, ' ');  // "—" is 3 bytes, 1 column
    CHECK(f.out.str() ==
          "\r" + blank +
              "\rkpproc: error: b.txt: cannot read\n\r[2/4]  50%  0.0 docs/s  0.0 s  ETA —  b.txt");
    f.out.str("");
    meter.finish();
    CHECK(f.out.str() == "\r" + blank + "\r");
    f.out.str("");
    meter.update(state(3, 4, "c.txt"));
    meter.update(state(4, 4, "d.txt"));
    meter.clear();
    CHECK(f.out.str().empty());
}

TEST_CASE("A shorter line covers what is left of a longer one with spaces", "[progress]") {
    Fixture f;
    ProgressMeter meter = f.make(ProgressMode::always, true, false);
    meter.update(state(1, 4, "a-rather-long-name.txt"));
    f.clock.now += 100ms;
    meter.update(state(2, 4, "b.txt"));
    const auto r = rows(f.out.str());
    REQUIRE(r.size() == 3);
    CHECK(screen_columns(r[2]) == screen_columns(r[1]));
    CHECK(r[2].rfind("[2/4]", 0) == 0);
}

TEST_CASE("Names are shown without control characters or bytes that are not UTF-8", "[progress]") {
    Fixture f;
    ProgressMeter meter = f.make(ProgressMode::always, true, false);
    meter.update(state(1, 4, "a\nb\033c\xff\x7f.txt"));
    CHECK(drawn(f.out.str()).back() == "[1/4]  25%  0.0 docs/s  0.0 s  ETA —  a?b?c??.txt");
}

TEST_CASE("Into a log, always writes plain lines at most once a second", "[progress]") {
    Fixture f;
    ProgressMeter meter = f.make(ProgressMode::always, false, true);
    REQUIRE(meter.enabled());
    std::size_t done = 0;
    for (int i = 0; i < 35; ++i) {  // 3.5 s of documents every 100 ms
        f.clock.now += 100ms;
        meter.update(state(++done, 36, "council/committee/2023/" + std::string(100, 'm') + ".txt"));
        meter.clear();  // nothing to erase in a log
    }
    meter.message("kpproc: warning: something");
    f.clock.now += 100ms;
    meter.update(state(36, 36, "last.txt"));  // the final state, 100 ms later, is written
    meter.finish();
    const std::string out = f.out.str();
    CHECK(out.find('\r') == std::string::npos);
    CHECK(out.find('\033') == std::string::npos);
    std::vector<std::string> lines;
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    REQUIRE(lines.size() == 6);
    CHECK(lines[0] == "kpproc: [1/36]  2%  10 docs/s  0.1 s  ETA —  council/committee/2023/" +
                          std::string(100, 'm') + ".txt");
    CHECK(lines[1].rfind("kpproc: [11/36]  30%  10 docs/s  1.1 s  ETA 2.5 s  ", 0) == 0);
    CHECK(lines[2].rfind("kpproc: [21/36]  58%  10 docs/s  2.1 s  ETA 1.5 s  ", 0) == 0);
    CHECK(lines[3].rfind("kpproc: [31/36]  86%  10 docs/s  3.1 s  ETA 0.5 s  ", 0) == 0);
    CHECK(lines[4] == "kpproc: warning: something");
    CHECK(lines[5] == "kpproc: [36/36]  100%  10 docs/s  3.6 s  ETA 0.0 s  last.txt");
    CHECK(out.back() == '\n');
}

TEST_CASE("Elapsed time runs from the meter's start", "[progress]") {
    Fixture f;
    ProgressMeter meter = f.make(ProgressMode::never, false, false);
    f.clock.now += 1234ms;
    CHECK(meter.elapsed() == 1234ms);
}

// ---- The summary line -------------------------------------------------------------------------

namespace {

BatchSummary summary(std::size_t total, std::size_t failed) {
    BatchSummary s;
    s.total = total;
    s.failed = failed;
    s.elapsed = 12400ms;
    s.bytes = 23'560'000;
    return s;
}

}  // namespace

TEST_CASE("Summary: everything done, with the database's notices and the output", "[progress]") {
    BatchSummary s = summary(2016, 0);
    s.notices = {{"unchanged", 1997}, {"new", 19}};
    s.output = "minutes.sqlite";
    CHECK(format_summary(s) ==
          "kpproc: 2016 documents done in 12.4 s (163 docs/s, 1.9 MB/s): 19 new, 1997 unchanged; "
          "output in minutes.sqlite");
}

TEST_CASE("Summary: some failed, with warnings", "[progress]") {
    BatchSummary s = summary(2016, 2);
    s.notices = {{"unchanged", 1995}, {"new", 18}, {"replaced", 1}};
    s.with_warnings = 3;
    s.output = "minutes.sqlite";
    CHECK(format_summary(s) ==
          "kpproc: 2014 of 2016 documents done in 12.4 s (163 docs/s, 1.9 MB/s): 18 new, 1 "
          "replaced, 1995 unchanged; 2 failed; 3 with warnings; output in minutes.sqlite");
}

TEST_CASE("Summary: everything failed", "[progress]") {
    BatchSummary s = summary(3, 3);
    s.output = "minutes.sqlite";
    CHECK(format_summary(s) == "kpproc: all 3 documents failed in 12.4 s");
    s = summary(1, 1);
    CHECK(format_summary(s) == "kpproc: 1 document failed in 12.4 s");
}

TEST_CASE("Summary: no notices (json), to standard output or a file", "[progress]") {
    BatchSummary s = summary(3, 0);
    s.elapsed = 400ms;
    s.bytes = 84'000;
    CHECK(format_summary(s) == "kpproc: 3 documents done in 0.4 s (7.5 docs/s, 0.2 MB/s)");
    s.output = "out/";
    CHECK(format_summary(s) ==
          "kpproc: 3 documents done in 0.4 s (7.5 docs/s, 0.2 MB/s); output in out/");
    s = summary(1, 0);
    s.bytes = 0;
    s.with_warnings = 1;
    CHECK(format_summary(s) == "kpproc: 1 document done in 12.4 s (0.1 docs/s); 1 with warnings");
}

TEST_CASE("Summary: unusual notice codes follow the usual ones, alphabetically", "[progress]") {
    BatchSummary s = summary(10, 0);
    s.elapsed = 0s;
    s.notices = {{"zebra", 1}, {"skipped", 2}, {"archived", 3}, {"new", 4}, {"replaced", 0}};
    CHECK(format_summary(s) ==
          "kpproc: 10 documents done in 0.0 s: 4 new, 2 skipped, 3 archived, 1 zebra");
}
