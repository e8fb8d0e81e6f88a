#include "kpproc/framework/inputs.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iostream>

#include "kpproc/error.hpp"
#include "kpproc/json.hpp"
#include "kpproc/text.hpp"

namespace fs = std::filesystem;

namespace kpproc::framework {

std::string escape_identity(std::string_view name) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(name.size());
    for (std::size_t i = 0; i < name.size();) {
        const auto b = static_cast<unsigned char>(name[i]);
        const std::size_t n = b < 0x80 ? 1 : text::utf8_sequence_length(name, i);
        if (n == 0 || b == '%' || b < 0x20 || b == 0x7F) {
            out += '%';
            out += kHex[b >> 4];
            out += kHex[b & 0xF];
            ++i;
        } else {
            out.append(name.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string source_identity(const fs::path& path) {
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(fs::absolute(path, ec), ec);
    if (ec) {
        resolved = fs::absolute(path, ec).lexically_normal();
    }
    return escape_identity(resolved.native());
}

std::optional<Input> InputList::next() {
    if (next_ == inputs_.size()) {
        return std::nullopt;
    }
    return inputs_[next_++];
}

// ---- Walking the arguments ------------------------------------------------------------------

namespace {

bool is_hidden(std::string_view name) {
    return !name.empty() && name[0] == '.';
}

// The canonical form of a directory being walked, as its entries' identities begin.
std::string canonical_directory(const fs::path& dir) {
    std::error_code ec;
    fs::path resolved = fs::weakly_canonical(fs::absolute(dir, ec), ec);
    if (ec) {
        resolved = fs::absolute(dir, ec).lexically_normal();
    }
    std::string text = resolved.native();
    if (text.empty() || text.back() != '/') {
        text += '/';
    }
    return text;
}

}  // namespace

// One directory level of the walk: its entries, sorted by name, so that the walk gives paths in
// the order std::filesystem::path sorts them (a directory's contents where its name sorts).
struct InputWalk::Walker {
    enum class Kind { file, directory, link, special };
    struct Entry {
        std::string name;
        Kind kind;
    };
    struct Level {
        fs::path dir;
        fs::path relative;     // to the directory argument
        std::string identity;  // the canonical directory, ending in '/'; empty when counting
        std::vector<Entry> entries;
        std::size_t next = 0;
    };

    std::vector<std::string> arguments;
    std::string stdin_name;
    std::size_t argument = 0;
    bool counting = false;  // names only: no identities
    std::vector<Level> levels;

    // Lists one directory into a new level. A directory that cannot be listed (or stops listing
    // part way) is reported by name rather than ending the walk.
    void push_level(const fs::path& dir, fs::path relative,
                    const std::function<void(const DocumentFailure&)>& report_failure) {
        Level level{dir, std::move(relative), counting ? "" : canonical_directory(dir), {}, 0};
        std::error_code ec;
        fs::directory_iterator it(dir, ec);
        const auto fail = [&](const std::string& what) {
            if (report_failure) {
                report_failure(DocumentFailure{dir.string(), "read-failed",
                                               dir.string() + ": " + what + ": " + ec.message()});
            }
        };
        if (ec) {
            fail("cannot list directory");
            return;
        }
        for (const fs::directory_iterator end; it != end; it.increment(ec)) {
            if (ec) {
                fail("listing stopped early");
                break;
            }
            std::string name = it->path().filename().native();
            if (is_hidden(name)) {
                continue;
            }
            // The type comes with the listing (d_type): no stat per entry.
            const auto status = it->symlink_status(ec);
            const auto kind = fs::is_directory(status)      ? Kind::directory
                              : fs::is_symlink(status)      ? Kind::link
                              : fs::is_regular_file(status) ? Kind::file
                                                            : Kind::special;
            level.entries.push_back(Entry{std::move(name), kind});
        }
        std::sort(level.entries.begin(), level.entries.end(),
                  [](const Entry& a, const Entry& b) { return a.name < b.name; });
        levels.push_back(std::move(level));
    }
};

InputWalk::InputWalk(std::vector<std::string> arguments, std::string stdin_name)
    : walker_(std::make_unique<Walker>()) {
    const auto dashes = std::count(arguments.begin(), arguments.end(), "-");
    if (dashes > 1) {
        throw Error("usage", "standard input ('-') can be named only once");
    }
    if (!stdin_name.empty() && dashes == 0) {
        throw Error("usage", "--name names standard input, but no '-' is among the inputs");
    }
    walker_->arguments = std::move(arguments);
    walker_->stdin_name = std::move(stdin_name);
}

InputWalk::~InputWalk() = default;

namespace {

Input stdin_input(const std::string& stdin_name) {
    if (stdin_name.empty()) {
        return Input{"-", {}, "stdin", {}, "-"};
    }
    const fs::path relative = fs::path(stdin_name).filename();
    return Input{stdin_name,
                 {},
                 relative.empty() ? "stdin" : relative,
                 escape_identity(stdin_name),
                 stdin_name};
}

}  // namespace

std::optional<Input> InputWalk::next() {
    Walker& w = *walker_;
    for (;;) {
        if (!w.levels.empty()) {
            Walker::Level& level = w.levels.back();
            if (level.next == level.entries.size()) {
                w.levels.pop_back();
                continue;
            }
            const Walker::Entry& entry = level.entries[level.next++];
            const fs::path path = level.dir / entry.name;
            fs::path relative = level.relative / entry.name;
            std::error_code ec;
            switch (entry.kind) {
                case Walker::Kind::directory:
                    w.push_level(path, std::move(relative), on_failure);
                    continue;
                case Walker::Kind::special:
                    // FIFOs, sockets and devices: reading them could block forever.
                    if (on_warning) {
                        on_warning(path.string(), "skipped: not a regular file");
                    }
                    continue;
                case Walker::Kind::link:
                    // Links to files are inputs (a dangling one fails when read, by name); links
                    // to directories are not followed, so there are no cycles.
                    if (fs::is_directory(path, ec)) {
                        continue;
                    }
                    return Input{path.string(), path, relative,
                                 w.counting ? "" : source_identity(path),
                                 relative.generic_string()};
                case Walker::Kind::file:
                    // In a canonical directory reached without following links, a file's
                    // canonical path is the directory's and its name: no lookup needed.
                    return Input{path.string(), path, relative,
                                 w.counting ? "" : escape_identity(level.identity + entry.name),
                                 relative.generic_string()};
            }
        }
        if (w.argument == w.arguments.size()) {
            return std::nullopt;
        }
        const std::string& arg = w.arguments[w.argument++];
        if (arg == "-") {
            return stdin_input(w.stdin_name);
        }
        const fs::path path(arg);
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            return Input{arg, path, path.filename(), w.counting ? "" : source_identity(path),
                         path.lexically_normal().generic_string()};
        }
        w.push_level(path, {}, on_failure);
    }
}

std::size_t InputWalk::count(const std::vector<std::string>& arguments,
                             const std::function<bool(const Input&)>& keep) {
    InputWalk walk(arguments);
    walk.walker_->counting = true;
    std::size_t n = 0;
    while (const auto input = walk.next()) {
        n += !keep || keep(*input) ? 1 : 0;
    }
    return n;
}

// ---- Lists of inputs ---------------------------------------------------------------------

InputListReader::InputListReader(std::istream& list, std::string name)
    : list_(list), name_(std::move(name)) {}

InputListReader::~InputListReader() = default;

std::optional<Input> InputListReader::next() {
    for (;;) {
        if (walk_) {
            if (auto input = walk_->next()) {
                return input;
            }
            walk_.reset();
        }
        const std::optional<std::string> path = next_path();
        if (!path) {
            return std::nullopt;
        }
        walk_ = std::make_unique<InputWalk>(std::vector<std::string>{*path});
        walk_->on_failure = on_failure;
        walk_->on_warning = on_warning;
    }
}

namespace {

// The path a line of a list names: the line itself, or a JSON string, or the "path" of a JSON
// object. Throws kpproc::Error with the reason when it names none.
std::string path_on_line(std::string_view line) {
    if (line.front() != '{' && line.front() != '"') {
        return std::string(line);
    }
    const json::Value value = json::parse(line);
    const json::Value* path = value.is_string() ? &value : value.find("path");
    if (path == nullptr || !path->is_string()) {
        throw Error("read-failed", "a JSON line needs a \"path\" string");
    }
    return path->as_string();
}

}  // namespace

std::optional<std::string> InputListReader::next_path() {
    for (std::string line; std::getline(list_, line);) {
        ++line_number_;
        while (!line.empty() &&
               (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
            line.pop_back();
        }
        if (line.empty()) {
            continue;
        }
        const std::string where = "line " + std::to_string(line_number_) + " of " +
                                  (name_ == "-" ? std::string("standard input") : name_);
        try {
            std::string path = path_on_line(line);
            // Standard input is the list itself; an empty path names nothing.
            if (path.empty() || path == "-") {
                throw Error("read-failed", "names no file (\"" + path + "\")");
            }
            return path;
        } catch (const std::exception& e) {
            if (on_failure) {
                on_failure(DocumentFailure{where, "read-failed", where + ": " + e.what()});
            }
        }
    }
    if (list_.bad()) {
        if (on_failure) {
            on_failure(DocumentFailure{name_, "read-failed",
                                       name_ + ": reading the list of inputs failed"});
        }
    }
    return std::nullopt;
}

// ---- Shards -------------------------------------------------------------------------------

std::optional<Shard> Shard::parse(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos) {
        return std::nullopt;
    }
    const auto number = [](std::string_view digits) -> std::optional<std::uint32_t> {
        std::uint32_t value = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
        if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) {
            return std::nullopt;
        }
        return value;
    };
    const auto index = number(text.substr(0, slash));
    const auto count = number(text.substr(slash + 1));
    if (!index || !count || *count == 0 || *index >= *count) {
        return std::nullopt;
    }
    return Shard{*index, *count};
}

std::uint32_t Shard::of(std::string_view root_relative, std::uint32_t count) {
    std::uint64_t hash = 0xcbf29ce484222325ull;
    for (const char c : root_relative) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ull;
    }
    return static_cast<std::uint32_t>(hash % count);
}

bool Shard::holds(const Input& input) const {
    return of(input.root_relative, count) == index;
}

std::optional<Input> FilteredInputs::next() {
    while (auto input = inner_.next()) {
        if (keep_(*input)) {
            return input;
        }
    }
    return std::nullopt;
}

InputExpansion expand_inputs(const std::vector<std::string>& arguments,
                             const std::string& stdin_name) {
    InputExpansion out;
    InputWalk walk(arguments, stdin_name);
    walk.on_failure = [&](const DocumentFailure& f) { out.failures.push_back(f); };
    walk.on_warning = [&](const std::string& path, const std::string& message) {
        out.warnings.push_back(path + ": " + message);
    };
    while (auto input = walk.next()) {
        out.inputs.push_back(std::move(*input));
    }
    return out;
}

// ---- Reading --------------------------------------------------------------------------------

namespace {

// Reads standard input up to `limit` bytes; sets `complete` when that was all of it. The
// buffer grows to at most `limit` (plus the byte that shows there is more), never to twice
// the limit as doubling growth would, so a stream without end costs no more than the limit.
std::string read_stream(std::istream& in, std::uint64_t limit, bool& complete) {
    std::string bytes;
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        const auto got = static_cast<std::size_t>(in.gcount());
        if (bytes.size() + got > limit) {
            bytes.append(buffer, static_cast<std::size_t>(limit - bytes.size()));
            complete = false;
            return bytes;
        }
        if (bytes.size() + got > bytes.capacity()) {
            bytes.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(
                limit, std::max<std::size_t>(2 * bytes.capacity(), bytes.size() + got))));
        }
        bytes.append(buffer, got);
    }
    complete = true;
    return bytes;
}

// Reads at most `limit` bytes of `input`; sets `complete` when that was all of it. A file
// larger than the limit is not read at all when `whole` is set (its size is known first).
std::string read_bytes(const Input& input, std::uint64_t limit, bool whole, bool& complete) {
    if (input.is_stdin()) {
        return read_stream(std::cin, limit, complete);
    }
    // stat first: a directory, FIFO or device is refused before open() could block on it.
    struct stat st {};
    if (::stat(input.path.c_str(), &st) != 0) {
        throw Error("read-failed", input.display + ": cannot read: " + std::strerror(errno));
    }
    if (S_ISDIR(st.st_mode)) {
        throw Error("read-failed", input.display + ": cannot read: it is a directory");
    }
    if (!S_ISREG(st.st_mode)) {
        throw Error("read-failed", input.display + ": cannot read: not a regular file");
    }
    const auto size = static_cast<std::uint64_t>(st.st_size);
    complete = size <= limit;
    if (!complete && whole) {
        return {};
    }
    std::ifstream in(input.path, std::ios::binary);
    if (!in) {
        throw Error("read-failed", input.display + ": cannot read: " + std::strerror(errno));
    }
    std::string bytes(static_cast<std::size_t>(std::min(size, limit)), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (in.bad() || static_cast<std::size_t>(in.gcount()) != bytes.size()) {
        throw Error("read-failed",
                    input.display + ": reading stopped early (the file changed, or an I/O error)");
    }
    return bytes;
}

}  // namespace

std::string read_input(const Input& input, std::uint64_t max_bytes) {
    bool complete = false;
    std::string bytes = read_bytes(input, max_bytes, true, complete);
    if (!complete) {
        throw Error("too-large", input.display + ": larger than the " + describe_size(max_bytes) +
                                     " limit for one input (--max-input-size)");
    }
    return bytes;
}

std::string read_head(const Input& input, std::size_t bytes) {
    bool complete = false;
    return read_bytes(input, bytes, false, complete);
}

std::string describe_size(std::uint64_t bytes) {
    const auto exact = [&](std::uint64_t unit) { return bytes >= unit && bytes % unit == 0; };
    if (exact(1ull << 30)) {
        return std::to_string(bytes >> 30) + " GiB";
    }
    if (exact(1ull << 20)) {
        return std::to_string(bytes >> 20) + " MiB";
    }
    if (exact(1ull << 10)) {
        return std::to_string(bytes >> 10) + " KiB";
    }
    return std::to_string(bytes) + " bytes";
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
    std::uint64_t number = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || end == text.data()) {
        return std::nullopt;
    }
    std::string unit =
        text::to_lower_ascii(text::trim(text.substr(static_cast<std::size_t>(end - text.data()))));
    if (!unit.empty() && unit.back() == 'b') {
        unit.pop_back();  // "MB", "MiB" and "M" all mean 2^20 here
    }
    if (!unit.empty() && unit.back() == 'i') {
        unit.pop_back();
    }
    const int shift = unit.empty()  ? 0
                      : unit == "k" ? 10
                      : unit == "m" ? 20
                      : unit == "g" ? 30
                                    : -1;
    if (shift < 0 || number == 0 || number > (std::uint64_t{1} << (62 - shift))) {
        return std::nullopt;
    }
    return number << shift;
}

}  // namespace kpproc::framework
