// The statements kp.exporter.sqlite runs for every document, prepared once per batch, and the
// code that writes one document's rows with them.
#pragma once

#include <cstdint>
#include <iterator>
#include <optional>
#include <string>
#include <vector>

#include "kpproc/json.hpp"
#include "kpproc/model.hpp"
#include "sqlite_handle.hpp"

namespace kp_sqlite {

using Id = std::int64_t;
using OptionalId = std::optional<Id>;

// What a batch runs around the rows: transactions, savepoints, finding and removing documents.
struct ControlStatements {
    explicit ControlStatements(sqlite3* db)
        : begin(db, "BEGIN IMMEDIATE"),
          commit(db, "COMMIT"),
          rollback(db, "ROLLBACK"),
          savepoint(db, "SAVEPOINT document"),
          release(db, "RELEASE document"),
          rollback_to(db, "ROLLBACK TO document"),
          find_document(db,
                        "SELECT id, sha256, search_first, search_last FROM documents WHERE "
                        "source = ?"),
          delete_search(db, "DELETE FROM search WHERE rowid BETWEEN ? AND ?"),
          delete_document(db, "DELETE FROM documents WHERE id = ?"),
          // FTS5 answers this from the end of its content table: no scan.
          last_search_rowid(db, "SELECT rowid FROM search ORDER BY rowid DESC LIMIT 1"),
          set_search_range(db,
                           "UPDATE documents SET search_first = ?, search_last = ? WHERE id = ?") {}

    Statement begin, commit, rollback;
    Statement savepoint, release, rollback_to;
    Statement find_document, delete_search, delete_document, last_search_rowid, set_search_range;
};

// One statement per table a document's rows go to.
struct RowStatements {
    explicit RowStatements(sqlite3* db)
        : document(db,
                   "INSERT INTO documents (source, path, sha256, adapter, media_type, bytes, body, "
                   "title, date, time, venue, contact, status, text) VALUES (?, ?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?, ?, ?, ?)"),
          attendee(db,
                   "INSERT INTO attendance (document_id, name, title, honours, role, "
                   "attendance_group, organisation, span_begin, span_end) VALUES (?, ?, ?, ?, ?, "
                   "?, ?, ?, ?)"),
          item(db,
               "INSERT INTO items (document_id, position, number, ref, title, section, truncated, "
               "title_begin, title_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          paragraph(db,
                    "INSERT INTO paragraphs (item_id, parent_id, question_id, part, position, "
                    "number, heading, text, span_begin, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?)"),
          speaker(db,
                  "INSERT INTO speakers (paragraph_id, entity, name, span_begin, span_end) VALUES "
                  "(?, ?, ?, ?, ?)"),
          resolution(db,
                     "INSERT INTO resolutions (item_id, position, text, span_begin, span_end) "
                     "VALUES (?, ?, ?, ?, ?)"),
          action(db,
                 "INSERT INTO actions (item_id, position, text, status, note, span_begin, "
                 "span_end, owner, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
          question(db,
                   "INSERT INTO questions (item_id, position, number, text, asker, "
                   "asker_organisation, span_begin, span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
          decision(db,
                   "INSERT INTO decisions (item_id, ref, span_begin, span_end) VALUES (?, ?, ?, "
                   "?)"),
          item_document(db,
                        "INSERT INTO item_documents (item_id, title, type, size_kb) VALUES (?, ?, "
                        "?, ?)"),
          event(db,
                "INSERT INTO events (item_id, kind, time, span_begin, span_end) VALUES (?, ?, ?, "
                "?, ?)"),
          entity(db,
                 "INSERT INTO entities (document_id, entity, type, name, attributes) VALUES (?, ?, "
                 "?, ?, ?)"),
          mention(db,
                  "INSERT INTO mentions (entity_id, text, span_begin, span_end) VALUES (?, ?, ?, "
                  "?)"),
          search(db,
                 "INSERT INTO search (rowid, text, kind, row_id, document_id) VALUES (?, ?, ?, ?, "
                 "?)") {}

    Statement document, attendee, item, paragraph, speaker, resolution, action, question;
    Statement decision, item_document, event, entity, mention, search;
};

// Every statement of the batch, prepared once.
struct Statements : ControlStatements, RowStatements {
    explicit Statements(sqlite3* db) : ControlStatements(db), RowStatements(db) {}
};

// A change to the search table, held back until the group commits (see SearchChanges).
struct SearchChange {
    Id first = 0;  // the rowid inserted, or the first of the range deleted
    Id last = 0;   // the last rowid deleted; 0 for an insertion
    std::string text;
    const char* kind = nullptr;
    Id row_id = 0;
    Id document_id = 0;
};

// The search table's changes of a group, in order. FTS5 (as of SQLite 3.40) writes out its
// pending rows as a new index segment whenever a savepoint opens in a transaction that wrote
// to it: written per document, inside each document's savepoint, every document would make a
// segment of its own, and merging those costs more than the rest of the export. So the rows
// are collected while the group's documents are written, and applied, in order, just before
// it commits: one segment per group.
class SearchChanges {
public:
    void insert(Id rowid, const std::string& text, const char* kind, Id row_id, Id document_id) {
        changes_.push_back(SearchChange{rowid, 0, text, kind, row_id, document_id});
    }
    void erase(Id first, Id last) {
        changes_.push_back(SearchChange{first, last, {}, nullptr, 0, 0});
    }
    void append(SearchChanges&& more) {
        changes_.insert(changes_.end(), std::make_move_iterator(more.changes_.begin()),
                        std::make_move_iterator(more.changes_.end()));
    }
    void apply(Statements& st) const {
        for (const auto& c : changes_) {
            if (c.last == 0) {
                st.search.run(c.first, c.text, c.kind, c.row_id, c.document_id);
            } else {
                st.delete_search.run(c.first, c.last);
            }
        }
    }
    bool empty() const { return changes_.empty(); }

private:
    std::vector<SearchChange> changes_;
};

inline std::optional<std::int64_t> begin_of(const std::optional<kpproc::Span>& s) {
    return s ? std::optional<std::int64_t>(static_cast<std::int64_t>(s->begin)) : std::nullopt;
}
inline std::optional<std::int64_t> end_of(const std::optional<kpproc::Span>& s) {
    return s ? std::optional<std::int64_t>(static_cast<std::int64_t>(s->end)) : std::nullopt;
}

// Writes the rows of one document. Its search rows get the rowids first_search_rowid,
// first_search_rowid + 1, …: one contiguous range, recorded on its documents row, so that
// replacing the document later deletes them by rowid range instead of scanning the index.
// They go to `search` (to be written when the group commits), the other rows to the database.
class RowWriter {
public:
    RowWriter(Statements& st, sqlite3* db, Id first_search_rowid, SearchChanges& search)
        : st_(st),
          db_(db),
          search_(search),
          first_search_rowid_(first_search_rowid),
          next_search_rowid_(first_search_rowid) {}

    void insert(const kpproc::Document& d) {
        const Id document = insert_document(d);
        for (const auto& a : d.attendance) {
            st_.attendee.run(document, a.name, a.title, a.honours, a.role, a.group, a.organisation,
                             begin_of(a.span), end_of(a.span));
        }
        std::int64_t position = 0;
        for (const auto& item : d.items) {
            insert_item(document, ++position, item);
        }
        insert_entities(document, d.entities);
        if (search_rows() > 0) {
            st_.set_search_range.run(first_search_rowid_, next_search_rowid_ - 1, document);
        }
    }

    std::int64_t search_rows() const { return next_search_rowid_ - first_search_rowid_; }

private:
    Id last_id() const { return sqlite3_last_insert_rowid(db_); }

    Id insert_document(const kpproc::Document& d) {
        const kpproc::Meeting& m = d.meeting;
        st_.document.run(d.source.key(), d.source.path, d.source.sha256.value_or(""),
                         d.source.adapter, d.source.media_type, d.source.bytes, m.body, m.title,
                         m.date, m.time, m.venue, m.contact, m.status, d.text);
        return last_id();
    }

    void index(const std::string& words, const char* kind, Id row, Id document) {
        search_.insert(next_search_rowid_++, words, kind, row, document);
    }

    // One item and everything in it: paragraphs, resolutions, actions, questions and answers,
    // decisions, documents and events.
    void insert_item(Id document, std::int64_t position, const kpproc::Item& item) {
        st_.item.run(document, position, item.number, item.ref, item.title, item.section,
                     item.truncated, begin_of(item.title_span), end_of(item.title_span));
        const Id item_id = last_id();
        paragraphs(document, item_id, std::nullopt, std::nullopt, "description", item.description);
        paragraphs(document, item_id, std::nullopt, std::nullopt, "minutes", item.paragraphs);
        std::int64_t k = 0;
        for (const auto& r : item.resolutions) {
            st_.resolution.run(item_id, ++k, r.text, begin_of(r.span), end_of(r.span));
            index(r.text, "resolution", last_id(), document);
        }
        k = 0;
        for (const auto& a : item.actions) {
            st_.action.run(item_id, ++k, a.text, a.status, a.note, begin_of(a.span), end_of(a.span),
                           a.owner, a.due);
            index(a.text, "action", last_id(), document);
        }
        insert_questions(document, item_id, item.questions);
        insert_item_references(item_id, item);
    }

    void insert_questions(Id document, Id item_id, const std::vector<kpproc::Question>& list) {
        std::int64_t k = 0;
        for (const auto& q : list) {
            const kpproc::OptionalString none;
            st_.question.run(item_id, ++k, q.number, q.text, q.asker ? q.asker->name : none,
                             q.asker ? q.asker->organisation : none, begin_of(q.span),
                             end_of(q.span));
            const Id question = last_id();
            index(q.text, "question", question, document);
            paragraphs(document, item_id, std::nullopt, question, "answer", q.answers);
        }
    }

    // An item's decisions, documents and events: what it refers to, not what was said.
    void insert_item_references(Id item_id, const kpproc::Item& item) {
        for (const auto& dec : item.decisions) {
            st_.decision.run(item_id, dec.ref, begin_of(dec.span), end_of(dec.span));
        }
        for (const auto& att : item.documents) {
            st_.item_document.run(item_id, att.title, att.type, att.size_kb);
        }
        for (const auto& e : item.events) {
            st_.event.run(item_id, e.kind, e.time, begin_of(e.span), end_of(e.span));
        }
    }

    void insert_entities(Id document, const std::vector<kpproc::Entity>& entities) {
        std::string attributes;
        for (const auto& e : entities) {
            attributes.clear();
            // Written from the object in place: a json::Value made of it would copy it whole.
            kpproc::json::Writer writer(attributes);
            writer.begin_object();
            for (const auto& [key, value] : e.attributes) {
                writer.key(key).value(value);
            }
            writer.end_object();
            st_.entity.run(document, e.id, e.type, e.name, attributes);
            const Id entity = last_id();
            for (const auto& mention : e.mentions) {
                st_.mention.run(entity, mention.text, mention.span.begin, mention.span.end);
            }
        }
    }

    void paragraphs(Id document, Id item, OptionalId parent, OptionalId question, const char* part,
                    const std::vector<kpproc::Paragraph>& list) {
        std::int64_t position = 0;
        for (const auto& p : list) {
            st_.paragraph.run(item, parent, question, part, ++position, p.number, p.heading, p.text,
                              begin_of(p.span), end_of(p.span));
            const Id id = last_id();
            if (!p.heading) {
                index(p.text, "paragraph", id, document);
            }
            for (const auto& sp : p.speakers) {
                st_.speaker.run(id, sp.entity, sp.name, begin_of(sp.span), end_of(sp.span));
            }
            paragraphs(document, item, id, question, part, p.children);
        }
    }

    Statements& st_;
    sqlite3* db_;
    SearchChanges& search_;
    const Id first_search_rowid_;
    Id next_search_rowid_;
};

}  // namespace kp_sqlite
