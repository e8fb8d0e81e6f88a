// kp.processor.entities: people, roles, bodies, places, figures and references in a Document,
// each mention linked to one entity; roles resolved to their holders; paragraph speakers; the
// same person given the same id across a batch.

#include <dlfcn.h>

#include <filesystem>
#include <memory>
#include <string>

#include "gazetteer.hpp"
#include "kpproc/error.hpp"
#include "kpproc/plugin.hpp"
#include "kpproc/text.hpp"
#include "linking.hpp"
#include "mentions.hpp"
#include "tokens.hpp"

#ifndef KPPROC_ENTITIES_DATA_RELATIVE
#define KPPROC_ENTITIES_DATA_RELATIVE "../../../share/kpproc/entities"
#endif

namespace {

namespace fs = std::filesystem;
using namespace kpproc::entities;

// The shipped gazetteers sit at a fixed place relative to this plugin in the build tree and in
// an install: <prefix>/lib/kpproc/plugins/<plugin> -> <prefix>/share/kpproc/entities.
fs::path shipped_data_directory() {
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&shipped_data_directory), &info) == 0 ||
        info.dli_fname == nullptr) {
        throw kpproc::Error("invalid-gazetteer",
                            "cannot tell where the entities plugin lives; give data_dir=DIR");
    }
    return (fs::path(info.dli_fname).parent_path() / KPPROC_ENTITIES_DATA_RELATIVE)
        .lexically_normal();
}

// "a.tsv, b.tsv" -> paths; ',' separates because ':' may be inside a path on other systems.
std::vector<fs::path> split_paths(const std::string& list) {
    std::vector<fs::path> out;
    std::size_t start = 0;
    while (start <= list.size()) {
        std::size_t comma = list.find(',', start);
        if (comma == std::string::npos) {
            comma = list.size();
        }
        const std::string_view part =
            kpproc::text::trim(std::string_view(list).substr(start, comma - start));
        if (!part.empty()) {
            out.emplace_back(part);
        }
        start = comma + 1;
    }
    return out;
}

class EntitiesProcessor final : public kpproc::Processor {
public:
    explicit EntitiesProcessor(const kpproc::Options& options)
        : gazetteer_(std::make_shared<Gazetteer>()),
          link_batch_(options.get_bool("link_batch")),
          directory_(checked_scope(options.get_string("link_scope"))) {
        recogniser_.bare_years = options.get_bool("bare_years");
        const std::string dir = options.get_string("data_dir");
        gazetteer_->load_directory(dir.empty() ? shipped_data_directory() : fs::path(dir));
        for (const auto& extra : split_paths(options.get_string("gazetteers"))) {
            gazetteer_->load_file(extra);
        }
    }

    void process(kpproc::Document& doc) override {
        const Tokens tokens(doc.text);
        std::vector<RecognisedMention> mentions =
            find_mentions(doc, tokens, *gazetteer_, recogniser_);
        link_document(doc, tokens, *gazetteer_, std::move(mentions));
    }

    void process_in_batch(kpproc::Document& doc) override {
        if (link_batch_) {
            directory_.link(doc);
        }
    }

private:
    static std::string checked_scope(const std::string& scope) {
        if (scope != "batch" && scope != "archive") {
            throw kpproc::Error("invalid-option",
                                "entities: link_scope is batch or archive, not '" + scope + "'");
        }
        return scope;
    }

    std::shared_ptr<Gazetteer> gazetteer_;
    RecogniserOptions recogniser_;
    bool link_batch_;
    BatchDirectory directory_;
};

}  // namespace

KPPROC_PLUGIN(EntitiesProcessor,
              {.id = "kp.processor.entities",
               .version = "1.0.0",
               .summary = "People, roles, bodies, places, dates, money and references, each "
                          "mention linked to one entity; roles resolved; paragraph speakers",
               .options = {
                   {.name = "link_batch",
                    .type = kpproc::OptionType::boolean,
                    .default_value = "true",
                    .description = "Give a person the same id in every document of a batch "
                                   "(a surname-only mention joins the one earlier match)"},
                   {.name = "link_scope",
                    .type = kpproc::OptionType::string,
                    .default_value = "batch",
                    .description = "What the documents linked together are called in linked_by "
                                   "and the link notes: batch (one kpproc run) or archive "
                                   "(kpproc link, every document of a database)"},
                   {.name = "gazetteers",
                    .type = kpproc::OptionType::string,
                    .default_value = "",
                    .description = "Extra gazetteer files, comma-separated, each line "
                                   "KIND<TAB>phrase[<TAB>canonical] (see the shipped data)"},
                   {.name = "data_dir",
                    .type = kpproc::OptionType::string,
                    .default_value = "",
                    .description = "Use this directory's *.tsv instead of the shipped "
                                   "gazetteers"},
                   {.name = "bare_years",
                    .type = kpproc::OptionType::boolean,
                    .default_value = "true",
                    .description = "Read a year on its own (\"in 2016\") as a DATE"},
               }})
