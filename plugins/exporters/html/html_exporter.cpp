// kp.exporter.html — each meeting as a page a person reads: a self-contained, accessible HTML
// page (plugins/support/meeting-html) per document with -o DIR/ or for one input, or one page
// of every meeting with an index of them when a batch goes to one file or standard output.

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "kpproc/meeting_html/meeting_page.hpp"
#include "kpproc/plugin.hpp"

namespace {

namespace html = kpproc::meeting_html;
using kpproc::Document;

// A meeting's anchor on a page of several: from its source's identity (FNV-1a), so that a link
// to it stays the same from one export of the archive to the next.
std::string anchor_of(const Document& doc) {
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : doc.source.key()) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string anchor = "m-";
    for (int shift = 60; shift >= 0; shift -= 4) {
        anchor += kHex[(hash >> shift) & 0xF];
    }
    return anchor;
}

bool one_meeting(const kpproc::ExportTarget& target) {
    return target.document_count == 1;
}

class HtmlExporter final : public kpproc::Exporter {
public:
    explicit HtmlExporter(const kpproc::Options& /*options*/) {}

    void begin(const kpproc::ExportTarget& target, std::ostream& out) override {
        one_meeting_ = one_meeting(target);
        index_.clear();
        if (!one_meeting_) {
            std::string start;
            html::append_page_start("Meetings", start);
            start +=
                "<p class=\"skip\"><a href=\"#index-title\">The meetings on this page</a></p>\n";
            out << start;
        }
    }

    void write(const Document& doc, std::ostream& out) override {
        std::string page;
        render(doc, one_meeting_, page);
        write_prepared(doc, page, out);
    }

    // Rendering is the cost: it runs on the workers (ABI 1.3).
    bool prepare(const Document& doc, const kpproc::ExportTarget& target,
                 std::string& prepared) override {
        prepared.clear();
        render(doc, one_meeting(target), prepared);
        return true;
    }

    void write_prepared(const Document& doc, std::string_view prepared,
                        std::ostream& out) override {
        out << prepared;
        if (!one_meeting_) {
            index_.push_back({anchor_of(doc), html::meeting_title(doc)});
        }
    }

    void end(std::ostream& out) override {
        if (!one_meeting_) {
            std::string tail;
            html::append_index(index_, tail);
            html::append_page_end(tail);
            out << tail;
        }
    }

private:
    // A whole page for one meeting; an <article> of a page of several.
    static void render(const Document& doc, bool whole_page, std::string& out) {
        if (whole_page) {
            html::append_page_start(html::meeting_title(doc), out);
            html::append_meeting(doc, "meeting", out);
            html::append_page_end(out);
        } else {
            html::append_meeting(doc, anchor_of(doc), out);
        }
    }

    bool one_meeting_ = true;
    std::vector<html::IndexEntry> index_;
};

}  // namespace

KPPROC_PLUGIN(HtmlExporter,
              {.id = "kp.exporter.html",
               .version = "1.0.0",
               .summary = "Each meeting as a readable, self-contained and accessible HTML page",
               .media_types = {"text/html"},
               .extensions = {".html"}})
