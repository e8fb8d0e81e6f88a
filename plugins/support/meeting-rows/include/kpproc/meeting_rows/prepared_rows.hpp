// One document's rows, rendered on a worker thread (a database exporter's prepare stage) into a
// flat buffer, and read back by the batch's writer. Rows refer to each other by ids local to
// the document (the 3rd paragraph, the 1st item); the writer turns them into the database's
// ids, which only it can give (the sqlite exporter adds each table's first free id, read under
// the write lock; the postgres exporter takes ids from the database's sequences).
//
// table_specs() is the one list of the tables and their columns that both exporters write:
// each exporter's schema is checked against it, and against the other's, by the tests.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kp_rows {

using Id = std::int64_t;

// The tables a document's rows go to, parents before children: the writer inserts them in
// this order, so every foreign key finds its row already there.
enum class Table : std::uint8_t {
    documents,
    pages,
    attendance,
    items,
    questions,
    paragraphs,
    speakers,
    resolutions,
    actions,
    decisions,
    item_documents,
    events,
    entities,  // written when the group commits, not with the document (see held_rows.hpp)
    search,    // likewise
};
constexpr std::size_t kTables = static_cast<std::size_t>(Table::search) + 1;

struct TableSpec {
    const char* name;
    std::vector<const char*> columns;  // as bound, in order
};

// Each table's columns as the rows carry them. The id column comes first where there is one.
inline const std::array<TableSpec, kTables>& table_specs() {
    static const std::array<TableSpec, kTables> specs = {{
        {"documents",
         {"id", "source", "path", "sha256", "adapter", "media_type", "bytes", "body", "title",
          "date", "time", "venue", "contact", "status", "text"}},
        {"pages", {"document_id", "number", "span_begin", "span_end"}},
        {"attendance",
         {"id", "document_id", "name", "title", "honours", "role", "attendance_group",
          "organisation", "span_begin", "span_end"}},
        {"items",
         {"id", "document_id", "position", "number", "ref", "title", "section", "truncated",
          "title_begin", "title_end"}},
        {"questions",
         {"id", "item_id", "position", "number", "text", "asker", "asker_organisation",
          "span_begin", "span_end"}},
        {"paragraphs",
         {"id", "item_id", "parent_id", "question_id", "part", "position", "number", "heading",
          "text", "span_begin", "span_end"}},
        {"speakers", {"paragraph_id", "entity", "name", "span_begin", "span_end"}},
        {"resolutions", {"id", "item_id", "position", "text", "span_begin", "span_end"}},
        {"actions",
         {"id", "item_id", "position", "text", "status", "note", "span_begin", "span_end", "owner",
          "due"}},
        {"decisions", {"id", "item_id", "ref", "span_begin", "span_end"}},
        {"item_documents", {"id", "item_id", "title", "type", "size_kb"}},
        {"events", {"id", "item_id", "kind", "time", "span_begin", "span_end"}},
        {"entities", {"id", "document_id", "entity", "type", "name", "attributes", "mentions"}},
        {"search", {"rowid", "text", "kind", "row_id", "document_id"}},
    }};
    return specs;
}

inline const TableSpec& spec_of(Table t) {
    return table_specs()[static_cast<std::size_t>(t)];
}

// What is said in a meeting, and searched: paragraphs, questions, resolutions and actions.
// Their ids come from one sequence, so that an id names one passage whatever its table, and
// the full-text index can use it as its rowid (see the search_source view).
inline bool is_passage(Table t) {
    return t == Table::paragraphs || t == Table::questions || t == Table::resolutions ||
           t == Table::actions;
}

// A row of `table`, by its place among the document's rows of that table (0 for the first).
struct Ref {
    Table table = Table::documents;
    Id local = 0;
};

// The bytes of a number, as the buffer holds it.
template <class T>
void append_raw(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

// What a value is in the buffer: a tag byte, then its payload.
enum class Tag : char { null = 'n', integer = 'i', real = 'f', text = 't', ref = 'r' };

// One value of a row: as rendered, or as read back from the buffer (its text then points
// into the buffer).
struct Value {
    Tag tag = Tag::null;
    std::int64_t integer = 0;  // also a reference's local id
    double real = 0;
    std::string_view text{};
    Table table = Table::documents;  // a reference's table
};

// Appends `v` to a buffer: its tag, then its payload (a text: its size, then its bytes).
inline void append_value(std::string& out, const Value& v) {
    out += static_cast<char>(v.tag);
    switch (v.tag) {
        case Tag::null:
            break;
        case Tag::integer:
            append_raw(out, v.integer);
            break;
        case Tag::real:
            append_raw(out, v.real);
            break;
        case Tag::text:
            append_raw(out, static_cast<std::int64_t>(v.text.size()));
            out += v.text;
            break;
        case Tag::ref:
            out += static_cast<char>(v.table);
            append_raw(out, v.integer);
            break;
    }
}

// Renders a document's rows (on a worker). Each table's rows go to a section of their own;
// finish() puts the sections together: per table, the row count and the section's size, then
// the section.
class RowEncoder {
public:
    // Appends a row to `table`, one value per column of its spec, and returns its reference.
    template <class... Values>
    Ref row(Table table, const Values&... values) {
        if (sizeof...(values) != spec_of(table).columns.size()) {
            throw std::logic_error(std::string("wrong number of values for table ") +
                                   spec_of(table).name);
        }
        const auto t = static_cast<std::size_t>(table);
        std::string& out = sections_[t];
        (append(out, values), ...);
        const Ref ref = next(table);
        ++counts_[t];
        passages_ += is_passage(table) ? 1 : 0;
        return ref;
    }

    // The reference the next row of `table` will have. Passages are numbered together.
    Ref next(Table table) const {
        return Ref{table, is_passage(table) ? passages_ : counts_[static_cast<std::size_t>(table)]};
    }

    void finish(std::string& out) const {
        out.clear();
        for (std::size_t t = 0; t < kTables; ++t) {
            append_raw(out, counts_[t]);
            append_raw(out, static_cast<std::int64_t>(sections_[t].size()));
            out += sections_[t];
        }
    }

private:
    static void append(std::string& out, std::nullopt_t) { append_value(out, Value{}); }
    static void append(std::string& out, bool b) { append(out, static_cast<std::int64_t>(b)); }
    static void append(std::string& out, std::int64_t i) {
        append_value(out, Value{.tag = Tag::integer, .integer = i});
    }
    static void append(std::string& out, std::size_t i) {
        append(out, static_cast<std::int64_t>(i));
    }
    static void append(std::string& out, double d) {
        append_value(out, Value{.tag = Tag::real, .real = d});
    }
    static void append(std::string& out, std::string_view s) {
        append_value(out, Value{.tag = Tag::text, .text = s});
    }
    static void append(std::string& out, const std::string& s) { append(out, std::string_view(s)); }
    static void append(std::string& out, const char* s) { append(out, std::string_view(s)); }
    static void append(std::string& out, Ref r) {
        append_value(out, Value{.tag = Tag::ref, .integer = r.local, .table = r.table});
    }
    template <class T>
    static void append(std::string& out, const std::optional<T>& v) {
        if (v) {
            append(out, *v);
        } else {
            append(out, std::nullopt);
        }
    }

    std::array<std::string, kTables> sections_;
    std::array<Id, kTables> counts_{};
    Id passages_ = 0;
};

// Reads the values of one table's rows in order.
class ValueReader {
public:
    explicit ValueReader(std::string_view section) : rest_(section) {}

    Value next() {
        Value v;
        v.tag = static_cast<Tag>(take(1)[0]);
        switch (v.tag) {
            case Tag::null:
                break;
            case Tag::integer:
                v.integer = raw<std::int64_t>();
                break;
            case Tag::real:
                v.real = raw<double>();
                break;
            case Tag::text:
                v.text = take(static_cast<std::size_t>(raw<std::int64_t>()));
                break;
            case Tag::ref:
                v.table = static_cast<Table>(take(1)[0]);
                v.integer = raw<std::int64_t>();
                break;
            default:
                throw std::logic_error("a prepared row holds an unknown value");
        }
        return v;
    }

private:
    std::string_view take(std::size_t n) {
        if (n > rest_.size()) {
            throw std::logic_error("a prepared row ends early");
        }
        const std::string_view part = rest_.substr(0, n);
        rest_.remove_prefix(n);
        return part;
    }
    template <class T>
    T raw() {
        T value;
        std::memcpy(&value, take(sizeof(T)).data(), sizeof(T));
        return value;
    }

    std::string_view rest_;
};

// A prepared buffer, split back into its tables.
class PreparedRows {
public:
    explicit PreparedRows(std::string_view buffer) {
        for (std::size_t t = 0; t < kTables; ++t) {
            counts_[t] = header(buffer);
            const auto bytes = static_cast<std::size_t>(header(buffer));
            if (bytes > buffer.size()) {
                throw std::logic_error("a prepared document is cut short");
            }
            sections_[t] = buffer.substr(0, bytes);
            buffer.remove_prefix(bytes);
        }
    }

    Id count(Table t) const { return counts_[static_cast<std::size_t>(t)]; }
    ValueReader values(Table t) const {
        return ValueReader(sections_[static_cast<std::size_t>(t)]);
    }

private:
    static std::int64_t header(std::string_view& buffer) {
        std::int64_t value = 0;
        if (buffer.size() < sizeof value) {
            throw std::logic_error("a prepared document is cut short");
        }
        std::memcpy(&value, buffer.data(), sizeof value);
        buffer.remove_prefix(sizeof value);
        return value;
    }

    std::array<Id, kTables> counts_{};
    std::array<std::string_view, kTables> sections_;
};

}  // namespace kp_rows
