#include "marked_text.hpp"

#include <algorithm>

#include "kpproc/meeting_html/meeting_page.hpp"

namespace kpproc::meeting_html {

namespace {

// The width of the white-space character at text[i] (ASCII space, tab, line end, or a
// no-break space), or 0.
std::size_t space_at(std::string_view text, std::size_t i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        return 1;
    }
    return text.compare(i, 2, "\xC2\xA0") == 0 ? 2 : 0;
}

std::string lower_type(std::string type) {
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) {
        return std::isalnum(c) != 0 ? static_cast<char>(std::tolower(c)) : '-';
    });
    return type;
}

}  // namespace

MarkedText::MarkedText(const Document& doc, std::string_view anchor) : doc_(doc), anchor_(anchor) {
    for (const Entity& e : doc.entities) {
        entities_.emplace(e.id, &e);
        for (const Mention& m : e.mentions) {
            if (m.span.begin < m.span.end && m.span.end <= doc.text.size()) {
                marks_.push_back({m.span.begin, m.span.end, &e});
            }
        }
    }
    // Earliest first, the longer of two that begin together first; then drop any that
    // overlaps one kept, so that the links nest nowhere.
    std::sort(marks_.begin(), marks_.end(), [](const Marked& a, const Marked& b) {
        return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    std::vector<Marked> kept;
    for (const Marked& m : marks_) {
        if (kept.empty() || m.begin >= kept.back().end) {
            kept.push_back(m);
        }
    }
    marks_ = std::move(kept);
}

void MarkedText::append(const std::optional<Span>& span, std::string_view fallback,
                        std::string& out) const {
    if (!span || span->end > doc_.text.size() || span->begin >= span->end) {
        append_escaped(out, fallback);
        return;
    }
    const std::string_view text = doc_.text;
    auto mark = std::lower_bound(marks_.begin(), marks_.end(), span->begin,
                                 [](const Marked& m, std::uint64_t at) { return m.begin < at; });
    const Marked* open = nullptr;
    bool pending_space = false;
    bool written = false;
    for (std::size_t i = span->begin; i < span->end;) {
        if (open != nullptr && i >= open->end) {
            close_mark(*open, out);
            open = nullptr;
        }
        if (const std::size_t width = space_at(text, i); width > 0) {
            pending_space = written;
            i += width;
            continue;
        }
        if (pending_space) {
            out += ' ';
            pending_space = false;
        }
        if (open == nullptr && mark != marks_.end() && mark->begin == i && mark->end <= span->end) {
            open = &*mark;
            open_mark(*open, out);
        }
        while (mark != marks_.end() && mark->begin <= i) {
            ++mark;
        }
        append_escaped(out, text.substr(i, 1));
        written = true;
        ++i;
    }
    if (open != nullptr) {
        close_mark(*open, out);
    }
}

void MarkedText::open_mark(const Marked& mark, std::string& out) const {
    const Entity& e = *mark.entity;
    out += "<a class=\"entity t-" + lower_type(e.type) + "\" href=\"#";
    append_escaped(out, entity_anchor(e.id));
    out += "\">";
}

// The type and value after the words, in brackets: hidden until the link is hovered or
// focused, and read by a screen reader after the words.
void MarkedText::close_mark(const Marked& mark, std::string& out) const {
    const Entity& e = *mark.entity;
    std::string about = lower_type(e.type) + ": " + e.name;
    // A role names who held it, where the processor found out.
    for (const auto& [key, value] : e.attributes) {
        if (key == "holder" && value.is_string() && has_entity(value.as_string())) {
            about += ", held by " + entity_name(value.as_string());
        }
    }
    out += "<span class=\"tip\"> (";
    append_escaped(out, about);
    out += ")</span></a>";
}

void MarkedText::append_entity_link(const std::string& id, std::string_view label,
                                    std::string& out) const {
    if (!has_entity(id)) {
        append_escaped(out, label);
        return;
    }
    out += "<a href=\"#";
    append_escaped(out, entity_anchor(id));
    out += "\">";
    append_escaped(out, label);
    out += "</a>";
}

std::string MarkedText::entity_anchor(const std::string& id) const {
    // Letters and digits kept, anything else written as _XX, so that distinct ids stay
    // distinct anchors.
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = anchor_ + "-e-";
    for (const char c : id) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0) {
            out += c;
        } else {
            out += '_';
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
    }
    return out;
}

std::string MarkedText::entity_name(const std::string& id) const {
    const auto found = entities_.find(id);
    return found == entities_.end() ? id : found->second->name;
}

}  // namespace kpproc::meeting_html
