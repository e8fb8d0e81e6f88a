#include "kpproc/framework/pipeline.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "kpproc/error.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/invariants.hpp"
#include "kpproc/text.hpp"

namespace kpproc::framework {

namespace {

std::string format_confidence(double c) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", c);
    return buf;
}

}  // namespace

void require_invariants(const Document& doc, std::string_view plugin_id) {
    const auto violations = check_invariants(doc);
    if (!violations.empty()) {
        throw Error("invariant-violated",
                    std::string(plugin_id) + " broke the rules of the document model (" +
                        std::to_string(violations.size()) +
                        (violations.size() == 1 ? " violation" : " violations") + "):\n" +
                        describe(violations, 3));
    }
}

std::string sha256_hex(std::string_view bytes) {
    // OpenSSL's SHA-256 (SHA extensions where the CPU has them): several times faster than a
    // portable one, which cost a quarter of a text adapter's time. The digest is fetched from
    // OpenSSL's providers once (thread-safe static): fetching it for every document, as a digest
    // engine made per call does, cost as much as hashing a small document.
    static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (sha256 == nullptr ||
        EVP_Digest(bytes.data(), bytes.size(), digest, &length, sha256, nullptr) != 1) {
        throw Error("internal", "OpenSSL could not compute a SHA-256 digest");
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex(2 * static_cast<std::size_t>(length), '\0');
    for (unsigned int k = 0; k < length; ++k) {
        hex[2 * k] = kHex[digest[k] >> 4];
        hex[2 * k + 1] = kHex[digest[k] & 0xF];
    }
    return hex;
}

// ---- Detection ------------------------------------------------------------------------------

namespace {

// Text in UTF-16 or UTF-32 (with a byte order mark) is transcoded to UTF-8 before any adapter
// sees it: detection looks for words, and every adapter then reads it as it reads UTF-8.
// Returns the note for the document's diagnostics, or "" when the bytes are left as they are.
std::string transcode_wide_text(std::string_view& bytes, std::string& storage) {
    const auto wide = text::wide_unicode_bom(bytes);
    if (!wide) {
        return {};
    }
    text::Transcoded transcoded = text::wide_to_utf8(bytes, *wide);
    storage = std::move(transcoded.text);
    bytes = storage;
    return text::describe_transcoding(*wide, transcoded.replaced);
}

}  // namespace

std::string DetectionResult::explain() const {
    std::string out;
    for (const auto& c : candidates) {
        out += "  " + c.adapter_id + "  " + format_confidence(c.detection.confidence) + "  " +
               c.detection.reason + "\n";
    }
    return out;
}

Detector::Detector(const std::vector<std::shared_ptr<const Plugin>>& adapters) {
    for (const auto& p : adapters) {
        adapters_.push_back(p->create_adapter());
    }
}

AdapterInstance& Detector::adapter(std::string_view id) {
    for (auto& a : adapters_) {
        if (a.description().id == id) {
            return a;
        }
    }
    throw Error("unknown-plugin", "no adapter '" + std::string(id) + "'");
}

DetectionResult Detector::detect(std::string_view head, std::string_view file_name) const {
    DetectionResult result;
    head = head.substr(0, kDetectionHeadBytes);
    std::string transcoded;  // adapters look for words: UTF-16 shows them as UTF-8 does
    (void)transcode_wide_text(head, transcoded);
    for (const auto& a : adapters_) {
        Candidate c{a.description().id, {}};
        try {
            c.detection = a.detect(head, file_name);
        } catch (const std::exception& e) {
            c.detection = Detection{0.0, std::string("detection failed: ") + e.what()};
        }
        result.candidates.push_back(std::move(c));
    }
    // Best first; ties broken by id so the order never depends on load order.
    std::stable_sort(result.candidates.begin(), result.candidates.end(),
                     [](const Candidate& a, const Candidate& b) {
                         if (a.detection.confidence != b.detection.confidence) {
                             return a.detection.confidence > b.detection.confidence;
                         }
                         return a.adapter_id < b.adapter_id;
                     });
    if (result.candidates.empty()) {
        result.problem = "no adapter plugins are loaded (see 'kpproc plugins')";
        return result;
    }
    const double best = result.candidates[0].detection.confidence;
    if (best < kMinimumConfidence) {
        result.problem = "no adapter recognises this input";
        return result;
    }
    if (result.candidates.size() > 1 &&
        best - result.candidates[1].detection.confidence < kNearTieMargin) {
        result.problem = "adapters " + result.candidates[0].adapter_id + " and " +
                         result.candidates[1].adapter_id +
                         " fit almost equally well; name one in the chain instead of 'auto'";
        return result;
    }
    result.chosen = 0;
    return result;
}

// ---- Pipeline -------------------------------------------------------------------------------

namespace {

// The suggestion for a chain that does not begin with an adapter: 'auto' first, and no 'auto'
// anywhere else ("json ! auto" becomes "auto ! json", not "auto ! json ! auto").
ChainSpec with_auto_first(const ChainSpec& chain) {
    ChainSpec fixed;
    fixed.elements.push_back(ChainElement{std::string(kAutoAdapter), {}, 0});
    for (const auto& e : chain.elements) {
        if (e.name != kAutoAdapter) {
            fixed.elements.push_back(e);
        }
    }
    return fixed;
}

}  // namespace

Pipeline::Pipeline(const PluginRegistry& registry, const ChainSpec& chain,
                   ExporterRule exporter_rule)
    : chain_(chain) {
    const auto& elements = chain.elements;
    if (elements.empty()) {
        throw Error("chain", "the chain is empty; write e.g. 'auto ! json'");
    }
    const auto resolve = [&](const ChainElement& e) {
        try {
            return registry.find(e.name);
        } catch (const Error& err) {
            throw Error(err.code(), "chain element '" + e.name + "' (column " +
                                        std::to_string(e.column) + "): " + err.what());
        }
    };

    // First element: the adapter, or auto-detection over all adapters.
    const ChainElement& first = elements.front();
    if (first.name == kAutoAdapter) {
        if (!first.options.empty()) {
            throw Error("chain",
                        "'auto' takes no options; to pass options to an adapter, name it "
                        "instead of 'auto'");
        }
        adapters_ = registry.of_kind(PluginKind::adapter);
    } else {
        auto plugin = resolve(first);
        if (plugin->kind() != PluginKind::adapter) {
            throw Error("chain", "the chain must begin with an adapter or 'auto', but '" +
                                     first.name + "' is " + with_article(plugin->kind()) +
                                     "; write e.g. '" + with_auto_first(chain).to_string() + "'");
        }
        (void)plugin->validate_options(first.options);
        fixed_adapter_ = plugin;
        adapter_options_ = first.options;
        adapters_ = {plugin};
    }

    // Middle elements: processors. Last element: the exporter (required for batch runs).
    for (std::size_t i = 1; i < elements.size(); ++i) {
        const ChainElement& e = elements[i];
        if (e.name == kAutoAdapter) {
            throw Error("chain", "'auto' can only be the first element of a chain");
        }
        auto plugin = resolve(e);
        (void)plugin->validate_options(e.options);
        const bool last = i + 1 == elements.size();
        if (plugin->kind() == PluginKind::processor) {
            processors_.push_back(Stage{plugin, e.options});
        } else if (plugin->kind() == PluginKind::exporter && last) {
            exporter_ = plugin;
            exporter_options_ = e.options;
        } else if (plugin->kind() == PluginKind::exporter) {
            throw Error(
                "chain",
                "'" + e.name + "' is an exporter, so it must be the last element of the chain");
        } else {
            throw Error("chain", "'" + e.name +
                                     "' is an adapter; only the first element of a "
                                     "chain reads input");
        }
    }
    if (!exporter_ && exporter_rule == ExporterRule::required) {
        throw Error("chain", "the chain '" + chain.to_string() +
                                 "' has no exporter; end it with one, e.g. '" + chain.to_string() +
                                 " ! json'");
    }
}

std::string Pipeline::output_extension() const {
    if (exporter_ && !exporter_->description().extensions.empty()) {
        return exporter_->description().extensions.front();
    }
    return ".out";
}

std::vector<std::shared_ptr<const Plugin>> Pipeline::document_plugins() const {
    std::vector<std::shared_ptr<const Plugin>> out = adapters_;
    for (const auto& stage : processors_) {
        out.push_back(stage.plugin);
    }
    return out;
}

std::unique_ptr<DocumentWorker> Pipeline::make_worker() const {
    return std::make_unique<DocumentWorker>(*this);
}

BatchStages Pipeline::make_batch_stages() const {
    BatchStages out;
    out.check_invariants_ = check_invariants_;
    for (const auto& stage : processors_) {
        ProcessorInstance instance = stage.plugin->create_processor(stage.options);
        if (instance.has_batch_stage()) {
            out.stages_.push_back(std::move(instance));
        }
    }
    return out;
}

void BatchStages::run(Document& doc) {
    for (auto& stage : stages_) {
        stage.process_in_batch(doc);
        if (check_invariants_) {
            require_invariants(doc, stage.description().id);
        }
    }
}

ExporterInstance Pipeline::make_exporter() const {
    if (!exporter_) {
        throw Error("chain", "the chain has no exporter");
    }
    return exporter_->create_exporter(exporter_options_);
}

// ---- Worker ---------------------------------------------------------------------------------

DocumentWorker::DocumentWorker(const Pipeline& pipeline)
    : check_invariants_(pipeline.check_invariants_) {
    if (pipeline.fixed_adapter_) {
        fixed_adapter_.emplace(pipeline.fixed_adapter_->create_adapter(pipeline.adapter_options_));
    } else {
        detector_.emplace(pipeline.adapters_);
    }
    for (const auto& stage : pipeline.processors_) {
        processors_.push_back(stage.plugin->create_processor(stage.options));
    }
}

Document DocumentWorker::run(std::string_view path, std::string_view bytes,
                             std::string_view identity, std::string_view given_sha256) {
    // Of the input as given, before any transcoding.
    const std::string sha256 = given_sha256.empty() ? sha256_hex(bytes) : std::string(given_sha256);
    const std::size_t size = bytes.size();
    std::string transcoded;
    const std::string transcoding_note = transcode_wide_text(bytes, transcoded);
    AdapterInstance* adapter = fixed_adapter_ ? &*fixed_adapter_ : nullptr;
    if (adapter == nullptr) {
        const std::string file_name = std::filesystem::path(path).filename().string();
        const DetectionResult detection = detector_->detect(bytes, file_name);
        if (!detection.chosen) {
            throw Error("no-adapter",
                        detection.problem + "; the adapters said:\n" + detection.explain());
        }
        adapter = &detector_->adapter(detection.candidates[*detection.chosen].adapter_id);
    }
    Document doc = adapter->parse(SourceInput{path, bytes});
    if (!transcoding_note.empty()) {
        doc.add_diagnostic("info", "transcoded", transcoding_note);
    }
    doc.source.path = text::replace_invalid_utf8(path);
    doc.source.identity = !identity.empty() ? std::string(identity)
                          : path == "-"     ? "stdin:sha256:" + sha256
                                            : source_identity(std::string(path));
    doc.source.adapter = adapter->description().id;
    doc.source.sha256 = sha256;
    doc.source.bytes = size;
    if (check_invariants_) {
        require_invariants(doc, adapter->description().id);
    }
    for (auto& p : processors_) {
        p.process(doc);
        if (check_invariants_) {
            require_invariants(doc, p.description().id);
        }
    }
    return doc;
}

}  // namespace kpproc::framework
