// council-digest FILE [CHAIN]
//
// Prints a short digest of a meeting record: which adapter read it, the meeting's facts, and
// each item with its first paragraph. It embeds the kpproc framework instead of running the
// kpproc command: plugins are loaded in-process and the result is a kpproc::Document.

#include <kpproc/framework/batch.hpp>
#include <kpproc/framework/pipeline.hpp>
#include <kpproc/framework/plugin_registry.hpp>

#include <iostream>

namespace fw = kpproc::framework;

namespace {

std::string or_unknown(const std::optional<std::string>& value) {
    return value ? *value : "(not given)";
}

std::size_t count_paragraphs(const std::vector<kpproc::Paragraph>& paragraphs) {
    std::size_t n = paragraphs.size();
    for (const auto& p : paragraphs) {
        n += count_paragraphs(p.children);
    }
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2 || argc > 3) {
        std::cerr << "usage: council-digest FILE [CHAIN]   (CHAIN defaults to 'auto')\n";
        return 2;
    }
    try {
        // The plugins installed beside the framework library, plus $KPPROC_PLUGIN_PATH.
        const auto registry = fw::PluginRegistry::discover(fw::PluginSearch{});
        for (const auto& refusal : registry.refusals()) {
            std::cerr << "warning: " << refusal.path.string() << ": " << refusal.message << "\n";
        }
        // No exporter: this tool wants the Document itself.
        const fw::Pipeline pipeline(registry, fw::parse_chain(argc == 3 ? argv[2] : "auto"),
                                    fw::Pipeline::ExporterRule::optional);
        auto worker = pipeline.make_worker();

        const fw::Input input{argv[1], argv[1], {}};
        const std::string bytes = fw::read_input(input, 256u << 20);
        const kpproc::Document doc = worker->run(input.display, bytes);

        std::cout << "file: " << doc.source.path << "\n"
                  << "adapter: " << or_unknown(doc.source.adapter) << "\n"
                  << "body: " << or_unknown(doc.meeting.body) << "\n"
                  << "date: " << or_unknown(doc.meeting.date) << "\n"
                  << "items: " << doc.items.size() << "\n";
        std::size_t paragraphs = 0;
        for (const auto& item : doc.items) {
            paragraphs += count_paragraphs(item.paragraphs);
        }
        std::cout << "paragraphs: " << paragraphs << "\n";
        for (const auto& item : doc.items) {
            std::cout << "- " << or_unknown(item.number) << " " << or_unknown(item.title) << "\n";
            if (!item.paragraphs.empty()) {
                const auto& first = item.paragraphs.front();
                // Spans point into doc.text: the words exactly as the source has them.
                const std::string_view words =
                    first.span ? doc.slice(*first.span) : std::string_view(first.text);
                std::cout << "    " << words.substr(0, 120) << (words.size() > 120 ? "…" : "")
                          << "\n";
            }
        }
        for (const auto& d : doc.diagnostics) {
            std::cout << "note: " << d.severity << ": " << d.message << "\n";
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "council-digest: " << argv[1] << ": " << e.what() << "\n";
        return 1;
    }
}
