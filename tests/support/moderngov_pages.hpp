#pragma once
// Hand-built ModernGov meeting pages (the DOM of tests/data/fixtures/html) for tests that need a
// page with one thing changed: its declared charset, a byte order mark, deep nesting.

#include <string>
#include <string_view>

namespace kpproc::testing {

inline std::string repeat(std::string_view unit, std::size_t times) {
    std::string out;
    out.reserve(unit.size() * times);
    for (std::size_t i = 0; i < times; ++i) {
        out += unit;
    }
    return out;
}

// One agenda item as ModernGov serves it: a row of the item table with its minutes.
inline std::string moderngov_item_table(std::string_view number, std::string_view title,
                                        std::string_view minutes) {
    return std::string("<table class=\"mgItemTable\"><tr><td class=\"mgItemNumberCell\">") +
           "<p class=\"mgAiTitleTxt\">" + std::string(number) + ".</p></td><td>" +
           "<p class=\"mgAiTitleTxt\">" + std::string(title) + "</p>" +
           "<p class=\"mgSubItemTitleTxt\">Minutes:</p><div class=\"mgWordPara\"><p>" +
           std::string(minutes) + "</p></div></td></tr></table>";
}

// A whole page around `content`; `head` goes into <head> (e.g. a <meta charset>).
inline std::string moderngov_page(std::string_view head, std::string_view content) {
    return "<!DOCTYPE html><html><head>" + std::string(head) +
           "<title>Agenda and minutes</title></head><body><div id=\"header\">Borough Council</div>"
           "<div id=\"modgov\"><div class=\"mgContent\">" +
           std::string(content) + "</div></div></body></html>";
}

inline std::string meta_charset(std::string_view charset) {
    return "<meta charset=\"" + std::string(charset) + "\">";
}

}  // namespace kpproc::testing
