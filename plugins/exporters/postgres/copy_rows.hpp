// One prepared document's rows as PostgreSQL's COPY text format, with the ids the database's
// sequences gave them: the rows are rendered on the workers (kpproc/meeting_rows/), and the
// batch's writer only fills in the ids and escapes the text.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/meeting_rows/prepared_rows.hpp"

namespace kp_postgres {

using kp_rows::Id;
using kp_rows::Table;

// The sequence a table's ids come from, or nullptr for a table whose rows have no id of their
// own (pages, speakers) or take the column's default (entities: nothing refers to them).
inline const char* sequence_of(Table t) {
    switch (t) {
        case Table::documents:
            return "documents_ids";
        case Table::attendance:
            return "attendance_ids";
        case Table::items:
            return "items_ids";
        case Table::questions:
        case Table::paragraphs:
        case Table::resolutions:
        case Table::actions:
            return "passage_ids";
        case Table::decisions:
            return "decisions_ids";
        case Table::item_documents:
            return "item_documents_ids";
        case Table::events:
            return "events_ids";
        case Table::pages:
        case Table::speakers:
        case Table::entities:
        case Table::search:
            return nullptr;
    }
    return nullptr;
}

// Whether a table's rows go to PostgreSQL as they are: the search rows do not (the passages'
// own search_vector columns index them).
inline bool is_copied(Table t) {
    return t != Table::search;
}

// Whether the first column (id) is left to the database: the entities' rows carry none.
inline bool id_left_to_default(Table t) {
    return t == Table::entities;
}

// How many ids each sequence must give, for one document or a group of them.
using IdCounts = std::map<std::string, Id, std::less<>>;

inline void count_ids(const kp_rows::PreparedRows& rows, IdCounts& counts) {
    for (std::size_t t = 0; t < kp_rows::kTables; ++t) {
        const auto table = static_cast<Table>(t);
        if (const char* seq = sequence_of(table)) {
            counts[seq] += rows.count(table);
        }
    }
}

// The SELECT that takes them in one round trip: one column per sequence, the values joined by
// commas; `order` gets the sequences in column order. Empty when none is needed.
inline std::string take_ids_query(const IdCounts& counts, std::vector<std::string>& order) {
    std::string sql = "SELECT ";
    order.clear();
    for (const auto& [seq, n] : counts) {
        if (n == 0) {
            continue;
        }
        sql += order.empty() ? "" : ", ";
        sql += "(SELECT string_agg(nextval('" + seq + "')::text, ',') FROM generate_series(1, " +
               std::to_string(n) + "))";
        order.push_back(seq);
    }
    return order.empty() ? std::string() : sql;
}

inline std::vector<Id> parse_ids(std::string_view values) {
    std::vector<Id> ids;
    while (!values.empty()) {
        const auto comma = values.find(',');
        const std::string_view number = values.substr(0, comma);
        Id id = 0;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), id);
        if (ec != std::errc() || end != number.data() + number.size()) {
            throw std::runtime_error("a sequence gave '" + std::string(number) + "'");
        }
        ids.push_back(id);
        values = comma == std::string_view::npos ? std::string_view() : values.substr(comma + 1);
    }
    return ids;
}

// The ids one document's rows get: for each sequence, as many values as its rows that need
// one. A row's local number is its place among them.
class DocumentIds {
public:
    void give(const std::string& sequence, std::vector<Id> ids) { ids_[sequence] = std::move(ids); }

    Id resolve(Table table, Id local) const {
        const char* seq = sequence_of(table);
        const auto found = seq != nullptr ? ids_.find(seq) : ids_.end();
        if (found == ids_.end() || local < 0 ||
            static_cast<std::size_t>(local) >= found->second.size()) {
            throw std::logic_error(std::string("postgres: no id for a row of ") +
                                   kp_rows::spec_of(table).name);
        }
        return found->second[static_cast<std::size_t>(local)];
    }

private:
    std::map<std::string, std::vector<Id>, std::less<>> ids_;
};

// The ids a group took, handed out to its documents in turn.
class IdPool {
public:
    void add(const std::string& sequence, std::vector<Id> ids) { pool_[sequence] = std::move(ids); }

    DocumentIds take_for(const kp_rows::PreparedRows& rows) {
        IdCounts counts;
        count_ids(rows, counts);
        DocumentIds ids;
        for (const auto& [seq, n] : counts) {
            std::vector<Id>& values = pool_[seq];
            std::size_t& next = next_[seq];
            if (next + static_cast<std::size_t>(n) > values.size()) {
                throw std::logic_error("postgres: too few ids taken for " + seq);
            }
            const auto first = values.begin() + static_cast<std::ptrdiff_t>(next);
            ids.give(seq, std::vector<Id>(first, first + static_cast<std::ptrdiff_t>(n)));
            next += static_cast<std::size_t>(n);
        }
        return ids;
    }

private:
    std::map<std::string, std::vector<Id>, std::less<>> pool_;
    std::map<std::string, std::size_t, std::less<>> next_;
};

// Appends `text` escaped for COPY's text format.
inline void append_copy_text(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
}

inline void append_copy_value(std::string& out, const kp_rows::Value& v, const DocumentIds& ids) {
    switch (v.tag) {
        case kp_rows::Tag::null:
            out += "\\N";
            break;
        case kp_rows::Tag::integer:
            out += std::to_string(v.integer);
            break;
        case kp_rows::Tag::real: {
            char buffer[32];
            const int n = std::snprintf(buffer, sizeof buffer, "%.17g", v.real);
            out.append(buffer, static_cast<std::size_t>(n));
            break;
        }
        case kp_rows::Tag::text:
            append_copy_text(out, v.text);
            break;
        case kp_rows::Tag::ref:
            out += std::to_string(ids.resolve(v.table, v.integer));
            break;
    }
}

// The COPY statement for a table's rows, and the rows in its text format.
struct CopyBlock {
    std::string sql;
    std::string data;
};

inline CopyBlock copy_block(Table table, const kp_rows::PreparedRows& rows,
                            const DocumentIds& ids) {
    const kp_rows::TableSpec& spec = kp_rows::spec_of(table);
    const std::size_t skip = id_left_to_default(table) ? 1 : 0;
    CopyBlock block;
    block.sql = std::string("COPY ") + spec.name + " (";
    for (std::size_t c = skip; c < spec.columns.size(); ++c) {
        block.sql += c == skip ? "" : ", ";
        block.sql += spec.columns[c];
    }
    block.sql += ") FROM STDIN";
    kp_rows::ValueReader values = rows.values(table);
    for (Id r = 0; r < rows.count(table); ++r) {
        for (std::size_t c = 0; c < spec.columns.size(); ++c) {
            const kp_rows::Value v = values.next();
            if (c < skip) {
                continue;
            }
            if (c > skip) {
                block.data += '\t';
            }
            append_copy_value(block.data, v, ids);
        }
        block.data += '\n';
    }
    return block;
}

}  // namespace kp_postgres
