#pragma once
// The passages of a meeting — what is said in it, and searched: paragraphs, resolutions,
// questions and actions — as the exporters' full-text indexes and `kpproc search` both know
// them: each passage's kind (the `kind` column of the index and of a hit) and its table. One
// list, so that the exporters' schema and the search that reads it cannot drift apart.

#include <array>
#include <string>

namespace kp_rows {

struct PassageTable {
    const char* kind;   // "paragraph": the index's and a hit's kind
    const char* table;  // "paragraphs": the table its rows are in
};

inline constexpr const char* kParagraphKind = "paragraph";
inline constexpr const char* kResolutionKind = "resolution";
inline constexpr const char* kQuestionKind = "question";
inline constexpr const char* kActionKind = "action";

inline constexpr std::array<PassageTable, 4> kPassageTables = {{{kParagraphKind, "paragraphs"},
                                                                {kResolutionKind, "resolutions"},
                                                                {kQuestionKind, "questions"},
                                                                {kActionKind, "actions"}}};

// For a CTE of hits `h` (with its kind and row_id), where each hit is, from its own table: its
// item (item_id) and its span (b, e). SQL that SQLite and PostgreSQL both read, ending in a
// comma, for a SELECT list.
inline std::string hit_location_sql() {
    std::string sql;
    for (const auto& [column, alias] : {std::pair{"item_id", "item_id"},
                                        std::pair{"span_begin", "b"}, std::pair{"span_end", "e"}}) {
        sql += "    CASE h.kind";
        for (const PassageTable& p : kPassageTables) {
            sql += std::string(" WHEN '") + p.kind + "' THEN (SELECT " + column + " FROM " +
                   p.table + " WHERE id = h.row_id)";
        }
        sql += std::string(" END AS ") + alias + ",\n";
    }
    return sql;
}

}  // namespace kp_rows
