#pragma once
// Finding, vetting and loading plugins.
//
// A plugin file is any shared library in a plugin directory. Before a plugin is accepted the
// host checks, in order: file permissions (no world-writable file or directory), that the
// entry point exists, the descriptor (ABI major equal, minor not newer, struct size, toolchain,
// id, kind, factory), that no earlier plugin has the same id, and finally that one instance
// can be created and destroyed with default options. A plugin that fails any check is refused
// with a RefusalReason and one readable sentence; the others load regardless.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/abi.h"
#include "kpproc/model.hpp"
#include "kpproc/options.hpp"
#include "kpproc/plugin.hpp"

namespace kpproc::framework {

enum class PluginKind { adapter, processor, exporter };
const char* to_string(PluginKind kind);
// "an adapter", "a processor", "an exporter": for messages.
std::string with_article(PluginKind kind);

enum class RefusalReason {
    unsafe_permissions,   // the file or its directory is writable by everyone
    not_loadable,         // the dynamic loader could not open it
    missing_entry_point,  // no kpproc_plugin_v1 symbol
    null_descriptor,      // the entry point returned NULL or threw
    abi_major_mismatch,
    abi_minor_newer,
    bad_struct_size,
    toolchain_mismatch,
    invalid_descriptor,  // bad id, kind, version or option spec
    null_factory,        // create or destroy is NULL
    duplicate_id,
    create_failed,  // the trial create() with default options failed or threw
};
const char* to_string(RefusalReason reason);  // "toolchain-mismatch", …

struct Refusal {
    std::filesystem::path path;
    RefusalReason reason;
    std::string message;  // one sentence, e.g. "built for ABI 2.0; this host speaks ABI 1.0"
};

// A plugin's descriptor, copied into owned strings.
struct PluginDescription {
    std::string id;
    std::string version;
    PluginKind kind = PluginKind::adapter;
    std::string summary;
    std::string licence;  // SPDX; empty: the project's own (ABI 1.4)
    std::vector<std::string> media_types;
    std::vector<std::string> extensions;
    // An exporter that writes its own output at the -o path (ABI 1.5 flag, or "/" before it).
    bool owns_output = false;
    std::vector<OptionSpec> options;
    std::string toolchain;
    std::uint32_t abi_major = 0;
    std::uint32_t abi_minor = 0;
};

class LoadedLibrary;  // keeps the shared library mapped while anything of it is alive
class Plugin;

// Instances created from a plugin. Each keeps the plugin library loaded while it lives, and
// turns the plugin's reported failures into kpproc::Error. Not thread-safe: one per thread.
class AdapterInstance {
public:
    Detection detect(std::string_view head, std::string_view file_name) const;
    Document parse(const SourceInput& input);
    const PluginDescription& description() const;

private:
    friend class Plugin;
    AdapterInstance(std::shared_ptr<void> handle, std::shared_ptr<const Plugin> plugin);
    std::shared_ptr<void> handle_;
    std::shared_ptr<const Plugin> plugin_;  // outlives the registry that loaded it
};

class ProcessorInstance {
public:
    void process(Document& doc);
    // Plugins built for ABI 1.1 or later have a batch stage (Processor::process_in_batch).
    bool has_batch_stage() const;
    // Does nothing for plugins without one.
    void process_in_batch(Document& doc);
    const PluginDescription& description() const;

private:
    friend class Plugin;
    ProcessorInstance(std::shared_ptr<void> handle, std::shared_ptr<const Plugin> plugin);
    std::shared_ptr<void> handle_;
    std::shared_ptr<const Plugin> plugin_;  // outlives the registry that loaded it
};

class ExporterInstance {
public:
    void begin(const ExportTarget& target, std::ostream& out);
    void write(const Document& doc, std::ostream& out);
    void end(std::ostream& out);
    // The notices of the last write(); none from a plugin built before ABI 1.2.
    std::vector<ExportNotice> take_notices();
    // ABI 1.3 (see kpproc::Exporter): false from older plugins, which have no prepare stage.
    bool prepare(const Document& doc, const ExportTarget& target, std::string& prepared);
    // Calls write() on plugins built before ABI 1.3.
    void write_prepared(const Document& doc, std::string_view prepared, std::ostream& out);
    // Thread-safe as the plugin's is_stored() is; false from plugins built before ABI 1.3.
    bool is_stored(std::string_view identity, std::string_view sha256) const;
    const PluginDescription& description() const;

private:
    friend class Plugin;
    ExporterInstance(std::shared_ptr<void> handle, std::shared_ptr<const Plugin> plugin);
    std::shared_ptr<void> handle_;
    std::shared_ptr<const Plugin> plugin_;  // outlives the registry that loaded it
};

// An accepted plugin. Always held by shared_ptr: instances keep their plugin alive.
class Plugin : public std::enable_shared_from_this<Plugin> {
public:
    const PluginDescription& description() const { return description_; }
    const std::string& id() const { return description_.id; }
    PluginKind kind() const { return description_.kind; }
    const std::filesystem::path& path() const { return path_; }

    // Validates `options` against the plugin's specs (kpproc::Error "unknown-option" /
    // "invalid-option") and creates an instance; throws kpproc::Error("create-failed") if the
    // plugin's factory fails. The kind must match.
    AdapterInstance create_adapter(const std::map<std::string, std::string>& options = {}) const;
    ProcessorInstance create_processor(
        const std::map<std::string, std::string>& options = {}) const;
    ExporterInstance create_exporter(const std::map<std::string, std::string>& options = {}) const;

    Options validate_options(const std::map<std::string, std::string>& options) const;

    Plugin(std::shared_ptr<LoadedLibrary> library, const kpproc_plugin_descriptor* descriptor,
           PluginDescription description, std::filesystem::path path);

private:
    std::shared_ptr<void> create(PluginKind expected,
                                 const std::map<std::string, std::string>& options) const;

    std::shared_ptr<LoadedLibrary> library_;
    const kpproc_plugin_descriptor* descriptor_;  // points into the library, alive with it
    PluginDescription description_;
    std::filesystem::path path_;
};

// Where to look. Directories are searched in this order; for equal ids the first one wins and
// later ones are refused as duplicates, so --plugin-path can override a built-in plugin.
struct PluginSearch {
    std::vector<std::filesystem::path> directories;  // e.g. from --plugin-path
    bool use_environment = true;                     // KPPROC_PLUGIN_PATH, ':'-separated
    bool use_default = true;  // <dir of libkpproc-framework>/kpproc/plugins (build or install)
};

// The directory the framework library itself would load plugins from by default.
std::filesystem::path default_plugin_directory();
// The directories `search` resolves to, in order, without duplicates.
std::vector<std::filesystem::path> resolve_search_directories(const PluginSearch& search);

class PluginRegistry {
public:
    PluginRegistry() = default;
    // Loads every plugin the search finds. Never throws for a bad plugin: it is refused.
    static PluginRegistry discover(const PluginSearch& search);

    // Vets and loads one file; the result is recorded as a plugin or a refusal.
    void load_file(const std::filesystem::path& file);
    void load_directory(const std::filesystem::path& directory);

    const std::vector<std::shared_ptr<const Plugin>>& plugins() const { return plugins_; }
    const std::vector<Refusal>& refusals() const { return refusals_; }
    const std::vector<std::filesystem::path>& searched() const { return searched_; }

    // Finds a plugin by id ("kp.exporter.json") or short name (the last dotted component:
    // "json"). Throws kpproc::Error("unknown-plugin") listing what is available, or
    // ("ambiguous-plugin") naming the ids a short name matches.
    std::shared_ptr<const Plugin> find(std::string_view name) const;
    std::shared_ptr<const Plugin> find_if_present(std::string_view name) const;
    std::vector<std::shared_ptr<const Plugin>> of_kind(PluginKind kind) const;

private:
    void refuse(const std::filesystem::path& path, RefusalReason reason, std::string message);

    std::vector<std::shared_ptr<const Plugin>> plugins_;
    std::vector<Refusal> refusals_;
    std::vector<std::filesystem::path> searched_;
};

// The short name of an id: its last dotted component ("kp.adapter.text" -> "text").
std::string_view short_name(std::string_view id);

}  // namespace kpproc::framework
