#include "kpproc/testing.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "kpproc/atomic_file.hpp"
#include "kpproc/error.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/framework/plugin_registry.hpp"
#include "kpproc/model_json.hpp"

namespace kpproc::testing {

namespace fs = std::filesystem;
namespace fw = kpproc::framework;

namespace {

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw Failure(file.string() + ": cannot be read");
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// Runs `work`, turning the plugin's or the framework's errors into Failure with `what` first.
template <class F>
auto as_failure(const std::string& what, F&& work) -> decltype(work()) {
    try {
        return work();
    } catch (const Failure&) {
        throw;
    } catch (const Error& e) {
        throw Failure(what + " failed (" + e.code() + "): " + e.what());
    } catch (const std::exception& e) {
        throw Failure(what + " failed: " + e.what());
    }
}

}  // namespace

// ---- PluginUnderTest ----------------------------------------------------------------------

struct PluginUnderTest::Loaded {
    fw::PluginRegistry registry;
    std::shared_ptr<const fw::Plugin> plugin;
    std::map<std::string, std::string> options;
    std::optional<fw::Pipeline> adapter_pipeline;  // for adapters: a chain of the adapter alone
    std::unique_ptr<fw::DocumentWorker> worker;
};

PluginUnderTest::PluginUnderTest(const fs::path& file,
                                 const std::map<std::string, std::string>& options)
    : loaded_(std::make_unique<Loaded>()) {
    loaded_->registry.load_file(file);
    if (!loaded_->registry.refusals().empty()) {
        const fw::Refusal& refusal = loaded_->registry.refusals().front();
        throw Failure(file.string() + ": kpproc would refuse this plugin (" +
                      fw::to_string(refusal.reason) + "): " + refusal.message);
    }
    loaded_->plugin = loaded_->registry.plugins().at(0);
    loaded_->options = options;
    as_failure("the options", [&] { (void)loaded_->plugin->validate_options(options); });
    if (loaded_->plugin->kind() == fw::PluginKind::adapter) {
        fw::ChainSpec chain;
        chain.elements.push_back(fw::ChainElement{loaded_->plugin->id(), options, 1});
        loaded_->adapter_pipeline.emplace(loaded_->registry, chain,
                                          fw::Pipeline::ExporterRule::optional);
        loaded_->adapter_pipeline->check_invariants(true);
        loaded_->worker = loaded_->adapter_pipeline->make_worker();
    }
}

PluginUnderTest::~PluginUnderTest() = default;
PluginUnderTest::PluginUnderTest(PluginUnderTest&&) noexcept = default;
PluginUnderTest& PluginUnderTest::operator=(PluginUnderTest&&) noexcept = default;

const std::string& PluginUnderTest::id() const {
    return loaded_->plugin->id();
}

const std::string& PluginUnderTest::version() const {
    return loaded_->plugin->description().version;
}

std::string PluginUnderTest::kind() const {
    return fw::to_string(loaded_->plugin->kind());
}

namespace {

void require_kind(const fw::Plugin& plugin, fw::PluginKind kind, const char* call) {
    if (plugin.kind() != kind) {
        throw Failure(std::string(call) + "() is for " + fw::with_article(kind) + "; " +
                      plugin.id() + " is " + fw::with_article(plugin.kind()));
    }
}

}  // namespace

Detection PluginUnderTest::detect(std::string_view bytes, std::string_view file_name) const {
    require_kind(*loaded_->plugin, fw::PluginKind::adapter, "detect");
    return as_failure("detect", [&] {
        const auto head = bytes.substr(0, fw::kDetectionHeadBytes);
        return loaded_->plugin->create_adapter(loaded_->options).detect(head, file_name);
    });
}

Document PluginUnderTest::parse(std::string_view bytes, std::string_view path) {
    require_kind(*loaded_->plugin, fw::PluginKind::adapter, "parse");
    return as_failure("parse of " + std::string(path),
                      [&] { return loaded_->worker->run(path, bytes, path); });
}

Document PluginUnderTest::parse_file(const fs::path& file, std::string_view path) {
    return parse(read_file(file), path.empty() ? file.string() : std::string(path));
}

void PluginUnderTest::process(Document& doc) {
    require_kind(*loaded_->plugin, fw::PluginKind::processor, "process");
    as_failure("process", [&] {
        fw::ProcessorInstance processor = loaded_->plugin->create_processor(loaded_->options);
        processor.process(doc);
        fw::require_invariants(doc, id());
        if (processor.has_batch_stage()) {
            processor.process_in_batch(doc);
            fw::require_invariants(doc, id() + " (its batch stage)");
        }
    });
}

std::string PluginUnderTest::export_documents(const std::vector<Document>& docs,
                                              const fs::path& target) {
    require_kind(*loaded_->plugin, fw::PluginKind::exporter, "export_documents");
    return as_failure("export", [&] {
        fw::ExporterInstance exporter = loaded_->plugin->create_exporter(loaded_->options);
        std::ostringstream out;
        exporter.begin(ExportTarget{target.string(), docs.size()}, out);
        for (const Document& doc : docs) {
            exporter.write(doc, out);
        }
        exporter.end(out);
        return out.str();
    });
}

// ---- Checks -------------------------------------------------------------------------------

void require_invariants(const Document& doc) {
    const auto violations = check_invariants(doc);
    if (!violations.empty()) {
        throw Failure("the document " + doc.source.path + " breaks " +
                      std::to_string(violations.size()) + " of the model's rules:\n" +
                      describe(violations, violations.size()));
    }
}

GoldenComparison compare_with_golden(const Document& doc, const fs::path& golden) {
    const std::string actual = to_json(doc, JsonStyle{2}) + "\n";
    const char* update = std::getenv("KPPROC_UPDATE_GOLDEN");
    if (update != nullptr && std::string_view(update) == "1") {
        if (golden.has_parent_path()) {
            fs::create_directories(golden.parent_path());
        }
        AtomicFile file(golden);
        file.stream() << actual;
        file.commit();
        return GoldenComparison{true, {}, true};
    }
    if (!fs::exists(golden)) {
        return GoldenComparison{false,
                                golden.string() +
                                    " does not exist; run with KPPROC_UPDATE_GOLDEN=1 to write "
                                    "it, and review it against the source before committing it",
                                false};
    }
    std::string diff = line_diff(read_file(golden), actual);
    const bool matches = diff.empty();
    return GoldenComparison{matches, std::move(diff), false};
}

}  // namespace kpproc::testing
