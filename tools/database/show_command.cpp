// `kpproc show` (run by kpproc as `kpproc-show`): one meeting, readably, in the terminal — who
// was there, the items with their minutes, resolutions, actions and questions — from a record
// (read as `kpproc run` reads it), a document kpproc wrote as JSON, or a database.

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "command_line.hpp"
#include "database_commands.hpp"
#include "document_reader.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/inputs.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/model_json.hpp"
#include "kpproc/text.hpp"
#include "search.hpp"

namespace kpproc::cli {

namespace fw = kpproc::framework;
using Poco::Util::Option;

namespace {

// Text wrapped to a width, with an indent for the lines after the first.
class Printer {
public:
    Printer(std::ostream& out, std::size_t width, bool bold)
        : out_(out), width_(width), bold_(bold) {}

    void heading(const std::string& text) {
        out_ << (bold_ ? "\x1b[1m" : "") << text << (bold_ ? "\x1b[0m" : "") << "\n";
    }

    // `text` wrapped at word boundaries, the first line after `lead`, the others indented.
    void wrapped(const std::string& lead, const std::string& text, std::size_t indent) {
        std::string line = std::string(indent, ' ') + lead;
        bool line_has_words = !lead.empty();
        for (const auto& word : words(text::collapse_whitespace(text))) {
            if (line_has_words && line.size() + 1 + word.size() > width_) {
                out_ << line << "\n";
                line = std::string(indent + lead.size(), ' ');
                line_has_words = false;
            }
            line += (line_has_words && !line.ends_with(' ') ? " " : "") + word;
            line_has_words = true;
        }
        out_ << line << "\n";
    }

    void blank() { out_ << "\n"; }

private:
    static std::vector<std::string> words(const std::string& text) {
        std::vector<std::string> out;
        std::size_t at = 0;
        while (at < text.size()) {
            const auto space = text.find(' ', at);
            out.push_back(text.substr(at, space - at));
            at = space == std::string::npos ? text.size() : space + 1;
        }
        return out;
    }

    std::ostream& out_;
    std::size_t width_;
    bool bold_;
};

std::string person(const Attendee& a) {
    std::string out = a.title ? *a.title + " " + a.name : a.name;
    if (a.honours) {
        out += " " + *a.honours;
    }
    if (a.role) {
        out += " (" + *a.role + ")";
    }
    return out;
}

void print_attendance(const Document& doc, Printer& p) {
    const std::vector<std::pair<std::string, std::string>> groups = {
        {"present", "Present"},        {"also_present", "Also present"},
        {"substitute", "Substitutes"}, {"in_attendance", "In attendance"},
        {"officer", "Officers"},       {"apologies", "Apologies"},
        {"absent", "Absent"}};
    std::vector<bool> shown(doc.attendance.size(), false);
    for (const auto& [key, label] : groups) {
        std::string names;
        for (std::size_t i = 0; i < doc.attendance.size(); ++i) {
            if (doc.attendance[i].group == key) {
                names += (names.empty() ? "" : ", ") + person(doc.attendance[i]);
                shown[i] = true;
            }
        }
        if (!names.empty()) {
            p.wrapped(label + ": ", names, 0);
        }
    }
    std::string others;
    for (std::size_t i = 0; i < doc.attendance.size(); ++i) {
        others += shown[i] ? "" : (others.empty() ? "" : ", ") + person(doc.attendance[i]);
    }
    if (!others.empty()) {
        p.wrapped("Attending: ", others, 0);
    }
}

void print_paragraphs(const std::vector<Paragraph>& list, Printer& p, std::size_t indent) {
    for (const Paragraph& para : list) {
        std::string text = para.text;
        if (!para.speakers.empty()) {
            std::string names;
            for (const auto& s : para.speakers) {
                names += (names.empty() ? "" : "; ") + s.name;
            }
            text += " [" + names + "]";
        }
        p.wrapped(para.number ? *para.number + ". " : "", text, indent);
        print_paragraphs(para.children, p, indent + 3);
    }
}

void print_item(const Item& item, Printer& p) {
    p.blank();
    p.heading((item.number ? *item.number + ". " : "") + item.title.value_or("(untitled item)"));
    print_paragraphs(item.paragraphs, p, 3);
    for (const auto& r : item.resolutions) {
        p.wrapped("Resolved: ", r.text, 3);
    }
    for (const auto& a : item.actions) {
        std::string who = a.owner ? " — " + *a.owner : "";
        who += a.due ? " by " + *a.due : "";
        who += a.status ? " [" + *a.status + "]" : "";
        p.wrapped("Action: ", a.text + who, 3);
    }
    for (const auto& q : item.questions) {
        const std::string asker = q.asker && q.asker->name ? " (" + *q.asker->name + ")" : "";
        p.wrapped("Question" + (q.number ? " " + *q.number : "") + asker + ": ", q.text, 3);
        print_paragraphs(q.answers, p, 6);
    }
}

void print_meeting(const Document& doc, Printer& p) {
    const Meeting& m = doc.meeting;
    p.heading(m.body.value_or(m.title.value_or(doc.source.path)));
    std::string when;
    for (const auto* part : {&m.title, &m.date, &m.time, &m.venue, &m.status}) {
        if (*part && !(part == &m.title && !m.body)) {
            when += (when.empty() ? "" : " · ") + **part;
        }
    }
    if (!when.empty()) {
        p.wrapped("", when, 0);
    }
    p.blank();
    print_attendance(doc, p);
    for (const Item& item : doc.items) {
        print_item(item, p);
    }
}

// A record through `auto` as kpproc run reads it, or a document kpproc wrote as JSON.
Document document_from_file(const ParsedArgs& a, const std::string& file) {
    const fw::InputExpansion expansion = fw::expand_inputs({file}, "");
    if (!expansion.failures.empty() || expansion.inputs.size() != 1) {
        throw Error("no-input", expansion.failures.empty()
                                    ? file + ": give one file, not a directory"
                                    : expansion.failures.front().message);
    }
    const std::string bytes = fw::read_input(expansion.inputs.front(), fw::kDefaultMaxInputBytes);
    if (text::trim(bytes).starts_with("{") && bytes.find("\"kpproc\"") != std::string::npos) {
        return document_from_json(bytes);
    }
    const fw::PluginRegistry registry = load_plugins(a);
    const fw::Pipeline pipeline(registry, fw::parse_chain(a.value("chain", "auto")),
                                fw::Pipeline::ExporterRule::optional);
    return pipeline.make_worker()->run(file, bytes);
}

Document document_from_database(const std::string& database, const std::string& which) {
    if (is_postgres_database(database)) {
        throw Error("no-database",
                    "kpproc show reads SQLite databases; for PostgreSQL, query it or "
                    "export the document again");
    }
    auto db = open_sqlite_cells(database);
    auto doc = read_document(*db, which);
    if (!doc) {
        throw Error("no-document",
                    database + ": no document with the id, source or path '" + which + "'");
    }
    return std::move(*doc);
}

std::size_t output_width(const ParsedArgs& a) {
    if (a.has("width")) {
        std::size_t width = 0;
        const std::string text = a.value("width");
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), width);
        if (ec != std::errc() || end != text.data() + text.size() || width < 20 || width > 1000) {
            throw UsageError("--width expects a number of columns from 20 to 1000, not '" + text +
                             "'");
        }
        return width;
    }
    winsize size{};
    if (::isatty(STDOUT_FILENO) != 0 && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
        size.ws_col >= 20) {
        return size.ws_col;
    }
    return 80;
}

CommandSpec show_spec() {
    CommandSpec spec{
        "show",
        "[options] FILE | DATABASE ID",
        "Shows one meeting readably: the body, date and venue, who was there, and each item "
        "with its minutes (speakers in brackets), resolutions, actions and questions. FILE is a "
        "record, read as 'kpproc run' reads it (--chain to choose the adapter), or a document "
        "kpproc wrote as JSON; or a database the sqlite exporter wrote, and the ID, source or "
        "path of one of its documents.",
        "Examples:\n"
        "  kpproc show examples/data/pcp-minutes-2023-10-17.txt\n"
        "  kpproc show minutes.sqlite 12\n"
        "  kpproc show minutes.sqlite archive/2023/panel-2023-10-17.txt | less\n",
        {}};
    spec.options.addOption(
        Option("chain", "", "For a FILE: the chain that reads it (default: auto).")
            .argument("CHAIN"));
    spec.options.addOption(
        Option("width", "w", "Wrap at N columns (default: the terminal's, or 80).").argument("N"));
    spec.options.addOption(Option("json", "", "Print the document as JSON instead."));
    add_common_options(spec.options);
    return spec;
}

}  // namespace

int show_command(const std::vector<std::string>& args) {
    const CommandSpec spec = show_spec();
    return guarded(spec, args, [&](const ParsedArgs& a) {
        if (a.positional.empty() || a.positional.size() > 2) {
            throw UsageError("give a FILE, or a DATABASE and the ID of one of its documents");
        }
        const Document doc = a.positional.size() == 2
                                 ? document_from_database(a.positional[0], a.positional[1])
                                 : document_from_file(a, a.positional[0]);
        if (a.has("json")) {
            std::cout << to_json(doc, JsonStyle{2}) << "\n";
            return static_cast<int>(kSuccess);
        }
        const bool colour = ::isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
        Printer printer(std::cout, output_width(a), colour);
        print_meeting(doc, printer);
        return static_cast<int>(kSuccess);
    });
}

}  // namespace kpproc::cli
