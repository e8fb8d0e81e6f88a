#include "kpproc/framework/plugin_registry.hpp"
#include "kpproc/framework/suggest.hpp"

#include <dlfcn.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <cstddef>
#include <cstdlib>
#include <iterator>
#include <regex>
#include <set>
#include <variant>

#include "kpproc/error.hpp"
#include "kpproc/framework/signals.hpp"
#include "kpproc/text.hpp"
#include "kpproc/toolchain.hpp"

namespace fs = std::filesystem;

namespace kpproc::framework {

// Wraps the Boost.DLL handle so that public headers stay free of Boost.
class LoadedLibrary {
public:
    explicit LoadedLibrary(boost::dll::shared_library lib) : lib_(std::move(lib)) {}
    boost::dll::shared_library& get() { return lib_; }

private:
    boost::dll::shared_library lib_;
};

namespace {

std::string failure_text(const kpproc_failure& f) {
    // The plugin may have left the buffers untouched: make sure both are terminated.
    const std::string_view message(f.message, strnlen(f.message, sizeof f.message));
    return message.empty() ? std::string("the plugin reported a failure but gave no reason")
                           : std::string(message);
}

std::string failure_code(const kpproc_failure& f, const char* fallback) {
    const std::string_view code(f.code, strnlen(f.code, sizeof f.code));
    return code.empty() ? fallback : std::string(code);
}

std::vector<std::string> c_list(const char* const* list) {
    std::vector<std::string> out;
    // Bounded, so a descriptor missing its terminator cannot run away.
    for (std::size_t i = 0; list != nullptr && list[i] != nullptr && i < 256; ++i) {
        out.emplace_back(list[i]);
    }
    return out;
}

bool is_valid_id(std::string_view id) {
    // Dotted lower-case segments: "kp.adapter.text", "org.example.adapter.cmis".
    static const std::regex pattern("[a-z][a-z0-9_-]*(\\.[a-z][a-z0-9_-]*)+");
    return id.size() <= 128 && std::regex_match(id.begin(), id.end(), pattern);
}

bool is_shared_library(const fs::path& p) {
    const std::string name = p.filename().string();
    return p.extension() == ".so" || name.find(".so.") != std::string::npos ||
           p.extension() == ".dylib" || p.extension() == ".dll";
}

// Returns a sentence when the plugin could be replaced by any user of the machine: the file
// itself, or any directory on the way to it, is world-writable (a directory only counts
// without the sticky bit, which stops others replacing files in /tmp-like directories).
// Links are resolved first, so a link in a safe place to a file in an unsafe one is caught.
std::optional<std::string> unsafe_permissions(const fs::path& file) {
    std::error_code ec;
    const fs::path real = fs::canonical(file, ec);
    const fs::path& checked = ec ? file : real;
    struct stat st {};
    if (::stat(checked.c_str(), &st) == 0 && (st.st_mode & S_IWOTH) != 0) {
        return "the plugin file " + checked.string() +
               " is writable by every user of this machine (chmod o-w)";
    }
    for (fs::path dir = checked.parent_path(); !dir.empty(); dir = dir.parent_path()) {
        if (::stat(dir.c_str(), &st) == 0 && (st.st_mode & S_IWOTH) != 0 &&
            (st.st_mode & S_ISVTX) == 0) {
            return "the directory " + dir.string() +
                   " is writable by every user of this machine, so anyone could replace the plugin";
        }
        if (dir == dir.root_path()) {
            break;
        }
    }
    return std::nullopt;
}

// Descriptor size each ABI minor defines. When a minor adds fields at the end of the struct,
// append offsetof(kpproc_plugin_descriptor, <first new field>) for the older minors' size.
constexpr std::uint32_t kDescriptorSizeForMinor[] = {
    offsetof(kpproc_plugin_descriptor, licence),  // 1.0
    offsetof(kpproc_plugin_descriptor, licence),  // 1.1 (processors' batch stage: a virtual)
    offsetof(kpproc_plugin_descriptor, licence),  // 1.2 (exporters' notices: a virtual)
    offsetof(kpproc_plugin_descriptor, licence),  // 1.3 (exporters' prepare/is_stored: virtuals)
    offsetof(kpproc_plugin_descriptor, flags),    // 1.4 (the licence; Document::pages)
    sizeof(kpproc_plugin_descriptor),             // 1.5 (flags: owns its output)
};
static_assert(std::size(kDescriptorSizeForMinor) == KPPROC_ABI_MINOR + 1,
              "list the descriptor size of every ABI minor");

std::optional<PluginKind> kind_from_abi(std::uint32_t kind) {
    switch (kind) {
        case KPPROC_KIND_ADAPTER:
            return PluginKind::adapter;
        case KPPROC_KIND_PROCESSOR:
            return PluginKind::processor;
        case KPPROC_KIND_EXPORTER:
            return PluginKind::exporter;
        default:
            return std::nullopt;
    }
}

// Copies a descriptor into owned values, or explains what is wrong with it.
std::variant<PluginDescription, std::string> describe(const kpproc_plugin_descriptor& d) {
    PluginDescription out;
    out.abi_major = d.abi_major;
    out.abi_minor = d.abi_minor;
    out.toolchain = d.toolchain != nullptr ? d.toolchain : "";
    out.id = d.id != nullptr ? d.id : "";
    if (!is_valid_id(out.id)) {
        return "its id '" + out.id +
               "' is not a dotted lower-case name such as 'org.example.adapter.minutes'";
    }
    const auto kind = kind_from_abi(d.kind);
    if (!kind) {
        return "it declares kind " + std::to_string(d.kind) +
               ", which is none of adapter (1), processor (2), exporter (3)";
    }
    out.kind = *kind;
    out.version = d.version != nullptr ? d.version : "";
    if (out.version.empty()) {
        return "it declares no version";
    }
    out.summary = d.summary != nullptr ? d.summary : "";
    // Only a 1.4 descriptor has the field (its size was checked against its minor).
    if (d.abi_minor >= 4 && d.licence != nullptr) {
        out.licence = d.licence;
    }
    out.media_types = c_list(d.media_types);
    out.extensions = c_list(d.extensions);
    // A 1.5 descriptor says it in its flags; an older exporter said it with the extension "/".
    out.owns_output = d.abi_minor >= 5 ? (d.flags & KPPROC_FLAG_OWNS_OUTPUT) != 0
                                       : !out.extensions.empty() && out.extensions.front() == "/";
    if (d.option_count > 0 && d.options == nullptr) {
        return "it declares " + std::to_string(d.option_count) + " options but no option table";
    }
    if (d.option_count > 256) {
        return "it declares " + std::to_string(d.option_count) +
               " options; at most 256 are allowed";
    }
    for (std::uint32_t i = 0; i < d.option_count; ++i) {
        const kpproc_option_spec& s = d.options[i];
        OptionSpec spec;
        spec.name = s.name != nullptr ? s.name : "";
        if (spec.name.empty()) {
            return "option " + std::to_string(i) + " has no name";
        }
        const auto type = option_type_from_string(s.type != nullptr ? s.type : "");
        if (!type) {
            return "option '" + spec.name + "' has unknown type '" + (s.type ? s.type : "") + "'";
        }
        spec.type = *type;
        if (s.default_value != nullptr) {
            spec.default_value = s.default_value;
        }
        if (s.choices != nullptr) {
            std::string_view rest = s.choices;
            while (!rest.empty()) {
                const auto bar = rest.find('|');
                spec.choices.emplace_back(rest.substr(0, bar));
                rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
            }
        }
        spec.description = s.description != nullptr ? s.description : "";
        if (spec.default_value) {
            // A default must itself be a valid value, or every use of the plugin would fail.
            try {
                (void)Options::validate(out.id, {spec}, {{spec.name, *spec.default_value}});
            } catch (const Error& e) {
                return std::string("the default of option '") + spec.name +
                       "' is invalid: " + e.what();
            }
        }
        out.options.push_back(std::move(spec));
    }
    return out;
}

template <class Port>
Port* port(const std::shared_ptr<void>& handle) {
    return static_cast<Port*>(handle.get());
}

[[noreturn]] void rethrow(const PluginDescription& d, const kpproc_failure& f, const char* what) {
    throw Error(failure_code(f, "plugin-failed"),
                std::string(short_name(d.id)) + ": " + what + ": " + failure_text(f));
}

}  // namespace

const char* to_string(PluginKind kind) {
    switch (kind) {
        case PluginKind::adapter:
            return "adapter";
        case PluginKind::processor:
            return "processor";
        case PluginKind::exporter:
            return "exporter";
    }
    return "adapter";
}

std::string with_article(PluginKind kind) {
    return std::string(kind == PluginKind::processor ? "a " : "an ") + to_string(kind);
}

const char* to_string(RefusalReason reason) {
    switch (reason) {
        case RefusalReason::unsafe_permissions:
            return "unsafe-permissions";
        case RefusalReason::not_loadable:
            return "not-loadable";
        case RefusalReason::missing_entry_point:
            return "missing-entry-point";
        case RefusalReason::null_descriptor:
            return "null-descriptor";
        case RefusalReason::abi_major_mismatch:
            return "abi-major-mismatch";
        case RefusalReason::abi_minor_newer:
            return "abi-minor-newer";
        case RefusalReason::bad_struct_size:
            return "bad-struct-size";
        case RefusalReason::toolchain_mismatch:
            return "toolchain-mismatch";
        case RefusalReason::invalid_descriptor:
            return "invalid-descriptor";
        case RefusalReason::null_factory:
            return "null-factory";
        case RefusalReason::duplicate_id:
            return "duplicate-id";
        case RefusalReason::create_failed:
            return "create-failed";
    }
    return "unknown";
}

std::string_view short_name(std::string_view id) {
    const auto dot = id.rfind('.');
    return dot == std::string_view::npos ? id : id.substr(dot + 1);
}

// ---- Instances ------------------------------------------------------------------------------

AdapterInstance::AdapterInstance(std::shared_ptr<void> handle, std::shared_ptr<const Plugin> plugin)
    : handle_(std::move(handle)), plugin_(std::move(plugin)) {}
ProcessorInstance::ProcessorInstance(std::shared_ptr<void> handle,
                                     std::shared_ptr<const Plugin> plugin)
    : handle_(std::move(handle)), plugin_(std::move(plugin)) {}
ExporterInstance::ExporterInstance(std::shared_ptr<void> handle,
                                   std::shared_ptr<const Plugin> plugin)
    : handle_(std::move(handle)), plugin_(std::move(plugin)) {}

const PluginDescription& AdapterInstance::description() const {
    return plugin_->description();
}
const PluginDescription& ProcessorInstance::description() const {
    return plugin_->description();
}
const PluginDescription& ExporterInstance::description() const {
    return plugin_->description();
}

Detection AdapterInstance::detect(std::string_view head, std::string_view file_name) const {
    Detection out;
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "detecting the format of");
    if (!port<abi::AdapterPort>(handle_)->detect(head, file_name, out, &f)) {
        rethrow(description(), f, "detection failed");
    }
    out.confidence = std::clamp(out.confidence, 0.0, 1.0);  // NaN-safe below
    if (!(out.confidence >= 0.0)) {
        out.confidence = 0.0;
    }
    return out;
}

Document AdapterInstance::parse(const SourceInput& input) {
    Document out;
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "parsing");
    if (!port<abi::AdapterPort>(handle_)->parse(input, out, &f)) {
        rethrow(description(), f, "parse failed");
    }
    return out;
}

void ProcessorInstance::process(Document& doc) {
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "processing");
    if (!port<abi::ProcessorPort>(handle_)->process(doc, &f)) {
        rethrow(description(), f, "processing failed");
    }
}

bool ProcessorInstance::has_batch_stage() const {
    return plugin_->description().abi_minor >= 1;
}

void ProcessorInstance::process_in_batch(Document& doc) {
    if (!has_batch_stage()) {
        return;  // built for ABI 1.0: its vtable has no batch stage
    }
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "processing (batch stage)");
    if (!port<abi::ProcessorPort>(handle_)->process_in_batch(doc, &f)) {
        rethrow(description(), f, "batch processing failed");
    }
}

void ExporterInstance::begin(const ExportTarget& target, std::ostream& out) {
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "starting its output");
    if (!port<abi::ExporterPort>(handle_)->begin(target, out, &f)) {
        rethrow(description(), f, "export failed");
    }
}

void ExporterInstance::write(const Document& doc, std::ostream& out) {
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "exporting");
    if (!port<abi::ExporterPort>(handle_)->write(doc, out, &f)) {
        rethrow(description(), f, "export failed");
    }
}

std::vector<ExportNotice> ExporterInstance::take_notices() {
    if (plugin_->description().abi_minor < 2) {
        return {};  // built before ABI 1.2: its vtable has no notices
    }
    std::vector<ExportNotice> notices;
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "reporting on");
    if (!port<abi::ExporterPort>(handle_)->take_notices(notices, &f)) {
        rethrow(description(), f, "export failed");
    }
    return notices;
}

bool ExporterInstance::prepare(const Document& doc, const ExportTarget& target,
                               std::string& prepared) {
    if (plugin_->description().abi_minor < 3) {
        return false;  // built before ABI 1.3: its vtable has no prepare stage
    }
    bool done = false;
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "preparing the export of");
    if (!port<abi::ExporterPort>(handle_)->prepare(doc, target, prepared, done, &f)) {
        rethrow(description(), f, "export failed");
    }
    return done;
}

void ExporterInstance::write_prepared(const Document& doc, std::string_view prepared,
                                      std::ostream& out) {
    if (plugin_->description().abi_minor < 3) {
        write(doc, out);
        return;
    }
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "exporting");
    if (!port<abi::ExporterPort>(handle_)->write_prepared(doc, prepared, out, &f)) {
        rethrow(description(), f, "export failed");
    }
}

bool ExporterInstance::is_stored(std::string_view identity, std::string_view sha256) const {
    if (plugin_->description().abi_minor < 3) {
        return false;
    }
    bool stored = false;
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "looking up");
    if (!port<abi::ExporterPort>(handle_)->is_stored(identity, sha256, stored, &f)) {
        rethrow(description(), f, "export failed");
    }
    return stored;
}

void ExporterInstance::end(std::ostream& out) {
    kpproc_failure f{};
    const ActivityScope activity(description().id.c_str(), "finishing its output");
    if (!port<abi::ExporterPort>(handle_)->end(out, &f)) {
        rethrow(description(), f, "export failed");
    }
}

// ---- Plugin ---------------------------------------------------------------------------------

Plugin::Plugin(std::shared_ptr<LoadedLibrary> library, const kpproc_plugin_descriptor* descriptor,
               PluginDescription description, fs::path path)
    : library_(std::move(library)),
      descriptor_(descriptor),
      description_(std::move(description)),
      path_(std::move(path)) {}

Options Plugin::validate_options(const std::map<std::string, std::string>& options) const {
    return Options::validate(short_name(description_.id), description_.options, options);
}

std::shared_ptr<void> Plugin::create(PluginKind expected,
                                     const std::map<std::string, std::string>& options) const {
    if (expected != description_.kind) {
        throw Error("wrong-kind", std::string(short_name(description_.id)) + " is " +
                                      with_article(description_.kind) + ", not " +
                                      with_article(expected));
    }
    const Options validated = validate_options(options);
    kpproc_failure f{};
    void* instance = nullptr;
    try {
        const ActivityScope activity(description_.id.c_str(), "creating an instance");
        instance = descriptor_->create(&validated, &f);
    } catch (...) {
        // A hand-written factory broke the no-exceptions rule; contain it all the same.
        throw Error("create-failed", std::string(short_name(description_.id)) +
                                         ": the plugin's create() threw an exception");
    }
    if (instance == nullptr) {
        throw Error("create-failed", std::string(short_name(description_.id)) +
                                         ": could not create the plugin: " + failure_text(f));
    }
    // The deleter holds the library, so the code behind the instance outlives the instance.
    auto library = library_;
    auto destroy = descriptor_->destroy;
    return std::shared_ptr<void>(instance, [library, destroy](void* p) { destroy(p); });
}

AdapterInstance Plugin::create_adapter(const std::map<std::string, std::string>& options) const {
    return AdapterInstance(create(PluginKind::adapter, options), shared_from_this());
}
ProcessorInstance Plugin::create_processor(
    const std::map<std::string, std::string>& options) const {
    return ProcessorInstance(create(PluginKind::processor, options), shared_from_this());
}
ExporterInstance Plugin::create_exporter(const std::map<std::string, std::string>& options) const {
    return ExporterInstance(create(PluginKind::exporter, options), shared_from_this());
}

// ---- Discovery ------------------------------------------------------------------------------

fs::path default_plugin_directory() {
    // The framework library sits in <prefix>/lib (or <build>/lib); plugins beside it in
    // lib/kpproc/plugins. Asking where this code lives keeps installs relocatable.
    boost::system::error_code ec;
    const auto here = boost::dll::this_line_location(ec);
    if (ec) {
        return {};
    }
    return fs::path(here.parent_path().string()) / "kpproc" / "plugins";
}

std::vector<fs::path> resolve_search_directories(const PluginSearch& search) {
    std::vector<fs::path> dirs = search.directories;
    if (search.use_environment) {
        if (const char* env = std::getenv("KPPROC_PLUGIN_PATH"); env != nullptr) {
            std::string_view rest = env;
            while (!rest.empty()) {
                const auto colon = rest.find(':');
                const auto part = rest.substr(0, colon);
                if (!part.empty()) {
                    dirs.emplace_back(part);
                }
                rest =
                    colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
            }
        }
    }
    if (search.use_default) {
        if (auto d = default_plugin_directory(); !d.empty()) {
            dirs.push_back(std::move(d));
        }
    }
    std::vector<fs::path> unique;
    std::set<fs::path> seen;
    for (const auto& d : dirs) {
        std::error_code ec;
        auto canonical = fs::weakly_canonical(d, ec);
        if (ec) {
            canonical = d;
        }
        if (seen.insert(canonical).second) {
            unique.push_back(d);
        }
    }
    return unique;
}

PluginRegistry PluginRegistry::discover(const PluginSearch& search) {
    PluginRegistry registry;
    for (const auto& dir : resolve_search_directories(search)) {
        registry.load_directory(dir);
    }
    return registry;
}

void PluginRegistry::load_directory(const fs::path& directory) {
    searched_.push_back(directory);
    std::error_code ec;
    if (!fs::is_directory(directory, ec)) {
        return;  // a missing search directory is not an error: KPPROC_PLUGIN_PATH may list extras
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec) && is_shared_library(it->path())) {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());  // load order, and so duplicate resolution, is stable
    for (const auto& f : files) {
        load_file(f);
    }
}

void PluginRegistry::refuse(const fs::path& path, RefusalReason reason, std::string message) {
    refusals_.push_back(Refusal{path, reason, std::move(message)});
}

namespace {

// Why a plugin file is refused: the reason, and one sentence.
struct Refused {
    RefusalReason reason;
    std::string message;
};

// Opens the library with every symbol resolved at once, so that a broken plugin fails here,
// not in the middle of a run.
std::optional<Refused> open_library(LoadedLibrary& library, const fs::path& file) {
    try {
        library.get().load(boost::dll::fs::path(file.string()),
                           boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (const std::exception& e) {
        return Refused{RefusalReason::not_loadable, std::string("cannot be opened: ") + e.what()};
    }
    return std::nullopt;
}

// Calls the entry point, which only returns the plugin's static descriptor.
std::optional<Refused> read_descriptor(LoadedLibrary& library,
                                       const kpproc_plugin_descriptor*& descriptor) {
    if (!library.get().has(KPPROC_ENTRY_POINT_NAME)) {
        return Refused{RefusalReason::missing_entry_point,
                       "it has no '" KPPROC_ENTRY_POINT_NAME
                       "' entry point, so it is not a kpproc plugin "
                       "(or it was written for another plugin API)"};
    }
    const auto entry =
        library.get().get<const kpproc_plugin_descriptor*()>(KPPROC_ENTRY_POINT_NAME);
    try {
        descriptor = entry();
    } catch (...) {
        return Refused{RefusalReason::null_descriptor, "its entry point threw an exception"};
    }
    if (descriptor == nullptr) {
        return Refused{RefusalReason::null_descriptor, "its entry point returned no descriptor"};
    }
    return std::nullopt;
}

std::string abi_text(std::uint32_t major, std::uint32_t minor) {
    return std::to_string(major) + "." + std::to_string(minor);
}

// The ABI version, the descriptor's size and the toolchain: what must hold before any other
// field of the descriptor is read, or any C++ type crosses.
std::optional<Refused> compatibility_problem(const kpproc_plugin_descriptor& d) {
    const std::string host = abi_text(KPPROC_ABI_MAJOR, KPPROC_ABI_MINOR);
    if (d.abi_major != KPPROC_ABI_MAJOR) {
        return Refused{RefusalReason::abi_major_mismatch,
                       "it was built for plugin ABI " + abi_text(d.abi_major, d.abi_minor) +
                           "; this host speaks ABI " + host + " (rebuild it against this SDK)"};
    }
    if (d.abi_minor > KPPROC_ABI_MINOR) {
        return Refused{RefusalReason::abi_minor_newer,
                       "it needs plugin ABI " + abi_text(d.abi_major, d.abi_minor) +
                           ", newer than this host's " + host + " (upgrade kpproc)"};
    }
    const std::uint32_t expected_size = kDescriptorSizeForMinor[d.abi_minor];
    if (d.struct_size != expected_size) {
        return Refused{RefusalReason::bad_struct_size,
                       "its descriptor is " + std::to_string(d.struct_size) + " bytes, but ABI " +
                           abi_text(d.abi_major, d.abi_minor) + " defines " +
                           std::to_string(expected_size)};
    }
    const std::string_view toolchain = d.toolchain != nullptr ? d.toolchain : "";
    if (toolchain != KPPROC_TOOLCHAIN_TAG) {
        return Refused{RefusalReason::toolchain_mismatch,
                       "it was built with toolchain '" + std::string(toolchain) +
                           "', but this host uses '" + KPPROC_TOOLCHAIN_TAG +
                           "'; C++ types cannot cross between them"};
    }
    return std::nullopt;
}

// The descriptor's contents, copied, and its factory.
std::optional<Refused> read_description(const kpproc_plugin_descriptor& d,
                                        PluginDescription& description) {
    auto described = describe(d);
    if (auto* why = std::get_if<std::string>(&described)) {
        return Refused{RefusalReason::invalid_descriptor, "its descriptor is invalid: " + *why};
    }
    description = std::get<PluginDescription>(std::move(described));
    if (d.create == nullptr || d.destroy == nullptr) {
        return Refused{RefusalReason::null_factory,
                       "plugin '" + description.id + "' has no " +
                           (d.create == nullptr ? "create" : "destroy") +
                           " function, so it can never be instantiated"};
    }
    return std::nullopt;
}

// The first plugin found with an id is the one used; `--plugin-path` can so override one.
std::optional<Refused> duplicate_problem(const std::vector<std::shared_ptr<const Plugin>>& plugins,
                                         const std::string& id) {
    for (const auto& p : plugins) {
        if (p->id() == id) {
            return Refused{RefusalReason::duplicate_id,
                           "plugin id '" + id + "' is already provided by " + p->path().string()};
        }
    }
    return std::nullopt;
}

// Trial instantiation with defaults: a factory that fails is caught now, once, and shown in
// `kpproc plugins`, rather than failing every document of a run.
std::optional<Refused> trial_creation_problem(const Plugin& plugin) {
    try {
        switch (plugin.kind()) {
            case PluginKind::adapter:
                (void)plugin.create_adapter();
                break;
            case PluginKind::processor:
                (void)plugin.create_processor();
                break;
            case PluginKind::exporter:
                (void)plugin.create_exporter();
                break;
        }
    } catch (const std::exception& e) {
        return Refused{RefusalReason::create_failed,
                       "plugin '" + plugin.id() + "' failed its trial creation: " + e.what()};
    }
    return std::nullopt;
}

}  // namespace

void PluginRegistry::load_file(const fs::path& file) {
    if (auto why = unsafe_permissions(file)) {
        refuse(file, RefusalReason::unsafe_permissions, "refused to load: " + *why);
        return;
    }
    auto library = std::make_shared<LoadedLibrary>(boost::dll::shared_library());
    const kpproc_plugin_descriptor* descriptor = nullptr;
    PluginDescription description;
    std::optional<Refused> refused = open_library(*library, file);
    // Each step reads only what the ones before it showed to be safe to read.
    refused = refused ? refused : read_descriptor(*library, descriptor);
    refused = refused ? refused : compatibility_problem(*descriptor);
    refused = refused ? refused : read_description(*descriptor, description);
    refused = refused ? refused : duplicate_problem(plugins_, description.id);
    if (refused) {
        refuse(file, refused->reason, std::move(refused->message));
        return;
    }
    auto plugin = std::make_shared<Plugin>(library, descriptor, std::move(description), file);
    if (auto failed = trial_creation_problem(*plugin)) {
        refuse(file, failed->reason, std::move(failed->message));
        return;
    }
    // An accepted plugin stays mapped until the process exits, even after the registry and
    // every instance are gone: libraries it uses (libxml2, …) keep global state that must not
    // vanish under them, and leak checkers can still name the code in their reports.
    (void)::dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    plugins_.push_back(std::move(plugin));
}

std::shared_ptr<const Plugin> PluginRegistry::find_if_present(std::string_view name) const {
    for (const auto& p : plugins_) {
        if (p->id() == name) {
            return p;
        }
    }
    std::shared_ptr<const Plugin> match;
    for (const auto& p : plugins_) {
        if (short_name(p->id()) == name) {
            if (match) {
                return nullptr;  // ambiguous; find() explains
            }
            match = p;
        }
    }
    return match;
}

std::shared_ptr<const Plugin> PluginRegistry::find(std::string_view name) const {
    if (auto p = find_if_present(name)) {
        return p;
    }
    std::vector<std::string> matches;
    std::vector<std::string> all;
    for (const auto& p : plugins_) {
        if (short_name(p->id()) == name) {
            matches.push_back(p->id());
        }
        all.push_back(std::string(short_name(p->id())));
    }
    if (matches.size() > 1) {
        throw Error("ambiguous-plugin", "'" + std::string(name) + "' matches several plugins (" +
                                            text::join(matches, ", ") +
                                            "); name one by its full id");
    }
    std::string message = "no plugin named '" + std::string(name) + "'";
    for (const auto& r : refusals_) {
        if (r.path.filename().string().find(name) != std::string::npos) {
            message += " (" + r.path.string() + " was refused: " + r.message + ")";
        }
    }
    message += did_you_mean(name, all);
    message += all.empty() ? "; no plugins are loaded (see 'kpproc plugins')"
                           : "; available: " + text::join(all, ", ");
    throw Error("unknown-plugin", message);
}

std::vector<std::shared_ptr<const Plugin>> PluginRegistry::of_kind(PluginKind kind) const {
    std::vector<std::shared_ptr<const Plugin>> out;
    for (const auto& p : plugins_) {
        if (p->kind() == kind) {
            out.push_back(p);
        }
    }
    return out;
}

}  // namespace kpproc::framework
