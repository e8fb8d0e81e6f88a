// A group of documents into PostgreSQL in one transaction: one lock statement, one look-up,
// one delete, one round trip for all their ids and one COPY per table, whatever their number.
// A document alone in a transaction of its own costs some twenty round trips; grouped, a batch
// loads several times faster (bench/postgres.py).
//
// Safe with other writers: the advisory locks on the group's sources are taken in one
// statement, in the order of their keys, so two groups that share sources take turns rather
// than deadlock; and what the database holds for each source is read under those locks.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "copy_rows.hpp"
#include "kpproc/json.hpp"
#include "kpproc/meeting_rows/prepared_rows.hpp"
#include "pg_connection.hpp"

namespace kp_postgres {

// A document waiting for its group's transaction.
struct PendingDocument {
    std::string source;  // its identity: the key the database stores it by
    std::string sha256;
    std::string path;      // for messages
    std::string prepared;  // its rows, rendered on a worker (kpproc/meeting_rows/)
};

// What the transaction found for a document.
enum class Outcome {
    added,
    replaced,       // another version was there, and is gone
    already_there,  // the same bytes, stored by another writer since: nothing written
};

// Runs one group in the caller's transaction (BEGIN … COMMIT are the caller's). Throws PgError;
// the caller rolls back.
class GroupWriter {
public:
    explicit GroupWriter(Connection& db) : db_(db) {}

    std::vector<Outcome> write(const std::vector<PendingDocument>& group) {
        const std::string sources = json_list(group, [](const auto& d) { return d.source; });
        // The keys sorted in a subquery of their own (one with ORDER BY is never merged into
        // the outer query), then locked one by one in that order.
        db_.query(
            "SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(value, 0) "
            "AS h FROM json_array_elements_text($1::json) ORDER BY 1) AS keys",
            {sources.c_str()});
        const std::map<std::string, std::pair<std::string, std::string>> stored =
            stored_versions(sources);
        std::vector<Outcome> outcomes;
        std::vector<std::string> replaced_ids;
        std::vector<const PendingDocument*> written;
        std::map<std::string, std::size_t> last_of_source;  // a source twice: the later wins
        for (std::size_t i = 0; i < group.size(); ++i) {
            last_of_source[group[i].source] = i;
        }
        for (std::size_t i = 0; i < group.size(); ++i) {
            const auto found = stored.find(group[i].source);
            if (found != stored.end() && found->second.second == group[i].sha256) {
                outcomes.push_back(Outcome::already_there);
                continue;
            }
            if (found != stored.end()) {
                replaced_ids.push_back(found->second.first);
            }
            outcomes.push_back(found != stored.end() ? Outcome::replaced : Outcome::added);
            if (last_of_source[group[i].source] == i) {
                written.push_back(&group[i]);
            }
        }
        if (!replaced_ids.empty()) {
            const std::string ids = json_list(replaced_ids, [](const auto& id) { return id; });
            db_.query(
                "DELETE FROM documents WHERE id IN (SELECT value::bigint FROM "
                "json_array_elements_text($1::json))",
                {ids.c_str()});
        }
        copy_rows(written);
        return outcomes;
    }

private:
    template <class List, class Item>
    static std::string json_list(const List& list, Item item) {
        std::string out;
        kpproc::json::Writer w(out);
        w.begin_array();
        for (const auto& entry : list) {
            w.string(item(entry));
        }
        w.end_array();
        return out;
    }

    // Source -> (id, sha256) of what the database holds for the group's sources.
    std::map<std::string, std::pair<std::string, std::string>> stored_versions(
        const std::string& sources) {
        const Result r = db_.query(
            "SELECT source, id, sha256 FROM documents WHERE source IN (SELECT value FROM "
            "json_array_elements_text($1::json))",
            {sources.c_str()});
        std::map<std::string, std::pair<std::string, std::string>> stored;
        for (int i = 0; i < PQntuples(r.get()); ++i) {
            stored[PQgetvalue(r.get(), i, 0)] = {PQgetvalue(r.get(), i, 1),
                                                 PQgetvalue(r.get(), i, 2)};
        }
        return stored;
    }

    // Every table's rows of the documents, each table in one COPY, parents first.
    void copy_rows(const std::vector<const PendingDocument*>& documents) {
        std::vector<kp_rows::PreparedRows> rows;
        IdCounts needed;
        for (const auto* d : documents) {
            rows.emplace_back(d->prepared);
            count_ids(rows.back(), needed);
        }
        IdPool pool;
        std::vector<std::string> sequences;
        const std::string take = take_ids_query(needed, sequences);
        if (!take.empty()) {
            const Result r = db_.query(take);
            for (std::size_t i = 0; i < sequences.size(); ++i) {
                pool.add(sequences[i], parse_ids(PQgetvalue(r.get(), 0, static_cast<int>(i))));
            }
        }
        std::vector<DocumentIds> ids;
        for (const auto& r : rows) {
            ids.push_back(pool.take_for(r));
        }
        for (std::size_t t = 0; t < kp_rows::kTables; ++t) {
            const auto table = static_cast<kp_rows::Table>(t);
            if (!is_copied(table)) {
                continue;
            }
            CopyBlock all;
            for (std::size_t d = 0; d < rows.size(); ++d) {
                if (rows[d].count(table) > 0) {
                    CopyBlock block = copy_block(table, rows[d], ids[d]);
                    all.sql = std::move(block.sql);
                    all.data += block.data;
                }
            }
            if (!all.data.empty()) {
                db_.copy_in(all.sql, all.data);
            }
        }
    }

    Connection& db_;
};

}  // namespace kp_postgres
