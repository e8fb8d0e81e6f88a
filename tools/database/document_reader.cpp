#include "document_reader.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "kpproc/error.hpp"
#include "kpproc/json.hpp"

namespace kpproc::cli {

namespace {

// ---- SQLite ---------------------------------------------------------------------------------

class SqliteCells final : public CellQuery {
public:
    explicit SqliteCells(const std::string& path) : path_(path) {
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec)) {
            throw Error("no-database", path + ": no such database file");
        }
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            const std::string why = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close_v2(db_);
            throw Error("no-database", path + ": cannot open it: " + why);
        }
        sqlite3_busy_timeout(db_, 10'000);  // a batch writing holds its lock a moment at a time
    }
    ~SqliteCells() override { sqlite3_close_v2(db_); }
    SqliteCells(const SqliteCells&) = delete;
    SqliteCells& operator=(const SqliteCells&) = delete;

    CellRows rows(const std::string& sql, const std::vector<std::string>& params) override {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) != SQLITE_OK) {
            fail();
        }
        int i = 0;
        for (const auto& p : params) {
            sqlite3_bind_text(s, ++i, p.data(), static_cast<int>(p.size()), SQLITE_TRANSIENT);
        }
        CellRows out;
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            auto& row = out.emplace_back();
            for (int c = 0; c < sqlite3_column_count(s); ++c) {
                const auto* text = sqlite3_column_text(s, c);
                row.push_back(text == nullptr ? Cell{} : Cell{reinterpret_cast<const char*>(text)});
            }
        }
        sqlite3_finalize(s);
        if (rc != SQLITE_DONE) {
            fail();
        }
        return out;
    }

private:
    [[noreturn]] void fail() const {
        throw Error("no-database", path_ +
                                       ": not a database the sqlite exporter wrote, or "
                                       "unreadable: " +
                                       sqlite3_errmsg(db_));
    }

    std::string path_;
    sqlite3* db_ = nullptr;
};

// ---- Cells into the model --------------------------------------------------------------------

std::uint64_t number_of(const Cell& c) {
    return c ? std::stoull(*c) : 0;
}

std::optional<Span> span_of(const Cell& begin, const Cell& end) {
    if (!begin || !end) {
        return std::nullopt;
    }
    return Span{number_of(begin), number_of(end)};
}

// A mention as the exporters store it: {"text": …, "span": [begin, end]}.
Mention mention_of(const json::Value& m) {
    const json::Value* text = m.find("text");
    const json::Value* span = m.find("span");
    if (text == nullptr || span == nullptr || !span->is_array() || span->as_array().size() != 2) {
        throw Error("no-database", "an entity's mentions are not as the exporters write them");
    }
    const auto& ends = span->as_array();
    return Mention{text->as_string(), Span{static_cast<std::uint64_t>(ends[0].as_int()),
                                           static_cast<std::uint64_t>(ends[1].as_int())}};
}

// The paragraphs of a document, each under its parent or at the head of its list.
class ParagraphForest {
public:
    struct Place {
        std::string item;      // items.id
        std::string part;      // description, minutes, answer
        std::string question;  // questions.id, for an answer
    };

    // Rows of paragraphs by (parent, position): siblings come in their order.
    void add(const std::vector<Cell>& row, Paragraph paragraph) {
        const std::string id = *row[0];
        index_[id] = nodes_.size();
        nodes_.push_back(Node{std::move(paragraph), {}});
        if (row[2]) {
            nodes_[index_.at(*row[2])].children.push_back(nodes_.size() - 1);
        } else {
            roots_[{*row[1], *row[4], row[3].value_or("")}].push_back(nodes_.size() - 1);
        }
    }

    Paragraph* find(const std::string& id) {
        const auto at = index_.find(id);
        return at == index_.end() ? nullptr : &nodes_[at->second].paragraph;
    }

    std::vector<Paragraph> take(const Place& place) {
        std::vector<Paragraph> out;
        const auto list = roots_.find({place.item, place.part, place.question});
        if (list != roots_.end()) {
            for (const std::size_t k : list->second) {
                out.push_back(build(k));
            }
        }
        return out;
    }

private:
    struct Node {
        Paragraph paragraph;
        std::vector<std::size_t> children;
    };
    Paragraph build(std::size_t k) {
        Paragraph p = nodes_[k].paragraph;
        for (const std::size_t child : nodes_[k].children) {
            p.children.push_back(build(child));
        }
        return p;
    }

    std::vector<Node> nodes_;
    std::map<std::string, std::size_t> index_;
    std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::size_t>> roots_;
};

class DocumentReader {
public:
    DocumentReader(CellQuery& db, std::string id) : db_(db), id_(std::move(id)) {}

    Document read(const std::vector<Cell>& row) {
        Document doc;
        read_source_and_meeting(row, doc);
        read_attendance(doc);
        read_paragraphs();
        read_items(doc);
        read_entities(doc);
        read_pages(doc);
        return doc;
    }

private:
    CellRows rows(const std::string& sql) { return db_.rows(sql, {id_}); }

    static void read_source_and_meeting(const std::vector<Cell>& r, Document& doc) {
        doc.source.identity = r[1].value_or("");
        doc.source.path = r[2].value_or("");
        doc.source.sha256 = r[3];
        doc.source.adapter = r[4];
        doc.source.media_type = r[5];
        doc.source.bytes = number_of(r[6]);
        doc.meeting = Meeting{r[7], r[8], r[9], r[10], r[11], r[12], r[13]};
        doc.text = r[14].value_or("");
    }

    void read_attendance(Document& doc) {
        for (const auto& r : rows("SELECT name, title, honours, role, attendance_group, "
                                  "organisation, span_begin, span_end FROM attendance WHERE "
                                  "document_id = ? ORDER BY id")) {
            doc.attendance.push_back(
                Attendee{r[0].value_or(""), r[1], r[2], r[3], r[4], r[5], span_of(r[6], r[7])});
        }
    }

    void read_paragraphs() {
        for (const auto& r :
             rows("SELECT p.id, p.item_id, p.parent_id, p.question_id, p.part, p.number, "
                  "p.heading, p.text, p.span_begin, p.span_end FROM paragraphs p JOIN items i ON "
                  "i.id = p.item_id WHERE i.document_id = ? ORDER BY p.parent_id IS NOT NULL, "
                  "p.parent_id, p.position, p.id")) {
            Paragraph p;
            p.number = r[5];
            p.heading = r[6].value_or("0") != "0";
            p.text = r[7].value_or("");
            p.span = span_of(r[8], r[9]);
            forest_.add(r, std::move(p));
        }
        for (const auto& r : rows("SELECT s.paragraph_id, s.entity, s.name, s.span_begin, "
                                  "s.span_end FROM speakers s JOIN paragraphs p ON p.id = "
                                  "s.paragraph_id JOIN items i ON i.id = p.item_id WHERE "
                                  "i.document_id = ? ORDER BY s.rowid")) {
            if (Paragraph* p = forest_.find(*r[0])) {
                p->speakers.push_back(
                    Speaker{r[1].value_or(""), r[2].value_or(""), span_of(r[3], r[4])});
            }
        }
    }

    void read_items(Document& doc) {
        std::map<std::string, std::size_t> position;
        for (const auto& r : rows("SELECT id, number, ref, title, section, truncated, "
                                  "title_begin, title_end FROM items WHERE document_id = ? "
                                  "ORDER BY position")) {
            Item item;
            item.number = r[1];
            item.ref = r[2];
            item.title = r[3];
            item.section = r[4];
            item.truncated = r[5].value_or("0") != "0";
            item.title_span = span_of(r[6], r[7]);
            item.description = forest_.take({*r[0], "description", ""});
            item.paragraphs = forest_.take({*r[0], "minutes", ""});
            position[*r[0]] = doc.items.size();
            doc.items.push_back(std::move(item));
        }
        read_item_parts(doc, position);
    }

    // Resolutions, actions, questions and what an item refers to, each row to its item.
    void read_item_parts(Document& doc, const std::map<std::string, std::size_t>& position) {
        const auto item_of = [&](const Cell& id) -> Item& { return doc.items[position.at(*id)]; };
        const std::string of_document =
            " JOIN items i ON i.id = x.item_id WHERE i.document_id = ? ";
        for (const auto& r : rows("SELECT x.item_id, x.text, x.span_begin, x.span_end FROM "
                                  "resolutions x" +
                                  of_document + "ORDER BY x.position")) {
            item_of(r[0]).resolutions.push_back(Resolution{r[1].value_or(""), span_of(r[2], r[3])});
        }
        for (const auto& r : rows("SELECT x.item_id, x.text, x.status, x.span_begin, x.span_end, "
                                  "x.note, x.owner, x.due FROM actions x" +
                                  of_document + "ORDER BY x.position")) {
            item_of(r[0]).actions.push_back(
                Action{r[1].value_or(""), r[2], span_of(r[3], r[4]), r[5], r[6], r[7]});
        }
        for (const auto& r : rows("SELECT x.item_id, x.id, x.number, x.text, x.span_begin, "
                                  "x.span_end, x.asker, x.asker_organisation FROM questions x" +
                                  of_document + "ORDER BY x.position")) {
            Question q{r[2], r[3].value_or(""), span_of(r[4], r[5]), std::nullopt, {}};
            if (r[6] || r[7]) {
                q.asker = Asker{r[6], r[7]};
            }
            q.answers = forest_.take({*r[0], "answer", *r[1]});
            item_of(r[0]).questions.push_back(std::move(q));
        }
        read_item_references(of_document, item_of);
    }

    template <class ItemOf>
    void read_item_references(const std::string& of_document, ItemOf&& item_of) {
        for (const auto& r : rows("SELECT x.item_id, x.ref, x.span_begin, x.span_end FROM "
                                  "decisions x" +
                                  of_document + "ORDER BY x.id")) {
            item_of(r[0]).decisions.push_back(Decision{r[1].value_or(""), span_of(r[2], r[3])});
        }
        for (const auto& r : rows("SELECT x.item_id, x.title, x.type, x.size_kb FROM "
                                  "item_documents x" +
                                  of_document + "ORDER BY x.id")) {
            item_of(r[0]).documents.push_back(DocumentRef{
                r[1], r[2], r[3] ? std::optional<double>(std::stod(*r[3])) : std::nullopt});
        }
        for (const auto& r : rows("SELECT x.item_id, x.kind, x.time, x.span_begin, x.span_end "
                                  "FROM events x" +
                                  of_document + "ORDER BY x.id")) {
            item_of(r[0]).events.push_back(Event{r[1].value_or(""), r[2], span_of(r[3], r[4])});
        }
    }

    void read_entities(Document& doc) {
        for (const auto& r : rows("SELECT entity, type, name, attributes, mentions FROM entities "
                                  "WHERE document_id = ? ORDER BY id")) {
            Entity e;
            e.id = r[0].value_or("");
            e.type = r[1].value_or("");
            e.name = r[2].value_or("");
            e.attributes = json::parse(r[3].value_or("{}")).as_object();
            const json::Value mentions = json::parse(r[4].value_or("[]"));
            for (const auto& m : mentions.as_array()) {
                e.mentions.push_back(mention_of(m));
            }
            doc.entities.push_back(std::move(e));
        }
    }

    void read_pages(Document& doc) {
        for (const auto& r : rows("SELECT number, span_begin, span_end FROM pages WHERE "
                                  "document_id = ? ORDER BY number")) {
            doc.pages.push_back(Page{static_cast<std::uint32_t>(number_of(r[0])),
                                     Span{number_of(r[1]), number_of(r[2])}});
        }
    }

    CellQuery& db_;
    std::string id_;
    ParagraphForest forest_;
};

constexpr const char* kDocumentColumns =
    "SELECT id, source, path, sha256, adapter, media_type, bytes, body, title, date, time, "
    "venue, contact, status, text FROM documents ";

// The documents row `which` names (see read_document).
std::optional<std::vector<Cell>> document_row(CellQuery& db, const std::string& which) {
    const bool number = !which.empty() && std::all_of(which.begin(), which.end(),
                                                      [](char c) { return c >= '0' && c <= '9'; });
    if (number) {
        auto found = db.rows(std::string(kDocumentColumns) + "WHERE id = ?", {which});
        if (!found.empty()) {
            return found.front();
        }
    }
    auto found = db.rows(std::string(kDocumentColumns) + "WHERE source = ?", {which});
    if (found.empty()) {
        found = db.rows(std::string(kDocumentColumns) + "WHERE path = ? ORDER BY id", {which});
    }
    if (found.size() > 1) {
        std::string ids;
        for (const auto& row : found) {
            ids += (ids.empty() ? "" : ", ") + row[0].value_or("?");
        }
        throw Error("ambiguous-document", "'" + which + "' is the path of several documents (ids " +
                                              ids + "); name one by its id or its source");
    }
    return found.empty() ? std::nullopt : std::optional(found.front());
}

}  // namespace

std::unique_ptr<CellQuery> open_sqlite_cells(const std::string& path) {
    return std::make_unique<SqliteCells>(path);
}

std::optional<Document> read_document(CellQuery& db, const std::string& which) {
    const auto row = document_row(db, which);
    if (!row) {
        return std::nullopt;
    }
    return DocumentReader(db, *(*row)[0]).read(*row);
}

}  // namespace kpproc::cli
