#include "commands.hpp"

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>

#include "command_line.hpp"
#include "kpproc/error.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/framework/plugin_registry.hpp"
#include "kpproc/framework/signals.hpp"
#include "kpproc/json.hpp"
#include "kpproc/text.hpp"
#include "progress.hpp"

namespace kpproc::cli {

namespace fw = kpproc::framework;
namespace fs = std::filesystem;
using kpproc::text::join;
using Poco::Util::Option;
using Poco::Util::OptionSet;

namespace {

void warn_about_refusals(const fw::PluginRegistry& registry) {
    if (!registry.refusals().empty()) {
        std::cerr << "kpproc: warning: " << registry.refusals().size() << " plugin"
                  << (registry.refusals().size() == 1 ? " was" : "s were")
                  << " refused (see 'kpproc plugins')\n";
    }
}

unsigned parse_jobs(const std::string& text) {
    unsigned jobs = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), jobs);
    if (ec != std::errc() || p != text.data() + text.size() || jobs == 0 || jobs > 256) {
        throw UsageError("--jobs expects a whole number from 1 to 256, not '" + text + "'");
    }
    return jobs;
}

}  // namespace

// ---- run ------------------------------------------------------------------------------------

namespace {

// --isolate, --no-isolate and the limits of the worker processes.
void add_isolation_options(OptionSet& options) {
    options.addOption(Option(
        "isolate", "",
        "Run the plugins in worker processes (one per job, reused from document to document), "
        "so that a plugin that crashes, hangs or runs out of memory fails only the document it "
        "was working on, with the error plugin-crashed, timeout or memory-limit, and the run "
        "goes on with a fresh worker. Without it such a plugin ends the whole run. Costs "
        "some 5-20 % more time (each document travels to its worker and back; most for small "
        "documents). The default "
        "when the chain has a plugin from outside kpproc's own plugin directory (including "
        "any adapter 'auto' may choose)."));
    options.addOption(
        Option("no-isolate", "",
               "Run every plugin in the kpproc process, even plugins from outside kpproc's own "
               "directory (a plugin that crashes then ends the run, with exit status 3)."));
    options.addOption(
        Option("timeout", "",
               "With --isolate: give each document at most SECONDS (30, or 2.5) in its worker; "
               "one that takes longer fails with 'timeout' and its worker is stopped. Default: "
               "no limit.")
            .argument("SECONDS"));
    options.addOption(
        Option("max-memory", "",
               "With --isolate: stop a worker whose memory goes over SIZE (512M, 2G) and fail "
               "its document with 'memory-limit'. Counts what the worker holds, plugins and "
               "document together. Default: no limit.")
            .argument("SIZE"));
}

// What `run` prints as it goes.
void add_reporting_options(OptionSet& options) {
    options.addOption(
        Option("progress", "",
               "Show progress on standard error: done/total, documents and MB a second, elapsed "
               "time, time left and failures. auto (default): on a terminal, redrawn at most 10 "
               "times a second; always: also into a log, a plain line at most once a second; "
               "never. NO_COLOR turns its colour off.")
            .argument("WHEN"));
    options.addOption(
        Option("quiet", "q",
               "Print no progress, warnings or summary; errors are still printed (and the summary "
               "of an interrupted run)."));
}

// What `kpproc run --help` says after the options: chains, outputs, identities, interrupts,
// exit status and examples.
constexpr const char* kRunFooter =
    "Chains:\n"
    "  auto ! json                      detect each input's format, write JSON (default)\n"
    "  text ! json(pretty=false)        force the text adapter; compact JSON\n"
    "Output: to standard output by default. Several documents in one stream or file are\n"
    "written as NDJSON (one compact document per line). -o DIR/ writes one file per input,\n"
    "mirroring the input directory's layout. Files are written under a temporary name and\n"
    "renamed when complete, so a failure never leaves a half-written file.\n"
    "Standard input is known by its content's hash, or by the --name you give it; a file by\n"
    "its absolute path. A database export replaces a document whose source it has seen with\n"
    "other bytes, and says so.\n"
    "Interrupted (Ctrl-C, SIGTERM, SIGHUP), kpproc hands out no more documents, finishes\n"
    "those in progress, writes and commits what is complete, prints the summary and exits\n"
    "130 (143 for SIGTERM); interrupt it again to stop at once, its unfinished files\n"
    "removed. Run the same command again to finish the batch: a database export skips the\n"
    "documents it holds already, and -o DIR/ --skip-existing the outputs newer than their\n"
    "input. A run killed outright leaves its unfinished files hidden\n"
    "(.NAME.kpproc-tmp.PID.*); the next run into that place removes them.\n"
    "Exit status: 0 every document done, 1 some documents failed (each one is reported on\n"
    "standard error and the others still complete), 2 usage or setup error, 3 a plugin\n"
    "crashed kpproc (the message names it and the document; output already written is whole).\n"
    "Examples:\n"
    "  kpproc run examples/data/pcp-minutes-2023-10-17.txt\n"
    "  kpproc run -o out/ -j 2 minutes/\n"
    "  curl -s URL | kpproc run --name URL --chain 'auto ! sqlite' -o minutes.sqlite -\n"
    "  kpproc run --shard 2/8 --chain 'auto ! sqlite' -o part-2.sqlite archive/\n"
    "  find archive -name '*.pdf' | kpproc run --inputs-from - -c 'auto ! json'\n";

CommandSpec run_spec() {
    CommandSpec spec{
        "run",
        "[options] INPUT...",
        "Passes each INPUT through a chain of plugins and writes the results. An INPUT is a file, "
        "a directory (searched recursively, in sorted order, hidden entries skipped) or - for "
        "standard input.",
        kRunFooter,
        {}};
    spec.options.addOption(
        Option("chain", "c", "The plugin chain (default: 'auto ! json').").argument("CHAIN"));
    spec.options.addOption(Option("output", "o",
                                  "Where to write: - for standard output (default), a FILE for "
                                  "all documents, or a DIR/ for one file per input.")
                               .argument("OUT"));
    spec.options.addOption(
        Option("jobs", "j",
               "Workers, each reading, parsing, processing and rendering documents in parallel "
               "(default: 1, at most 256; one per core is best). The output is in input order "
               "and the same whatever N is.")
            .argument("N"));
    spec.options.addOption(
        Option("max-input-size", "",
               "Refuse inputs larger than SIZE (bytes, or with K, M or G: 200M), each with a "
               "clear error; the others still run. Bounds memory too: a document needs about "
               "12 times its size at peak (19 with entities). Default: 1G.")
            .argument("SIZE"));
    spec.options.addOption(
        Option("name", "n",
               "The name of standard input (-): shown in messages and source.path, and its "
               "identity, so that piping a new version of the same document replaces the old "
               "one in a database. Without it, standard input is known by its content's hash.")
            .argument("NAME"));
    spec.options.addOption(
        Option("inputs-from", "",
               "Read the inputs from a list instead of arguments: FILE, or - for standard input "
               "(read as the batch goes). One path a line, or NDJSON lines with a \"path\"; a "
               "directory is walked as an INPUT would be.")
            .argument("LIST"));
    spec.options.addOption(
        Option("shard", "",
               "Process only part INDEX of COUNT of the inputs (INDEX from 0): each input's part "
               "comes from a stable hash of its path relative to its root (the directory given, "
               "or the working directory for a file named directly), so COUNT processes given "
               "the same inputs cover them exactly once.")
            .argument("INDEX/COUNT"));
    spec.options.addOption(
        Option("skip-existing", "",
               "With -o DIR/: leave out each input whose output file is already there and newer "
               "than the input, e.g. to finish an interrupted batch. (A database export leaves "
               "out the documents it holds already by itself.)"));
    spec.options.addOption(Option(
        "check", "",
        "Check every plugin's output against the rules of the document model (spans inside the "
        "text and over the words of their facts, valid UTF-8, null rather than empty, unique "
        "entity ids, ISO dates; see docs/plugin-guide.md) and fail a document that breaks "
        "one, naming the plugin and the field. For plugin authors, and for trying a new "
        "plugin on an archive. On by default in debug builds."));
    add_isolation_options(spec.options);
    add_reporting_options(spec.options);
    add_common_options(spec.options);
    return spec;
}

// --timeout SECONDS: a positive number of seconds, kept to the millisecond.
std::chrono::milliseconds parse_timeout(const std::string& text) {
    char* end = nullptr;
    const double seconds = std::strtod(text.c_str(), &end);
    // Up to a year: anything longer is no limit at all, and would overflow a deadline.
    if (text.empty() || end != text.c_str() + text.size() || !(seconds >= 0.001) ||
        seconds > 365.0 * 24 * 3600) {
        throw UsageError("--timeout expects a number of seconds such as 30 or 2.5, not '" + text +
                         "'");
    }
    return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000.0 + 0.5));
}

// Whether the chain runs a plugin from outside kpproc's own plugin directory on documents:
// such plugins are isolated by default, so that a third party's crash cannot end the run.
bool third_party_plugins(const fw::Pipeline& pipeline) {
    std::error_code ec;
    const fs::path own = fs::weakly_canonical(fw::default_plugin_directory(), ec);
    for (const auto& plugin : pipeline.document_plugins()) {
        if (fs::weakly_canonical(plugin->path(), ec).parent_path() != own) {
            return true;
        }
    }
    return false;
}

// --isolate and its limits, or nullopt. The limits without --isolate are refused rather than
// ignored: in-process, nothing can stop a plugin, and the user should know.
std::optional<fw::IsolationSettings> isolation_settings(const ParsedArgs& a,
                                                        const fw::Pipeline& pipeline) {
    if (a.has("isolate") && a.has("no-isolate")) {
        throw UsageError("--isolate and --no-isolate contradict each other; give one");
    }
    if (!a.has("isolate") && !(third_party_plugins(pipeline) && !a.has("no-isolate"))) {
        if (a.has("timeout") || a.has("max-memory")) {
            throw UsageError(std::string("--") + (a.has("timeout") ? "timeout" : "max-memory") +
                             " limits the worker processes of --isolate; add --isolate");
        }
        return std::nullopt;
    }
    fw::IsolationSettings settings;
    settings.worker_command = fw::default_worker_command();
    settings.chain = pipeline.chain().to_string();
    settings.check_invariants = pipeline.checks_invariants();
    for (const auto& dir : a.values("plugin-path")) {
        settings.plugin_directories.emplace_back(dir);
    }
    if (a.has("timeout")) {
        settings.timeout = parse_timeout(a.value("timeout"));
    }
    if (a.has("max-memory")) {
        const auto size = fw::parse_size(a.value("max-memory"));
        if (!size) {
            throw UsageError("--max-memory expects a size such as 512M or 2G, not '" +
                             a.value("max-memory") + "'");
        }
        settings.max_memory = *size;
    }
    return settings;
}

fw::BatchOptions batch_options(const ParsedArgs& a, const fw::Pipeline& pipeline) {
    fw::BatchOptions options;
    options.isolation = isolation_settings(a, pipeline);
    options.output = fw::OutputSpec::from_argument(a.value("output"));
    options.jobs = a.has("jobs") ? parse_jobs(a.value("jobs")) : 1;
    options.skip_existing = a.has("skip-existing");
    if (a.has("max-input-size")) {
        const auto size = fw::parse_size(a.value("max-input-size"));
        if (!size) {
            throw UsageError(
                "--max-input-size expects a size such as 1048576, 512K, 200M or 2G, "
                "not '" +
                a.value("max-input-size") + "'");
        }
        options.max_input_bytes = *size;
    }
    return options;
}

// An output as messages show it: a password in it (a database URL's "user:secret@", a
// connection string's "password=secret") becomes "***", as the user may be sharing the screen
// or a log. kpproc knows no database; this is only about not repeating a secret.
std::string without_password(const std::string& output) {
    static const std::regex in_url(R"(([A-Za-z][A-Za-z0-9+.-]*://[^/:@\s]*:)[^@/\s]*@)");
    static const std::regex as_parameter(R"((\bpassword\s*=\s*)('([^'\\]|\\.)*'|[^\s&]*))",
                                         std::regex::icase);
    return std::regex_replace(std::regex_replace(output, in_url, "$1***@"), as_parameter, "$1***");
}

// What the user sees of a batch, on standard error: errors always; warnings, notes, the
// progress meter (on a terminal, or as asked) and the summary unless quiet. Messages go through
// the meter, so that they never mix with its line.
class RunConsole {
public:
    RunConsole(bool quiet, ProgressMode mode)
        : quiet_(quiet), meter_(ProgressMeter::for_stderr(quiet ? ProgressMode::never : mode)) {}

    void error(const std::string& message) { meter_.message("kpproc: error: " + message); }
    void warning(const std::string& message) {
        if (!quiet_) {
            meter_.message("kpproc: warning: " + message);
        }
    }

    fw::BatchEvents events() {
        fw::BatchEvents events;
        events.on_notice = [this](const fw::DocumentNotice& n) {
            if (!quiet_) {
                meter_.message("kpproc: note: " + n.input + ": " + n.notice.message);
            }
        };
        events.on_warning = [this](const fw::DocumentNotice& n) {
            warning(n.input + ": " + n.notice.message);
        };
        events.on_failure = [this](const fw::DocumentFailure& f) {
            std::string message = f.message;
            // Errors already name the input; only add it where they do not.
            if (message.rfind(f.input + ": ", 0) != 0) {
                message = f.input + ": " + message;
            }
            if (!message.empty() && message.back() == '\n') {
                message.pop_back();
            }
            error(message);
        };
        events.on_progress = [this](const fw::BatchProgress& p) {
            meter_.update(ProgressState{p.done, p.total, p.failed, p.bytes, 0,
                                        p.current != nullptr ? p.current->display : ""});
        };
        return events;
    }

    // "kpproc: 2014 of 2016 documents done in 12.4 s (…): 19 new, 1995 unchanged; 2 failed;
    // output in minutes.sqlite" — an interrupted batch says so and how to finish it even when
    // quiet, since its exit status alone does not tell what was done.
    void summary(const fw::BatchReport& report, std::size_t listing_failures,
                 const fw::OutputSpec& output) {
        meter_.finish();
        if (quiet_ && !report.interrupted) {
            return;
        }
        BatchSummary s;
        s.failed = report.failures.size() + listing_failures;
        s.total = report.succeeded + s.failed;
        s.with_warnings = report.with_warnings;
        s.notices = report.notice_counts;
        s.elapsed = meter_.elapsed();
        s.bytes = report.bytes;
        if (output.mode != fw::OutputSpec::Mode::standard_output) {
            s.output = without_password(output.path.string());
        }
        std::string line = format_summary(s);
        if (report.interrupted) {
            line += "; interrupted: run the same command again to finish";
        }
        std::cerr << line << "\n";
    }

private:
    bool quiet_;
    ProgressMeter meter_;
};

// While alive, records go to a private copy of standard output and file descriptor 1 points at
// standard error, so that a plugin printing to standard output cannot corrupt the records.
class GuardedStandardOutput {
public:
    GuardedStandardOutput() : records_fd_(::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)) {
        if (records_fd_ >= 0) {
            std::cout.flush();
            ::dup2(STDERR_FILENO, STDOUT_FILENO);
        }
    }
    ~GuardedStandardOutput() {
        if (records_fd_ >= 0) {
            ::dup2(records_fd_, STDOUT_FILENO);
            ::close(records_fd_);
        }
    }
    GuardedStandardOutput(const GuardedStandardOutput&) = delete;
    GuardedStandardOutput& operator=(const GuardedStandardOutput&) = delete;
    int records_fd() const { return records_fd_ >= 0 ? records_fd_ : STDOUT_FILENO; }

private:
    int records_fd_;
};

// --shard INDEX/COUNT, or nullopt.
std::optional<fw::Shard> shard_option(const ParsedArgs& a) {
    if (!a.has("shard")) {
        return std::nullopt;
    }
    const auto shard = fw::Shard::parse(a.value("shard"));
    if (!shard) {
        throw UsageError(
            "--shard expects INDEX/COUNT with INDEX from 0 to COUNT-1, such as 0/4 "
            "... 3/4, not '" +
            a.value("shard") + "'");
    }
    return shard;
}

// The batch's inputs, taken as it goes: those the arguments name, walked, or those a list
// names (--inputs-from), read a line at a time; of them, one shard's (--shard). Problems
// found on the way are reported at once and counted.
class BatchInputs {
public:
    BatchInputs(const ParsedArgs& a, RunConsole& console) : shard_(shard_option(a)) {
        if (a.has("inputs-from")) {
            open_list(a, console);
        } else {
            auto walk = std::make_unique<fw::InputWalk>(a.positional, a.value("name"));
            if (shard_ &&
                std::find(a.positional.begin(), a.positional.end(), "-") != a.positional.end()) {
                throw UsageError(
                    "--shard splits the files named; standard input (-) is one "
                    "document that cannot be split");
            }
            total_ = fw::InputWalk::count(a.positional, keep());
            all_ = shard_ && total_ == 0 ? fw::InputWalk::count(a.positional) : total_;
            report_problems(*walk, console);
            source_ = std::move(walk);
        }
        if (shard_) {
            filtered_ = std::make_unique<fw::FilteredInputs>(*source_, keep());
        }
    }

    fw::InputSource& source() { return filtered_ ? *filtered_ : *source_; }
    // 0 when not known beforehand (a list read from standard input).
    std::size_t total() const { return total_; }
    bool known_empty() const { return total_known_ && total_ == 0; }
    // Of every shard, when the total is known.
    std::size_t all_shards_total() const { return all_; }
    std::size_t listing_failures() const { return listing_failures_; }

private:
    std::function<bool(const fw::Input&)> keep() const {
        if (!shard_) {
            return {};
        }
        return [shard = *shard_](const fw::Input& input) { return shard.holds(input); };
    }

    void open_list(const ParsedArgs& a, RunConsole& console) {
        if (!a.positional.empty() || a.has("name")) {
            throw UsageError("--inputs-from names the inputs; give no INPUT (or --name) beside it");
        }
        const std::string name = a.value("inputs-from");
        if (name == "-") {
            total_known_ = false;  // read once, as it comes
        } else {
            list_file_.open(name);
            std::ifstream counting(name);
            if (!list_file_ || !counting) {
                throw Error("read-failed",
                            name + ": cannot read the list of inputs: " + std::strerror(errno));
            }
            fw::InputListReader reader(counting, name);
            while (const auto input = reader.next()) {
                total_ += !shard_ || shard_->holds(*input) ? 1 : 0;
                ++all_;
            }
        }
        auto reader = std::make_unique<fw::InputListReader>(
            name == "-" ? std::cin : static_cast<std::istream&>(list_file_), name);
        report_problems(*reader, console);
        source_ = std::move(reader);
    }

    template <class Source>
    void report_problems(Source& source, RunConsole& console) {
        source.on_failure = [this, &console](const fw::DocumentFailure& f) {
            console.error(f.message);
            ++listing_failures_;
        };
        source.on_warning = [&console](const std::string& path, const std::string& what) {
            console.warning(path + ": " + what);
        };
    }

    std::optional<fw::Shard> shard_;
    std::ifstream list_file_;
    std::unique_ptr<fw::InputSource> source_;
    std::unique_ptr<fw::FilteredInputs> filtered_;
    std::size_t total_ = 0;
    std::size_t all_ = 0;
    bool total_known_ = true;
    std::size_t listing_failures_ = 0;
};

// --progress auto|always|never.
ProgressMode progress_mode(const ParsedArgs& a) {
    const auto mode = parse_progress_mode(a.value("progress", "auto"));
    if (!mode) {
        throw UsageError("--progress expects auto, always or never, not '" + a.value("progress") +
                         "'");
    }
    return *mode;
}

// 128 + the signal, as a shell reports a process ended by it (130 for Ctrl-C).
int interrupted_status() {
    return 128 + fw::interrupt_signal();
}

}  // namespace

int run_command(const std::vector<std::string>& args) {
    const CommandSpec spec = run_spec();
    return guarded(spec, args, [&](const ParsedArgs& a) {
        if (a.positional.empty() && !a.has("inputs-from")) {
            throw UsageError(
                "no INPUT given; name files, directories or - for standard input (or a list "
                "of them with --inputs-from)");
        }
        const bool quiet = a.has("quiet");
        const auto chain = fw::parse_chain(a.value("chain", std::string(fw::kDefaultChain)));
        const fw::PluginRegistry registry = load_plugins(a);
        fw::Pipeline pipeline(registry, chain);
        if (a.has("check")) {
            pipeline.check_invariants(true);
        }
        if (!quiet) {
            warn_about_refusals(registry);
        }
        const fw::BatchOptions options = batch_options(a, pipeline);
        if (options.skip_existing && (options.output.mode != fw::OutputSpec::Mode::directory ||
                                      pipeline.writes_own_output())) {
            throw UsageError(
                "--skip-existing needs -o DIR/ and an exporter that writes one file per input "
                "(json, xml); a database export leaves out what it holds already by itself");
        }
        RunConsole console(quiet, progress_mode(a));
        BatchInputs inputs(a, console);
        if (inputs.known_empty() && inputs.all_shards_total() > 0) {
            // Normal when there are more shards than inputs: this one has nothing to do.
            if (!quiet) {
                std::cerr << "kpproc: shard " << a.value("shard") << " holds none of the "
                          << inputs.all_shards_total() << " inputs; nothing to do\n";
            }
            return static_cast<int>(kSuccess);
        }
        if (inputs.known_empty()) {
            while (inputs.source().next()) {
            }  // reports what made the walk come back empty
            std::cerr << "kpproc run: no input files found in "
                      << (a.has("inputs-from") ? a.value("inputs-from") : join(a.positional, ", "))
                      << "\n";
            return static_cast<int>(kSomeFailed);
        }
        fw::set_graceful_interrupts(true);
        fw::BatchRunner runner(pipeline, options);
        fw::BatchReport report;
        try {
            const GuardedStandardOutput guard;
            // Standard output gets whole records only, even if a plugin crashes the process.
            fw::RecordStreamBuf records(guard.records_fd());
            std::ostream standard_output(&records);
            report = runner.run(inputs.source(), inputs.total(), standard_output, console.events());
        } catch (const Error& e) {
            if (e.code() != "write-failed") {
                throw;  // the output could not be set up: a setup error
            }
            // Documents were processed, but their output did not all reach its destination.
            console.error(e.what());
            return static_cast<int>(kSomeFailed);
        }
        console.summary(report, inputs.listing_failures(), options.output);
        const std::size_t failed = report.failures.size() + inputs.listing_failures();
        if (report.interrupted) {
            return interrupted_status();
        }
        return static_cast<int>(failed == 0 ? kSuccess : kSomeFailed);
    });
}

// ---- plugins --------------------------------------------------------------------------------

namespace {

void write_description_json(json::Writer& w, const fw::Plugin& p) {
    const auto& d = p.description();
    w.begin_object();
    w.key("id").string(d.id);
    w.key("kind").string(fw::to_string(d.kind));
    w.key("version").string(d.version);
    w.key("summary").string(d.summary);
    if (d.licence.empty()) {
        w.key("licence").null();
    } else {
        w.key("licence").string(d.licence);
    }
    w.key("path").string(p.path().string());
    w.key("abi").string(std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor));
    w.key("toolchain").string(d.toolchain);
    w.key("media_types").begin_array();
    for (const auto& m : d.media_types) {
        w.string(m);
    }
    w.end_array();
    w.key("extensions").begin_array();
    for (const auto& e : d.extensions) {
        w.string(e);
    }
    w.end_array();
    if (d.kind == fw::PluginKind::exporter) {
        w.key("owns_output").boolean(d.owns_output);
    }
    w.key("options").begin_array();
    for (const auto& o : d.options) {
        w.begin_object();
        w.key("name").string(o.name);
        w.key("type").string(to_string(o.type));
        w.key("default");
        o.default_value ? w.string(*o.default_value) : w.null();
        w.key("choices").begin_array();
        for (const auto& c : o.choices) {
            w.string(c);
        }
        w.end_array();
        w.key("description").string(o.description);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

}  // namespace

int plugins_command(const std::vector<std::string>& args) {
    CommandSpec spec{"plugins",
                     "[options]",
                     "Lists the plugins kpproc can load, by kind, and the plugin files it refused "
                     "with the reason for each.",
                     "Use 'kpproc inspect ID' for a plugin's options.\n",
                     {}};
    spec.options.addOption(Option("json", "", "Print the list as JSON, for programs."));
    add_common_options(spec.options);

    return guarded(spec, args, [&](const ParsedArgs& a) {
        if (!a.positional.empty()) {
            throw UsageError("unexpected argument '" + a.positional.front() + "'");
        }
        const fw::PluginRegistry registry = load_plugins(a);
        if (a.has("json")) {
            std::string out;
            json::Writer w(out, 2);
            w.begin_object();
            w.key("plugins").begin_array();
            for (const auto& p : registry.plugins()) {
                write_description_json(w, *p);
            }
            w.end_array();
            w.key("refused").begin_array();
            for (const auto& r : registry.refusals()) {
                w.begin_object();
                w.key("path").string(r.path.string());
                w.key("reason").string(fw::to_string(r.reason));
                w.key("message").string(r.message);
                w.end_object();
            }
            w.end_array();
            w.key("searched").begin_array();
            for (const auto& s : registry.searched()) {
                w.string(s.string());
            }
            w.end_array();
            w.end_object();
            std::cout << out << "\n";
            return static_cast<int>(kSuccess);
        }
        for (const auto kind :
             {fw::PluginKind::adapter, fw::PluginKind::processor, fw::PluginKind::exporter}) {
            const auto plugins = registry.of_kind(kind);
            std::string title = fw::to_string(kind);
            title[0] = static_cast<char>(std::toupper(title[0]));
            std::cout << title << "s:\n";
            if (plugins.empty()) {
                std::cout << "  (none)\n";
            }
            for (const auto& p : plugins) {
                char line[512];
                std::snprintf(line, sizeof line, "  %-30s %-8s %s\n", p->id().c_str(),
                              p->description().version.c_str(), p->description().summary.c_str());
                std::cout << line;
            }
        }
        if (!registry.refusals().empty()) {
            std::cout << "Refused:\n";
            for (const auto& r : registry.refusals()) {
                std::cout << "  " << r.path.string() << "\n    " << fw::to_string(r.reason) << ": "
                          << r.message << "\n";
            }
        }
        std::vector<std::string> dirs;
        for (const auto& s : registry.searched()) {
            dirs.push_back(s.string());
        }
        std::cout << "Searched: " << (dirs.empty() ? "(nothing)" : join(dirs, ", ")) << "\n";
        return static_cast<int>(kSuccess);
    });
}

// ---- inspect --------------------------------------------------------------------------------

int inspect_command(const std::vector<std::string>& args) {
    CommandSpec spec{
        "inspect",
        "[options] ID",
        "Shows one plugin: what it is, where it was loaded from, the media types and "
        "file extensions it handles, and every option with its type and default.",
        "ID is a full id (kp.exporter.json) or its last part (json).\n"
        "Options are given in the chain: kpproc run --chain 'auto ! json(pretty=false)'\n",
        {}};
    spec.options.addOption(Option("json", "", "Print the description as JSON."));
    add_common_options(spec.options);

    return guarded(spec, args, [&](const ParsedArgs& a) {
        if (a.positional.size() != 1) {
            throw UsageError(a.positional.empty() ? "name the plugin to inspect"
                                                  : "inspect takes one plugin ID");
        }
        const fw::PluginRegistry registry = load_plugins(a);
        const auto plugin = registry.find(a.positional.front());
        const auto& d = plugin->description();
        if (a.has("json")) {
            std::string out;
            json::Writer w(out, 2);
            write_description_json(w, *plugin);
            std::cout << out << "\n";
            return static_cast<int>(kSuccess);
        }
        std::cout << d.id << " " << d.version << " (" << fw::to_string(d.kind) << ")\n"
                  << "  " << d.summary << "\n\n"
                  << "  file:         " << plugin->path().string() << "\n"
                  << "  plugin ABI:   " << d.abi_major << "." << d.abi_minor << "\n"
                  << "  toolchain:    " << d.toolchain << "\n"
                  << "  licence:      " << (d.licence.empty() ? "kpproc's own (MIT)" : d.licence)
                  << "\n"
                  << "  media types:  " << (d.media_types.empty() ? "-" : join(d.media_types, ", "))
                  << "\n"
                  << "  extensions:   " << (d.extensions.empty() ? "-" : join(d.extensions, ", "))
                  << "\n";
        if (d.owns_output) {
            std::cout << "  output:       writes its own output at the -o path, for the whole "
                         "batch\n";
        }
        std::cout << "\n";
        if (d.options.empty()) {
            std::cout << "Options: none\n";
        } else {
            std::cout << "Options:\n";
            for (const auto& o : d.options) {
                std::string type = to_string(o.type);
                if (o.type == OptionType::choice) {
                    type = join(o.choices, "|");
                }
                std::cout << "  " << o.name << " (" << type << ", default "
                          << (o.default_value ? *o.default_value : std::string("unset")) << ")\n"
                          << "      " << o.description << "\n";
            }
        }
        return static_cast<int>(kSuccess);
    });
}

// ---- detect ---------------------------------------------------------------------------------

namespace {

void write_detection_json(json::Writer& w, const std::string& path,
                          const fw::DetectionResult& result) {
    w.begin_object();
    w.key("path").string(path);
    w.key("adapter");
    result.chosen ? w.string(result.candidates[*result.chosen].adapter_id) : w.null();
    w.key("problem");
    result.problem.empty() ? w.null() : w.string(result.problem);
    w.key("candidates").begin_array();
    for (const auto& c : result.candidates) {
        w.begin_object();
        w.key("adapter").string(c.adapter_id);
        w.key("confidence").number(c.detection.confidence);
        w.key("reason").string(c.detection.reason);
        w.end_object();
    }
    w.end_array();
    w.end_object();
}

// "minutes.txt: kp.adapter.plaintext-minutes (0.95) reason", then, with --all or when nothing
// was chosen, every adapter's answer.
void print_detection(const std::string& path, const fw::DetectionResult& result, bool all) {
    if (!result.chosen) {
        std::cout << path << ": nothing chosen: " << result.problem << "\n" << result.explain();
        return;
    }
    const auto& c = result.candidates[*result.chosen];
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%.2f", c.detection.confidence);
    std::cout << path << ": " << c.adapter_id << " (" << confidence << ") " << c.detection.reason
              << "\n";
    if (all) {
        std::cout << result.explain();
    }
}

CommandSpec detect_spec() {
    CommandSpec spec{
        "detect",
        "[options] FILE...",
        "Shows which adapter 'auto' would choose for each FILE, with its confidence and reason. "
        "When no adapter fits, or two fit almost equally well, it says so and lists every "
        "adapter's answer instead of guessing.",
        "Exit status: 0 an adapter was chosen for every file, 1 not for some, 2 usage error.\n",
        {}};
    spec.options.addOption(Option("all", "a", "List every adapter's confidence and reason."));
    spec.options.addOption(Option("json", "", "Print the results as JSON."));
    add_common_options(spec.options);
    return spec;
}

}  // namespace

int detect_command(const std::vector<std::string>& args) {
    const CommandSpec spec = detect_spec();
    return guarded(spec, args, [&](const ParsedArgs& a) {
        if (a.positional.empty()) {
            throw UsageError("name at least one FILE");
        }
        const fw::PluginRegistry registry = load_plugins(a);
        fw::Detector detector(registry.of_kind(fw::PluginKind::adapter));
        const fw::InputExpansion expansion = fw::expand_inputs(a.positional, a.value("name"));
        int status = kSuccess;
        for (const auto& f : expansion.failures) {
            std::cerr << "kpproc: error: " << f.message << "\n";
            status = kSomeFailed;
        }
        std::string json_out;
        json::Writer w(json_out, 2);
        w.begin_array();
        for (const auto& input : expansion.inputs) {
            std::string head;
            try {
                head = fw::read_head(input, fw::kDetectionHeadBytes);
            } catch (const std::exception& e) {
                std::cerr << "kpproc: error: " << e.what() << "\n";
                status = kSomeFailed;
                continue;
            }
            const auto result = detector.detect(head, input.relative.filename().string());
            status = result.chosen ? status : static_cast<int>(kSomeFailed);
            if (a.has("json")) {
                write_detection_json(w, input.display, result);
            } else {
                print_detection(input.display, result, a.has("all"));
            }
        }
        w.end_array();
        if (a.has("json")) {
            std::cout << json_out << "\n";
        }
        return status;
    });
}

}  // namespace kpproc::cli
