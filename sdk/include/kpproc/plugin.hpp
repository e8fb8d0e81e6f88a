#pragma once
// Writing a plugin: derive from Adapter, Processor or Exporter, give the class a constructor
// taking `const kpproc::Options&`, and describe it once with KPPROC_PLUGIN:
//
//     class HelloAdapter final : public kpproc::Adapter {
//     public:
//         explicit HelloAdapter(const kpproc::Options&) {}
//         kpproc::Detection detect(std::string_view head, std::string_view name) const override;
//         kpproc::Document parse(const kpproc::SourceInput& input) override;
//     };
//     KPPROC_PLUGIN(HelloAdapter, {.id = "org.example.adapter.hello", .version = "1.0.0",
//                                  .summary = "Hello-format minutes"})
//
// Your methods may throw (preferably kpproc::Error); the code KPPROC_PLUGIN generates catches
// everything at the library boundary and hands the host a code and a sentence instead.
// The host creates one instance per worker thread, so an instance is never used by two
// threads at once.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "kpproc/abi.h"
#include "kpproc/error.hpp"
#include "kpproc/model.hpp"
#include "kpproc/options.hpp"
#include "kpproc/toolchain.hpp"

namespace kpproc {

// ---------------------------------------------------------------------------------------------
// The interfaces plugin authors implement.

struct Detection {
    double confidence = 0.0;  // 0 = certainly not this format, 1 = certainly this format
    std::string reason;       // one line: why, e.g. "starts with 'MINUTES of a meeting'"
};

struct SourceInput {
    std::string_view path;   // as the user named it ("-" for standard input)
    std::string_view bytes;  // the whole input, undecoded
};

class Adapter {
public:
    virtual ~Adapter() = default;
    // `head` is the first bytes of the input (up to 64 KiB), `file_name` its base name.
    virtual Detection detect(std::string_view head, std::string_view file_name) const = 0;
    // The host fills in Document::source (path, adapter, sha256, bytes) afterwards; set
    // source.media_type here.
    virtual Document parse(const SourceInput& input) = 0;
};

class Processor {
public:
    virtual ~Processor() = default;
    // Enriches one document. Runs on worker threads, one instance per thread, in any order.
    virtual void process(Document& doc) = 0;
    // The batch stage (ABI 1.1): the host calls it on one instance shared by the whole batch,
    // once per document, in input order, after every process() of the chain ran on that
    // document and before it is exported. Cross-document work ("the same person in every
    // document") belongs here, where the order is the same whatever the number of workers.
    virtual void process_in_batch(Document& doc) { (void)doc; }
};

struct ExportNotice {
    std::string code;     // kebab-case, e.g. "replaced"
    std::string message;  // one sentence, without the document's name (the host adds it)
};

struct ExportTarget {
    // Output file, "-" for standard output; for an exporter that owns its output
    // (PluginInfo::owns_output: a directory of tables, a database), the path given by -o.
    std::string path;
    // Documents the host will write to this target; kUnknownDocumentCount when it reads its
    // inputs as they come (a list on standard input) and cannot tell: then as for several.
    std::size_t document_count = 0;
    static constexpr std::size_t kUnknownDocumentCount = static_cast<std::size_t>(-1);
};

class Exporter {
public:
    virtual ~Exporter() = default;
    // Once per output target, before its first document.
    virtual void begin(const ExportTarget& target, std::ostream& out) {
        (void)target;
        (void)out;
    }
    // `out` is a per-document buffer the host appends to the target only when write returns,
    // so a failing document leaves no partial output behind.
    virtual void write(const Document& doc, std::ostream& out) = 0;
    // Once per output target, after its last document.
    virtual void end(std::ostream& out) { (void)out; }
    // ABI 1.2: what the last write() did that the user should hear of, though nothing failed,
    // e.g. {"replaced", "replaced the version stored on …"}. The host calls it after each
    // write(), reports each notice with the document's name, and counts them by code in its
    // summary. Return each notice once.
    virtual std::vector<ExportNotice> take_notices() { return {}; }

    // ABI 1.3: the export in two halves, so that the costly half (rendering JSON, XML or CSV
    // rows) runs on the worker threads beside the parsing and only the cheap half is serial.
    // The host calls prepare() on the worker threads, each on an instance of its own that was
    // created with the same options and is never begun, after every processor (the batch stages
    // too) ran on the document. `target` is the one the document will be written to (as begin()
    // was given it). Render what write_prepared() needs into `prepared` and return true; return
    // false (the default) to have the host call write() as before.
    virtual bool prepare(const Document& doc, const ExportTarget& target, std::string& prepared) {
        (void)doc;
        (void)target;
        (void)prepared;
        return false;
    }
    // On the batch's instance, in input order, for a document prepare() rendered; `out` as for
    // write(). take_notices() is asked afterwards as after write().
    virtual void write_prepared(const Document& doc, std::string_view prepared, std::ostream& out) {
        (void)prepared;
        write(doc, out);
    }
    // ABI 1.3: whether the target already holds the document of this source identity with
    // these bytes (lower-case hex SHA-256), so that the host can skip reading it again, e.g.
    // when a batch is run again to finish an interrupted one. Called after begin(), from any
    // thread and concurrently with everything else: it must be thread-safe (an answer fixed
    // at begin() is). The default knows nothing: false.
    virtual bool is_stored(std::string_view identity, std::string_view sha256) const {
        (void)identity;
        (void)sha256;
        return false;
    }
};

// ---------------------------------------------------------------------------------------------
// Describing a plugin.

struct PluginInfo {
    std::string id{};       // dotted: "kp.adapter.text", reverse-DNS for third parties
    std::string version{};  // the plugin's own version
    std::string summary{};  // one line
    std::vector<std::string> media_types{};
    std::vector<std::string> extensions{};  // adapters: inputs they read; exporters: output suffix
    std::vector<OptionSpec> options{};
    // An SPDX expression, for a plugin whose licence is not kpproc's own (one that links a GPL
    // library, say); empty otherwise. `kpproc inspect` shows it.
    std::string licence{};
    // Exporters (ABI 1.5): it writes its own output for the whole batch at the -o path (a
    // database, a directory of tables), so the host opens no file and names none per input;
    // ExportTarget::path is the -o path as given. Its extensions are then only descriptive.
    bool owns_output = false;
};

// ---------------------------------------------------------------------------------------------
// The boundary. The host sees only these noexcept "ports"; KPPROC_PLUGIN instantiates the
// shims below inside the plugin, where they turn exceptions into a kpproc_failure.

namespace abi {

void set_failure(kpproc_failure* failure, std::string_view code, std::string_view message) noexcept;

template <class F>
bool guarded(kpproc_failure* failure, F&& body) noexcept {
    try {
        body();
        return true;
    } catch (const Error& e) {
        set_failure(failure, e.code(), e.what());
    } catch (const std::exception& e) {
        set_failure(failure, "exception", e.what());
    } catch (...) {
        set_failure(failure, "exception", "unknown exception");
    }
    return false;
}

class AdapterPort {
public:
    virtual bool detect(std::string_view head, std::string_view name, Detection& out,
                        kpproc_failure* failure) noexcept = 0;
    virtual bool parse(const SourceInput& input, Document& out,
                       kpproc_failure* failure) noexcept = 0;

protected:
    ~AdapterPort() = default;  // destroyed only through the descriptor's destroy()
};

class ProcessorPort {
public:
    virtual bool process(Document& doc, kpproc_failure* failure) noexcept = 0;
    // ABI 1.1: the host calls this only on plugins whose descriptor says minor >= 1.
    virtual bool process_in_batch(Document& doc, kpproc_failure* failure) noexcept = 0;

protected:
    ~ProcessorPort() = default;
};

class ExporterPort {
public:
    virtual bool begin(const ExportTarget& target, std::ostream& out,
                       kpproc_failure* failure) noexcept = 0;
    virtual bool write(const Document& doc, std::ostream& out,
                       kpproc_failure* failure) noexcept = 0;
    virtual bool end(std::ostream& out, kpproc_failure* failure) noexcept = 0;
    // ABI 1.2: the host calls this only on plugins whose descriptor says minor >= 2.
    virtual bool take_notices(std::vector<ExportNotice>& out, kpproc_failure* failure) noexcept = 0;
    // ABI 1.3: the host calls these only on plugins whose descriptor says minor >= 3.
    virtual bool prepare(const Document& doc, const ExportTarget& target, std::string& prepared,
                         bool& done, kpproc_failure* failure) noexcept = 0;
    virtual bool write_prepared(const Document& doc, std::string_view prepared, std::ostream& out,
                                kpproc_failure* failure) noexcept = 0;
    virtual bool is_stored(std::string_view identity, std::string_view sha256, bool& stored,
                           kpproc_failure* failure) noexcept = 0;

protected:
    ~ExporterPort() = default;
};

template <class T>
class AdapterShim final : public AdapterPort {
public:
    explicit AdapterShim(const Options& options) : impl_(options) {}
    bool detect(std::string_view head, std::string_view name, Detection& out,
                kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { out = impl_.detect(head, name); });
    }
    bool parse(const SourceInput& input, Document& out, kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { out = impl_.parse(input); });
    }

private:
    T impl_;
};

template <class T>
class ProcessorShim final : public ProcessorPort {
public:
    explicit ProcessorShim(const Options& options) : impl_(options) {}
    bool process(Document& doc, kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { impl_.process(doc); });
    }
    bool process_in_batch(Document& doc, kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { impl_.process_in_batch(doc); });
    }

private:
    T impl_;
};

template <class T>
class ExporterShim final : public ExporterPort {
public:
    explicit ExporterShim(const Options& options) : impl_(options) {}
    bool begin(const ExportTarget& target, std::ostream& out,
               kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { impl_.begin(target, out); });
    }
    bool write(const Document& doc, std::ostream& out, kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { impl_.write(doc, out); });
    }
    bool end(std::ostream& out, kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { impl_.end(out); });
    }
    bool take_notices(std::vector<ExportNotice>& out, kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { out = impl_.take_notices(); });
    }
    bool prepare(const Document& doc, const ExportTarget& target, std::string& prepared, bool& done,
                 kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { done = impl_.prepare(doc, target, prepared); });
    }
    bool write_prepared(const Document& doc, std::string_view prepared, std::ostream& out,
                        kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { impl_.write_prepared(doc, prepared, out); });
    }
    bool is_stored(std::string_view identity, std::string_view sha256, bool& stored,
                   kpproc_failure* failure) noexcept override {
        return guarded(failure, [&] { stored = impl_.is_stored(identity, sha256); });
    }

private:
    T impl_;
};

template <class T>
constexpr kpproc_plugin_kind kind_of() {
    if constexpr (std::is_base_of_v<Adapter, T>) {
        return KPPROC_KIND_ADAPTER;
    } else if constexpr (std::is_base_of_v<Processor, T>) {
        return KPPROC_KIND_PROCESSOR;
    } else {
        static_assert(std::is_base_of_v<Exporter, T>,
                      "a kpproc plugin class derives from Adapter, Processor or Exporter");
        return KPPROC_KIND_EXPORTER;
    }
}

template <class T>
using shim_for = std::conditional_t<
    std::is_base_of_v<Adapter, T>, AdapterShim<T>,
    std::conditional_t<std::is_base_of_v<Processor, T>, ProcessorShim<T>, ExporterShim<T>>>;

// What the plugin was compiled against. Captured by the macro in the plugin's own translation
// unit, so the host compares the plugin's headers with its own, not the SDK library's.
struct BuildStamp {
    std::uint32_t abi_major = KPPROC_ABI_MAJOR;
    std::uint32_t abi_minor = KPPROC_ABI_MINOR;
    // The size of the descriptor the claimed minor defines: before 1.4 it ended before
    // `licence`, before 1.5 before `flags` (a plugin that claims an older minor is read as one).
    std::uint32_t struct_size = KPPROC_ABI_MINOR >= 5   ? sizeof(kpproc_plugin_descriptor)
                                : KPPROC_ABI_MINOR >= 4 ? offsetof(kpproc_plugin_descriptor, flags)
                                                        : offsetof(kpproc_plugin_descriptor, licence);
    const char* toolchain = KPPROC_TOOLCHAIN_TAG;
};

// Owns the strings and arrays a descriptor points into, for the life of the plugin library.
class DescriptorStorage {
public:
    DescriptorStorage(PluginInfo info, kpproc_plugin_kind kind, BuildStamp stamp,
                      void* (*create)(const void*, kpproc_failure*), void (*destroy)(void*));
    DescriptorStorage(const DescriptorStorage&) = delete;
    DescriptorStorage& operator=(const DescriptorStorage&) = delete;
    const kpproc_plugin_descriptor* descriptor() const noexcept { return &descriptor_; }

private:
    PluginInfo info_;
    std::vector<const char*> media_types_;
    std::vector<const char*> extensions_;
    std::vector<std::string> option_types_;
    std::vector<std::string> option_choices_;
    std::vector<kpproc_option_spec> option_specs_;
    kpproc_plugin_descriptor descriptor_{};
};

template <class T>
void* create_instance(const void* options, kpproc_failure* failure) noexcept {
    using Shim = shim_for<T>;
    Shim* instance = nullptr;
    const bool ok = guarded(failure, [&] {
        static const Options no_options;
        const auto* given = static_cast<const Options*>(options);
        instance = new Shim(given != nullptr ? *given : no_options);
    });
    if (!ok) {
        return nullptr;
    }
    // The host casts the pointer back to the port matching the descriptor's kind.
    if constexpr (kind_of<T>() == KPPROC_KIND_ADAPTER) {
        return static_cast<void*>(static_cast<AdapterPort*>(instance));
    } else if constexpr (kind_of<T>() == KPPROC_KIND_PROCESSOR) {
        return static_cast<void*>(static_cast<ProcessorPort*>(instance));
    } else {
        return static_cast<void*>(static_cast<ExporterPort*>(instance));
    }
}

template <class T>
void destroy_instance(void* instance) noexcept {
    using Shim = shim_for<T>;
    if constexpr (kind_of<T>() == KPPROC_KIND_ADAPTER) {
        delete static_cast<Shim*>(static_cast<AdapterPort*>(instance));
    } else if constexpr (kind_of<T>() == KPPROC_KIND_PROCESSOR) {
        delete static_cast<Shim*>(static_cast<ProcessorPort*>(instance));
    } else {
        delete static_cast<Shim*>(static_cast<ExporterPort*>(instance));
    }
}

}  // namespace abi
}  // namespace kpproc

// Exports the plugin's entry point. The second argument is a braced PluginInfo initialiser.
// The descriptor is built on the first call (thread-safe static) and lives as long as the library.
#define KPPROC_PLUGIN(PluginClass, ...)                                                 \
    extern "C" KPPROC_EXPORT const kpproc_plugin_descriptor* KPPROC_ENTRY_POINT(void) { \
        static const ::kpproc::abi::DescriptorStorage kpproc_descriptor_storage{        \
            ::kpproc::PluginInfo __VA_ARGS__, ::kpproc::abi::kind_of<PluginClass>(),    \
            ::kpproc::abi::BuildStamp{}, &::kpproc::abi::create_instance<PluginClass>,  \
            &::kpproc::abi::destroy_instance<PluginClass>};                             \
        return kpproc_descriptor_storage.descriptor();                                  \
    }
