#pragma once
// A chain resolved against the loaded plugins, and the per-thread workers that run it.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/plugin_registry.hpp"
#include "kpproc/model.hpp"

namespace kpproc::framework {

// Detection reads this much of each input.
inline constexpr std::size_t kDetectionHeadBytes = 64 * 1024;
// Below this confidence an adapter does not fit: auto-detection needs a format-specific sign.
// (The generic text adapter scores 0.10, so it reads a file only when the chain names it.)
inline constexpr double kMinimumConfidence = 0.2;
// Two adapters closer than this are a near-tie: kpproc refuses to guess between them.
inline constexpr double kNearTieMargin = 0.05;

struct Candidate {
    std::string adapter_id;
    Detection detection;
};

struct DetectionResult {
    std::vector<Candidate> candidates;  // every adapter's answer, best first
    std::optional<std::size_t> chosen;  // index into candidates
    std::string problem;                // why nothing was chosen: "nothing fits", near-tie
    // One line per candidate: "  kp.adapter.text  0.10  valid UTF-8 text…"
    std::string explain() const;
};

// Runs every adapter's detect() on the head of an input and applies the rules above.
class Detector {
public:
    explicit Detector(const std::vector<std::shared_ptr<const Plugin>>& adapters);
    DetectionResult detect(std::string_view head, std::string_view file_name) const;
    AdapterInstance& adapter(std::string_view id);

private:
    std::vector<AdapterInstance> adapters_;
};

class DocumentWorker;
class BatchStages;

// A chain checked against the registry: element kinds in the right order, options valid.
// Immutable and shareable across threads; each thread makes its own DocumentWorker.
class Pipeline {
public:
    enum class ExporterRule { required, optional };

    // Throws kpproc::Error ("chain", "unknown-plugin", "unknown-option", …) with a message that
    // says what to write instead.
    Pipeline(const PluginRegistry& registry, const ChainSpec& chain,
             ExporterRule exporter_rule = ExporterRule::required);

    bool auto_detects() const { return fixed_adapter_ == nullptr; }
    const ChainSpec& chain() const { return chain_; }
    std::shared_ptr<const Plugin> exporter_plugin() const { return exporter_; }
    // The file suffix the exporter declares (".json"), or ".out".
    std::string output_extension() const;
    // The exporter writes its own output for the whole batch at the -o path (its descriptor
    // says it owns its output, as kp.exporter.csv and kp.exporter.sqlite do); the host opens
    // nothing.
    bool writes_own_output() const { return exporter_ && exporter_->description().owns_output; }

    // The plugins that work on documents before the exporter: the adapter (every adapter when
    // auto-detecting) and the processors.
    std::vector<std::shared_ptr<const Plugin>> document_plugins() const;

    // Whether workers check every plugin's output against the model's rules
    // (kpproc/invariants.hpp) and fail a document that breaks them, naming the plugin. On by
    // default in debug builds of the framework; `kpproc run --check` turns it on. Set it before
    // making workers.
    void check_invariants(bool on) { check_invariants_ = on; }
    bool checks_invariants() const { return check_invariants_; }

    std::unique_ptr<DocumentWorker> make_worker() const;
    // The processors' batch stages (Processor::process_in_batch): one instance each, for the
    // single thread that sees the documents in input order.
    BatchStages make_batch_stages() const;
    ExporterInstance make_exporter() const;

private:
    friend class DocumentWorker;
    struct Stage {
        std::shared_ptr<const Plugin> plugin;
        std::map<std::string, std::string> options;
    };
    ChainSpec chain_;
    std::vector<std::shared_ptr<const Plugin>> adapters_;  // all of them when auto-detecting
    std::shared_ptr<const Plugin> fixed_adapter_;
    std::map<std::string, std::string> adapter_options_;
    std::vector<Stage> processors_;
    std::shared_ptr<const Plugin> exporter_;
    std::map<std::string, std::string> exporter_options_;
#ifdef NDEBUG
    bool check_invariants_ = false;
#else
    bool check_invariants_ = true;
#endif
};

// Throws kpproc::Error("invariant-violated", …) naming `plugin_id` when `doc` breaks a rule of
// the model (kpproc/invariants.hpp).
void require_invariants(const Document& doc, std::string_view plugin_id);

// Turns input bytes into a processed Document. One per thread.
class DocumentWorker {
public:
    explicit DocumentWorker(const Pipeline& pipeline);

    // Detects (or uses the fixed adapter), parses, fills in Document::source and runs the
    // processors. Throws kpproc::Error naming the stage that failed. `identity` becomes
    // source.identity; when empty it is made from `path` (source_identity() of the file, or
    // "stdin:sha256:HEX" for "-"). `sha256`, when given, is the hash of `bytes` the caller made
    // already (lower-case hex).
    Document run(std::string_view path, std::string_view bytes, std::string_view identity = {},
                 std::string_view sha256 = {});

private:
    std::optional<Detector> detector_;
    std::optional<AdapterInstance> fixed_adapter_;
    std::vector<ProcessorInstance> processors_;
    bool check_invariants_ = false;
};

// Runs the batch stage of every processor of the chain on one document, in chain order. Call
// it once per document, in input order, from one thread, after DocumentWorker::run.
class BatchStages {
public:
    // Throws kpproc::Error naming the processor that failed.
    void run(Document& doc);
    bool empty() const { return stages_.empty(); }

private:
    friend class Pipeline;
    std::vector<ProcessorInstance> stages_;
    bool check_invariants_ = false;
};

// Lower-case hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace kpproc::framework
