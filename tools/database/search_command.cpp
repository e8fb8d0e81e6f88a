// `kpproc search` (run by kpproc as `kpproc-search`, as git runs git-foo): full-text search of
// the databases the sqlite and postgres exporters write.

#include <unistd.h>

#include <charconv>
#include <iostream>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "database_commands.hpp"
#include "kpproc/error.hpp"
#include "kpproc/json.hpp"
#include "search.hpp"

namespace kpproc::cli {

using Poco::Util::Option;

// ---- search ---------------------------------------------------------------------------------

namespace {

// "…the \x01county lines\x02 gangs…": the matched words between the markers FTS5 put there.
std::string highlight(const std::string& snippet, const char* on, const char* off) {
    std::string out;
    for (char c : snippet) {
        if (c == '\x01') {
            out += on;
        } else if (c == '\x02') {
            out += off;
        } else {
            out += c;
        }
    }
    return out;
}

void print_hits_json(const std::vector<Hit>& hits) {
    std::string out;
    json::Writer w(out, 2);
    w.begin_array();
    const char* keys[] = {"kind",        "document",   "body",   "date",
                          "item_number", "item_title", "speaker"};
    for (const auto& row : hits) {
        w.begin_object();
        for (std::size_t c = 0; c < std::size(keys); ++c) {
            w.key(keys[c]);
            row[c] ? w.string(*row[c]) : w.null();
        }
        w.key("page");
        row[page_column] ? w.integer(std::stoll(*row[page_column])) : w.null();
        w.key("document_id").integer(std::stoll(row[document_id_column].value_or("0")));
        w.key("snippet").string(highlight(row[snippet_column].value_or(""), "", ""));
        w.key("highlighted").string(highlight(row[snippet_column].value_or(""), "[", "]"));
        w.end_object();
    }
    w.end_array();
    std::cout << out << "\n";
}

// "Body, date — item N Title (kind) — speaker", the snippet, then "path, page N".
void print_hits_text(const std::vector<Hit>& hits) {
    const bool terminal = ::isatty(STDOUT_FILENO) != 0;
    for (const auto& row : hits) {
        const auto& number = row[item_number_column];
        const auto& title = row[item_title_column];
        std::cout << row[body_column].value_or("(no body)") << ", "
                  << row[date_column].value_or("(no date)");
        if (number || title) {
            std::cout << " — item " << number.value_or("") << (number && title ? " " : "")
                      << title.value_or("");
        }
        std::cout << " (" << row[kind_column].value_or("") << ")";
        if (row[speaker_column] && !row[speaker_column]->empty()) {
            std::cout << " — " << *row[speaker_column];
        }
        std::cout << "\n    "
                  << highlight(row[snippet_column].value_or(""), terminal ? "\033[1;33m" : "[",
                               terminal ? "\033[0m" : "]")
                  << "\n    " << row[path_column].value_or("");
        if (row[page_column]) {
            std::cout << ", page " << *row[page_column];
        }
        std::cout << "\n";
    }
}

SearchRequest search_request(const ParsedArgs& a) {
    if (a.positional.size() != 2) {
        throw UsageError("give a DATABASE and a QUERY");
    }
    SearchRequest r{.database = a.positional[0],
                    .query = a.positional[1],
                    .kind = a.value("type"),
                    .body = a.value("body"),
                    .from = a.value("from"),
                    .to = a.value("to"),
                    .person = a.value("person")};
    if (!r.kind.empty() && r.kind != "paragraph" && r.kind != "resolution" &&
        r.kind != "question" && r.kind != "action") {
        throw UsageError("--type is paragraph, resolution, question or action, not '" + r.kind +
                         "'");
    }
    if (a.has("limit")) {
        const std::string n = a.value("limit");
        const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), r.limit);
        if (ec != std::errc() || end != n.data() + n.size() || r.limit < 1) {
            throw UsageError("--limit takes a positive number, not '" + n + "'");
        }
    }
    for (const auto& [option, date] : {std::pair{"from", r.from}, std::pair{"to", r.to}}) {
        if (!date.empty() && (date.size() != 10 || date[4] != '-' || date[7] != '-')) {
            throw UsageError(std::string("--") + option + " takes a date as YYYY-MM-DD, not '" +
                             date + "'");
        }
    }
    return r;
}

}  // namespace

int search_command(const std::vector<std::string>& args) {
    CommandSpec spec{
        "search",
        "[options] DATABASE QUERY",
        "Full-text search of a database written by the sqlite exporter ('kpproc run --chain "
        "\"auto ! entities ! sqlite\" -o DATABASE ...') or the postgres one (DATABASE a "
        "postgresql:// URL): paragraphs, resolutions, questions and actions. On SQLite, QUERY "
        "is FTS5 syntax: words (all must occur), \"a phrase\", OR, NOT, prefix*; on "
        "PostgreSQL it is web-search syntax: words, \"a phrase\", OR, -word (on both, words "
        "match whole and regardless of case, without stemming). "
        "Each hit shows the meeting, its date, the item's number and title, who spoke where "
        "known, and the matching words (highlighted on a terminal).",
        "Exit status: 0 something was found, 1 nothing was, 2 usage error or no such database.\n"
        "Example: kpproc search minutes.sqlite '\"county lines\"' --from 2023-01-01 --type "
        "paragraph\n",
        {}};
    spec.options.addOption(
        Option("body", "b", "Only meetings of bodies whose name contains TEXT.").argument("TEXT"));
    spec.options.addOption(
        Option("from", "", "Only meetings on or after DATE (YYYY-MM-DD).").argument("DATE"));
    spec.options.addOption(
        Option("to", "", "Only meetings on or before DATE (YYYY-MM-DD).").argument("DATE"));
    spec.options.addOption(Option("person", "",
                                  "Only hits that name, or are spoken by, a person whose name "
                                  "contains NAME.")
                               .argument("NAME"));
    spec.options.addOption(
        Option("type", "t", "Only paragraph, resolution, question or action hits.")
            .argument("KIND"));
    spec.options.addOption(
        Option("limit", "n", "At most N hits, best first (default 20).").argument("N"));
    spec.options.addOption(Option("json", "", "Print the hits as JSON."));
    add_common_options(spec.options);

    return guarded(spec, args, [&](const ParsedArgs& a) {
        const SearchRequest request = search_request(a);
        std::vector<Hit> hits;
        try {
            hits = is_postgres_database(request.database) ? search_postgres(request)
                                                          : search_sqlite(request);
        } catch (const Error& e) {
            if (e.code() == "bad-query") {
                throw UsageError(e.what());
            }
            throw;
        }
        if (a.has("json")) {
            print_hits_json(hits);
        } else {
            print_hits_text(hits);
        }
        return hits.empty() ? static_cast<int>(kSomeFailed) : static_cast<int>(kSuccess);
    });
}

}  // namespace kpproc::cli
