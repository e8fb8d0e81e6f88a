#pragma once
// A fact's words as the page shows them: read from the document's text under the fact's span,
// white space tidied, every entity mention in them a link to the entity (its type and value
// shown on hover and on focus).

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/model.hpp"

namespace kpproc::meeting_html {

class MarkedText {
public:
    MarkedText(const Document& doc, std::string_view anchor);

    // The words under `span`, with the mentions inside it marked; `fallback` (the fact's own
    // text) when there is no span or it does not lie inside the text.
    void append(const std::optional<Span>& span, std::string_view fallback, std::string& out) const;

    // A link to the entity `id`'s entry, showing `label`.
    void append_entity_link(const std::string& id, std::string_view label, std::string& out) const;

    // The id of the entity's entry on the page (unique on a page of several meetings).
    std::string entity_anchor(const std::string& id) const;
    bool has_entity(const std::string& id) const { return entities_.count(id) != 0; }
    std::string entity_name(const std::string& id) const;

private:
    struct Marked {
        std::uint64_t begin;
        std::uint64_t end;
        const Entity* entity;
    };
    void open_mark(const Marked& mark, std::string& out) const;
    void close_mark(const Marked& mark, std::string& out) const;

    const Document& doc_;
    std::string anchor_;
    std::vector<Marked> marks_;  // by begin; none overlapping
    std::map<std::string, const Entity*> entities_;
};

}  // namespace kpproc::meeting_html
