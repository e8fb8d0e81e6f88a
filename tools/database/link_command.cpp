// kpproc link DATABASE: a processor's batch stage (the entities processor's linking of people,
// by default) run once over every document a database holds, in the order one `kpproc run` over
// the whole archive would have met them: what sharded batches could not do, each seeing only
// its own documents. The host knows no linking rule: it rebuilds from the database what the
// batch stage reads (each document's entities and its paragraphs' speakers), hands each
// document to the stage, and writes back what it changed, recording the values before.
#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "command_line.hpp"
#include "database_commands.hpp"
#include "kpproc/json.hpp"
#include "kpproc/model.hpp"
#include "link_store.hpp"
#include "search.hpp"

namespace kpproc::cli {

namespace fw = kpproc::framework;

namespace {

// A source identity as the walk of `kpproc run` orders it: directory by directory, each one's
// entries by name ("a/b" before "a-c", where plain string order puts '-' before '/').
std::vector<std::string_view> components(std::string_view identity) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t slash = identity.find('/', start);
        parts.push_back(identity.substr(start, slash - start));
        if (slash == std::string_view::npos) {
            return parts;
        }
        start = slash + 1;
    }
}

void sort_as_walked(std::vector<StoredDocument>& documents) {
    std::sort(documents.begin(), documents.end(),
              [](const StoredDocument& a, const StoredDocument& b) {
                  const auto pa = components(a.source);
                  const auto pb = components(b.source);
                  return std::lexicographical_compare(pa.begin(), pa.end(), pb.begin(), pb.end());
              });
}

std::string attributes_json(const json::Object& attributes) {
    std::string out;
    json::Writer w(out);
    w.begin_object();
    for (const auto& [key, value] : attributes) {
        w.key(key).value(value);
    }
    w.end_object();
    return out;
}

// A document as the batch stage reads it: its source, its entities, and one item whose
// paragraphs (one per stored paragraph with speakers) carry the speakers.
Document rebuilt(const StoredDocument& stored, const std::vector<StoredEntity>& entities,
                 const std::vector<StoredSpeaker>& speakers, std::vector<std::string>& paragraphs) {
    Document doc;
    doc.source.path = stored.path;
    doc.source.identity = stored.source;
    for (const auto& e : entities) {
        json::Value attributes = json::parse(e.attributes);
        doc.entities.push_back(
            Entity{e.entity, e.type, e.name, std::move(attributes.as_object()), {}});
    }
    Item item;
    paragraphs.clear();
    for (const auto& s : speakers) {
        if (paragraphs.empty() || paragraphs.back() != s.paragraph) {
            paragraphs.push_back(s.paragraph);
            item.paragraphs.emplace_back();
        }
        item.paragraphs.back().speakers.push_back(Speaker{s.entity, s.name, std::nullopt});
    }
    doc.items.push_back(std::move(item));
    return doc;
}

struct LinkCounts {
    std::size_t documents = 0;
    std::size_t entities_changed = 0;
    std::size_t speakers_changed = 0;
};

// Writes back what the batch stage changed in one document.
void write_changes(LinkStore& store, const std::vector<StoredEntity>& before,
                   const std::vector<std::string>& paragraphs, const Document& before_doc,
                   const Document& after, LinkCounts& counts) {
    for (std::size_t i = 0; i < before.size(); ++i) {
        const Entity& was = before_doc.entities[i];
        const Entity& now = after.entities[i];
        if (now.id != was.id || now.name != was.name || now.attributes != was.attributes) {
            store.change_entity(before[i], now.id, now.name, attributes_json(now.attributes));
            ++counts.entities_changed;
        }
    }
    const auto& was_paragraphs = before_doc.items.front().paragraphs;
    const auto& now_paragraphs = after.items.front().paragraphs;
    for (std::size_t p = 0; p < paragraphs.size(); ++p) {
        for (std::size_t s = 0; s < was_paragraphs[p].speakers.size(); ++s) {
            const std::string& was = was_paragraphs[p].speakers[s].entity;
            const std::string& now = now_paragraphs[p].speakers[s].entity;
            if (now != was) {
                store.change_speaker(paragraphs[p], was, now);
                ++counts.speakers_changed;
            }
        }
    }
}

// The processor whose batch stage links: archive-wide where it has a word for that.
fw::ProcessorInstance linking_processor(const ParsedArgs& a, const fw::PluginRegistry& registry) {
    const auto plugin = registry.find(a.value("processor", "kp.processor.entities"));
    if (plugin->kind() != fw::PluginKind::processor) {
        throw UsageError(plugin->id() + " is not a processor");
    }
    std::map<std::string, std::string> options;
    for (const auto& spec : plugin->description().options) {
        if (spec.name == "link_scope") {
            options["link_scope"] = "archive";
        }
    }
    auto processor = plugin->create_processor(options);
    if (!processor.has_batch_stage()) {
        throw UsageError(plugin->id() + " has no batch stage: nothing to link");
    }
    return processor;
}

LinkCounts link_database(LinkStore& store, fw::ProcessorInstance& processor) {
    LinkCounts counts;
    store.begin();
    store.undo_earlier_links();
    std::vector<StoredDocument> documents = store.documents();
    sort_as_walked(documents);
    std::vector<std::string> paragraphs;
    for (const auto& d : documents) {
        const auto entities = store.entities(d.id);
        const Document before = rebuilt(d, entities, store.speakers(d.id), paragraphs);
        Document after = before;
        processor.process_in_batch(after);
        if (after.entities.size() != before.entities.size() || after.items.size() != 1 ||
            after.items.front().paragraphs.size() != before.items.front().paragraphs.size()) {
            throw Error("link-failed",
                        "the batch stage added or removed entities or paragraphs "
                        "of " +
                            d.path + ": it may only change them");
        }
        write_changes(store, entities, paragraphs, before, after, counts);
        ++counts.documents;
    }
    store.commit();
    return counts;
}

}  // namespace

int link_command(const std::vector<std::string>& args) {
    CommandSpec spec{
        "link",
        "[options] DATABASE",
        "Links the people of every document in DATABASE (a file the sqlite exporter wrote, or "
        "a postgresql:// URL) as one batch over the whole archive would: a person named by "
        "surname only gets the id of the one person of that surname named in full earlier, in "
        "the order `kpproc run` walks the files, and is left apart, with a note, when several "
        "were. The evidence and ambiguity rules are the entities processor's own (its batch "
        "stage). Each changed entity gets linked_by \"archive\" and a link_note; the values "
        "before are kept (tables entity_links and speaker_links), so running it again starts "
        "from the documents as stored and changes nothing, and after new documents arrive it "
        "links them with the rest.",
        "Run it after sharded batches (kpproc run --shard K/N, with entities(link_batch=false)):\n"
        "each shard saw only its own documents. Writers wait while it runs; readers do not.\n"
        "Exit status: 0 linked, 2 usage error or no such database.\n"
        "Example: kpproc link postgresql://kpproc@db/minutes\n",
        {}};
    spec.options.addOption(Poco::Util::Option("processor", "",
                                              "The processor whose batch stage links (default "
                                              "kp.processor.entities).")
                               .argument("ID"));
    spec.options.addOption(Poco::Util::Option("quiet", "q", "Print nothing but errors."));
    add_common_options(spec.options);
    return guarded(spec, args, [&](const ParsedArgs& a) {
        if (a.positional.size() != 1) {
            throw UsageError("give one DATABASE");
        }
        const std::string& database = a.positional.front();
        const fw::PluginRegistry registry = load_plugins(a);
        fw::ProcessorInstance processor = linking_processor(a, registry);
        const auto store = is_postgres_database(database) ? open_postgres_link_store(database)
                                                          : open_sqlite_link_store(database);
        const LinkCounts counts = link_database(*store, processor);
        if (!a.has("quiet")) {
            std::cerr << "kpproc link: " << counts.documents << " documents; "
                      << counts.entities_changed << " entities and " << counts.speakers_changed
                      << " speakers linked or noted across them\n";
        }
        return static_cast<int>(kSuccess);
    });
}

}  // namespace kpproc::cli
