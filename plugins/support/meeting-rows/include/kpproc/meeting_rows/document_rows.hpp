// What one document becomes in a kpproc database, table by table: the prepare stage of the
// database exporters (sqlite, postgres), run on the worker threads. Rows are rendered, not
// written: see prepared_rows.hpp.
#pragma once

#include <string>
#include <vector>

#include "kpproc/json.hpp"
#include "kpproc/meeting_rows/passages.hpp"
#include "kpproc/meeting_rows/prepared_rows.hpp"
#include "kpproc/model.hpp"

namespace kp_rows {

inline std::optional<std::int64_t> begin_of(const std::optional<kpproc::Span>& s) {
    return s ? std::optional<std::int64_t>(static_cast<std::int64_t>(s->begin)) : std::nullopt;
}
inline std::optional<std::int64_t> end_of(const std::optional<kpproc::Span>& s) {
    return s ? std::optional<std::int64_t>(static_cast<std::int64_t>(s->end)) : std::nullopt;
}

class DocumentRows {
public:
    // Renders every row of `d` into `out`.
    static void render(const kpproc::Document& d, std::string& out) {
        DocumentRows rows;
        rows.render_children(d);
        rows.render_document(d);
        rows.rows_.finish(out);
    }

private:
    static constexpr Ref kDocument{Table::documents, 0};

    void render_children(const kpproc::Document& d) {
        for (const auto& p : d.pages) {
            rows_.row(Table::pages, kDocument, static_cast<std::int64_t>(p.number),
                      static_cast<std::int64_t>(p.span.begin),
                      static_cast<std::int64_t>(p.span.end));
        }
        for (const auto& a : d.attendance) {
            rows_.row(Table::attendance, rows_.next(Table::attendance), kDocument, a.name, a.title,
                      a.honours, a.role, a.group, a.organisation, begin_of(a.span), end_of(a.span));
        }
        std::int64_t position = 0;
        for (const auto& item : d.items) {
            render_item(++position, item);
        }
        render_entities(d.entities);
    }

    void render_document(const kpproc::Document& d) {
        const kpproc::Meeting& m = d.meeting;
        rows_.row(Table::documents, kDocument, d.source.key(), d.source.path,
                  d.source.sha256.value_or(""), d.source.adapter, d.source.media_type,
                  static_cast<std::int64_t>(d.source.bytes), m.body, m.title, m.date, m.time,
                  m.venue, m.contact, m.status, d.text);
    }

    // A passage's entry in the full-text index: its rowid is the passage's id.
    void index(const std::string& words, const char* kind, Ref passage) {
        rows_.row(Table::search, passage, words, kind, passage, kDocument);
    }

    // One item and everything in it: paragraphs, resolutions, actions, questions and answers,
    // decisions, documents and events.
    void render_item(std::int64_t position, const kpproc::Item& item) {
        const Ref item_ref =
            rows_.row(Table::items, rows_.next(Table::items), kDocument, position, item.number,
                      item.ref, item.title, item.section, item.truncated, begin_of(item.title_span),
                      end_of(item.title_span));
        paragraphs(item_ref, std::nullopt, std::nullopt, "description", item.description);
        paragraphs(item_ref, std::nullopt, std::nullopt, "minutes", item.paragraphs);
        std::int64_t k = 0;
        for (const auto& r : item.resolutions) {
            const Ref ref = rows_.row(Table::resolutions, rows_.next(Table::resolutions), item_ref,
                                      ++k, r.text, begin_of(r.span), end_of(r.span));
            index(r.text, kResolutionKind, ref);
        }
        k = 0;
        for (const auto& a : item.actions) {
            const Ref ref =
                rows_.row(Table::actions, rows_.next(Table::actions), item_ref, ++k, a.text,
                          a.status, a.note, begin_of(a.span), end_of(a.span), a.owner, a.due);
            index(a.text, kActionKind, ref);
        }
        render_questions(item_ref, item.questions);
        render_item_references(item_ref, item);
    }

    void render_questions(Ref item, const std::vector<kpproc::Question>& list) {
        std::int64_t k = 0;
        for (const auto& q : list) {
            const kpproc::OptionalString none;
            const Ref question =
                rows_.row(Table::questions, rows_.next(Table::questions), item, ++k, q.number,
                          q.text, q.asker ? q.asker->name : none,
                          q.asker ? q.asker->organisation : none, begin_of(q.span), end_of(q.span));
            index(q.text, kQuestionKind, question);
            paragraphs(item, std::nullopt, question, "answer", q.answers);
        }
    }

    // An item's decisions, documents and events: what it refers to, not what was said.
    void render_item_references(Ref item, const kpproc::Item& it) {
        for (const auto& dec : it.decisions) {
            rows_.row(Table::decisions, rows_.next(Table::decisions), item, dec.ref,
                      begin_of(dec.span), end_of(dec.span));
        }
        for (const auto& att : it.documents) {
            rows_.row(Table::item_documents, rows_.next(Table::item_documents), item, att.title,
                      att.type, att.size_kb);
        }
        for (const auto& e : it.events) {
            rows_.row(Table::events, rows_.next(Table::events), item, e.kind, e.time,
                      begin_of(e.span), end_of(e.span));
        }
    }

    // Each entity is one row; its attributes and its mentions are JSON, as the json exporter
    // writes them (a mention: {"text": …, "span": [begin, end]}). The `mentions` view reads
    // them as rows.
    void render_entities(const std::vector<kpproc::Entity>& entities) {
        std::string attributes;
        std::string mentions;
        for (const auto& e : entities) {
            attributes.clear();
            kpproc::json::Writer a(attributes);
            a.begin_object();
            for (const auto& [key, value] : e.attributes) {
                a.key(key).value(value);
            }
            a.end_object();
            mentions.clear();
            kpproc::json::Writer m(mentions);
            m.begin_array();
            for (const auto& mention : e.mentions) {
                m.begin_object().key("text").string(mention.text).key("span").begin_array();
                m.integer(static_cast<std::int64_t>(mention.span.begin))
                    .integer(static_cast<std::int64_t>(mention.span.end))
                    .end_array()
                    .end_object();
            }
            m.end_array();
            // No id: the database gives the next one as the rows are written (the sqlite exporter
            // writes a group's entities in the order of their keys). Nothing refers to an
            // entity by its id.
            rows_.row(Table::entities, std::nullopt, kDocument, e.id, e.type, e.name, attributes,
                      mentions);
        }
    }

    void paragraphs(Ref item, std::optional<Ref> parent, std::optional<Ref> question,
                    const char* part, const std::vector<kpproc::Paragraph>& list) {
        std::int64_t position = 0;
        for (const auto& p : list) {
            const Ref id = rows_.row(Table::paragraphs, rows_.next(Table::paragraphs), item, parent,
                                     question, part, ++position, p.number, p.heading, p.text,
                                     begin_of(p.span), end_of(p.span));
            if (!p.heading) {
                index(p.text, kParagraphKind, id);
            }
            for (const auto& sp : p.speakers) {
                rows_.row(Table::speakers, id, sp.entity, sp.name, begin_of(sp.span),
                          end_of(sp.span));
            }
            paragraphs(item, id, question, part, p.children);
        }
    }

    RowEncoder rows_;
};

}  // namespace kp_rows
