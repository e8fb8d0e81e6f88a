// The exporters. kp.exporter.xml: every seed and fixture, with entities, is valid against the XSD
// (libxml2's schema validator), and reads back to the same words; odd text survives the trip.

#include <catch2/catch.hpp>

#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Nullable.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <pugixml.hpp>

#include <atomic>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include "built_plugins.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/pipeline.hpp"
#include "kpproc/framework/plugin_registry.hpp"
#include "kpproc/text.hpp"
#include "sqlite_schema_history.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
namespace fw = kpproc::framework;

namespace {

const fs::path kSource = KPPROC_SOURCE_DIR;

std::string messages;  // what libxml2's validator said last

void collect(void* /*context*/, const char* format, ...) {
    char buffer[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buffer, sizeof buffer, format, args);
    va_end(args);
    messages += buffer;
}

// Validates `xml` against the XSD; returns the validator's messages ("" when valid).
std::string schema_errors(const std::string& xml) {
    messages.clear();
    xmlSetGenericErrorFunc(nullptr, collect);  // parse errors into `messages`, not stderr
    const std::string xsd = (kSource / "sdk/schema/kpproc-document-v1.xsd").string();
    std::unique_ptr<xmlSchemaParserCtxt, decltype(&xmlSchemaFreeParserCtxt)> parser(
        xmlSchemaNewParserCtxt(xsd.c_str()), xmlSchemaFreeParserCtxt);
    std::unique_ptr<xmlSchema, decltype(&xmlSchemaFree)> schema(xmlSchemaParse(parser.get()),
                                                                xmlSchemaFree);
    REQUIRE(schema != nullptr);
    std::unique_ptr<xmlSchemaValidCtxt, decltype(&xmlSchemaFreeValidCtxt)> validator(
        xmlSchemaNewValidCtxt(schema.get()), xmlSchemaFreeValidCtxt);
    xmlSchemaSetValidErrors(validator.get(), collect, collect, nullptr);
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc(
        xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "output.xml", nullptr,
                      XML_PARSE_NONET),
        xmlFreeDoc);
    if (doc == nullptr) {
        return "not well-formed XML";
    }
    const int result = xmlSchemaValidateDoc(validator.get(), doc.get());
    return result == 0 ? std::string() : messages.empty() ? "invalid" : messages;
}

// Runs `chain` over `inputs` through the batch runner, returning the XML written.
std::string export_xml(const std::string& chain, const std::vector<std::string>& inputs) {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain(chain));
    fw::BatchRunner runner(pipeline, fw::BatchOptions{});
    std::ostringstream out;
    const auto report = runner.run(fw::expand_inputs(inputs).inputs, out);
    REQUIRE(report.failures.empty());
    return out.str();
}

std::vector<kpproc::Document> documents(const std::string& chain,
                                        const std::vector<std::string>& inputs) {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain(chain),
                                fw::Pipeline::ExporterRule::optional);
    auto worker = pipeline.make_worker();
    std::vector<kpproc::Document> out;
    for (const auto& input : fw::expand_inputs(inputs).inputs) {
        out.push_back(worker->run(input.display, fw::read_input(input, 1u << 30)));
    }
    return out;
}

std::string decoded(const pugi::xml_node& n) {
    const std::string value = n.text().get();
    if (std::string(n.attribute("encoding").value()) != "base64") {
        return value;
    }
    static const std::string alphabet =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : value) {
        const auto at = alphabet.find(c);
        if (at == std::string::npos) {
            continue;  // '=' padding
        }
        buffer = (buffer << 6) | static_cast<unsigned>(at);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

}  // namespace

TEST_CASE("XML: every seed and fixture with entities is valid against the XSD and reads back",
          "[xml]") {
    const std::vector<std::string> inputs = {(kSource / "tests/data/seeds").string(),
                                             (kSource / "tests/data/fixtures").string()};
    // Batch linking off: the documents below are processed one by one, without the batch.
    const std::string xml = export_xml("auto ! entities(link_batch=false) ! xml", inputs);
    CHECK(schema_errors(xml).empty());

    const auto expected = documents("auto ! entities(link_batch=false)", inputs);
    pugi::xml_document tree;
    REQUIRE(tree.load_string(xml.c_str()));
    const auto read = tree.child("kpproc").children("document");
    REQUIRE(static_cast<std::size_t>(std::distance(read.begin(), read.end())) == expected.size());
    std::size_t k = 0;
    for (const auto& d : read) {
        const auto& doc = expected[k++];
        INFO(doc.source.path);
        CHECK(decoded(d.child("text")) == doc.text);
        CHECK(std::string(d.child("source").attribute("sha256").value()) == *doc.source.sha256);
        const auto items = d.child("items").children("item");
        REQUIRE(static_cast<std::size_t>(std::distance(items.begin(), items.end())) ==
                doc.items.size());
        std::size_t i = 0;
        for (const auto& item : items) {
            CHECK(decoded(item.child("title")) == doc.items[i].title.value_or(""));
            ++i;
        }
        const auto entities = d.child("entities").children("entity");
        REQUIRE(static_cast<std::size_t>(std::distance(entities.begin(), entities.end())) ==
                doc.entities.size());
        std::size_t e = 0;
        for (const auto& entity : entities) {
            CHECK(std::string(entity.attribute("id").value()) == doc.entities[e].id);
            std::size_t m = 0;
            for (const auto& mention : entity.children("mention")) {
                REQUIRE(m < doc.entities[e].mentions.size());
                CHECK(decoded(mention) == doc.entities[e].mentions[m].text);
                ++m;
            }
            CHECK(m == doc.entities[e].mentions.size());
            ++e;
        }
    }
}

TEST_CASE("XML: quotes, ampersands, newlines, non-BMP and control characters survive", "[xml]") {
    const kpproc::testing::TempDir dir;
    const std::string odd =
        "He said \"no\" & 'yes', <then> left; 1,2,3.\n"
        "Emoji \xF0\x9F\x98\x80 and \xF0\x9D\x94\x98 (non-BMP), \xC2\xA3"
        "5, "
        "a form feed \x0C and a bell \x07 here.\n";
    std::ofstream(dir.path / "odd.txt", std::ios::binary) << odd;
    const std::string xml =
        export_xml("text ! entities ! xml(indent=false)", {(dir.path / "odd.txt").string()});
    CHECK(schema_errors(xml).empty());
    pugi::xml_document tree;
    REQUIRE(tree.load_string(xml.c_str()));
    const auto text = tree.child("kpproc").child("document").child("text");
    CHECK(std::string(text.attribute("encoding").value()) == "base64");
    CHECK(decoded(text) == odd);
    const auto paragraph = tree.child("kpproc")
                               .child("document")
                               .child("items")
                               .child("item")
                               .child("paragraphs")
                               .child("paragraph");
    CHECK_THAT(decoded(paragraph.child("text")), Catch::Contains("\"no\" & 'yes', <then>"));
}

TEST_CASE("XML: the schema refuses what the exporter must not write", "[xml]") {
    const std::string valid =
        "<?xml version=\"1.0\"?><kpproc xmlns=\"https://kpproc.example/schema/kpproc-document-v1\" "
        "version=\"1\"><document><source path=\"a\" bytes=\"1\"/><meeting/><attendance/><items/>"
        "<entities/><text>x</text><diagnostics/></document></kpproc>";
    CHECK(schema_errors(valid).empty());
    std::string no_bytes = valid;
    no_bytes.replace(no_bytes.find(" bytes=\"1\""), 10, "");
    CHECK_FALSE(schema_errors(no_bytes).empty());
    std::string bad_span = valid;
    bad_span.replace(bad_span.find("<text>x</text>"), 14, "<text>x</text>");
    bad_span.replace(bad_span.find("<attendance/>"), 13,
                     "<attendance><attendee span=\"3\"><name>A</name></attendee></attendance>");
    CHECK_FALSE(schema_errors(bad_span).empty());
    CHECK_FALSE(schema_errors("<kpproc").empty());
}

// ---- CSV --------------------------------------------------------------------------------------

namespace {

// RFC 4180 reader: rows of fields; CRLF row ends; quoted fields may hold commas, quotes, CR/LF.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row.push_back(std::move(field));
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(std::move(field));
            field.clear();
            rows.push_back(std::move(row));
            row.clear();
            ++i;
        } else {
            field += c;
        }
    }
    REQUIRE_FALSE(quoted);
    REQUIRE(field.empty());
    REQUIRE(row.empty());
    return rows;
}

std::vector<std::vector<std::string>> csv_table(const fs::path& dir, const std::string& table) {
    return read_csv(kpproc::testing::slurp(dir / (table + ".csv")));
}

}  // namespace

TEST_CASE("CSV: one file per table, in the documented column order, matching the model", "[csv]") {
    const kpproc::testing::TempDir dir;
    const std::vector<std::string> inputs = {(kSource / "tests/data/seeds").string()};
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(),
                                fw::parse_chain("auto ! entities(link_batch=false) ! csv"));
    fw::BatchOptions options;
    options.output = fw::OutputSpec::from_argument((dir.path / "tables").string() + "/");
    std::ostringstream out;
    const auto report =
        fw::BatchRunner(pipeline, options).run(fw::expand_inputs(inputs).inputs, out);
    REQUIRE(report.failures.empty());
    CHECK(out.str().empty());
    const fs::path tables = dir.path / "tables";
    const std::map<std::string, std::vector<std::string>> columns = {
        {"documents",
         {"document", "path", "sha256", "adapter", "body", "title", "date", "time", "venue",
          "contact", "status"}},
        {"items",
         {"document", "item", "number", "ref", "title", "section", "truncated", "title_begin",
          "title_end"}},
        {"paragraphs",
         {"document", "item", "part", "question", "path", "number", "heading", "text", "begin",
          "end", "speakers", "speaker_names"}},
        {"resolutions", {"document", "item", "text", "begin", "end"}},
        {"actions", {"document", "item", "text", "status", "note", "begin", "end", "owner", "due"}},
        {"questions",
         {"document", "item", "question", "number", "text", "asker", "asker_organisation", "begin",
          "end"}},
        {"attendance",
         {"document", "name", "title", "honours", "role", "group", "organisation", "begin", "end"}},
        {"entities", {"document", "entity", "type", "name", "attributes"}},
        {"mentions", {"document", "entity", "text", "begin", "end"}},
        {"pages", {"document", "number", "begin", "end"}},  // only a header: no PDF here
    };
    for (const auto& [table, header] : columns) {
        INFO(table);
        const auto rows = csv_table(tables, table);
        REQUIRE_FALSE(rows.empty());
        CHECK(rows[0] == header);
        for (const auto& row : rows) {
            CHECK(row.size() == header.size());
        }
    }
    // Nothing left behind but the ten tables.
    CHECK(std::distance(fs::directory_iterator(tables), fs::directory_iterator()) == 10);

    const auto docs = documents("auto ! entities(link_batch=false)", inputs);
    std::size_t item_count = 0;
    std::size_t mention_count = 0;
    std::size_t attendee_count = 0;
    for (const auto& d : docs) {
        item_count += d.items.size();
        attendee_count += d.attendance.size();
        for (const auto& e : d.entities) {
            mention_count += e.mentions.size();
        }
    }
    CHECK(csv_table(tables, "items").size() == item_count + 1);
    CHECK(csv_table(tables, "attendance").size() == attendee_count + 1);
    const auto mention_rows = csv_table(tables, "mentions");
    REQUIRE(mention_rows.size() == mention_count + 1);
    // Every mention's words are the text its span covers, read back from the CSV.
    std::map<std::string, const kpproc::Document*> by_path;
    for (const auto& d : docs) {
        by_path[d.source.path] = &d;
    }
    for (std::size_t r = 1; r < mention_rows.size(); ++r) {
        const auto& row = mention_rows[r];
        const auto* d = by_path.at(row[0]);
        const kpproc::Span span{std::stoul(row[3]), std::stoul(row[4])};
        CHECK(d->slice(span) == row[2]);
    }
    // First paragraph of seed 001's item 103 (the Commissioner), with its speaker.
    bool found = false;
    for (const auto& row : csv_table(tables, "paragraphs")) {
        if (row[0].find("001_") != std::string::npos &&
            row[7].rfind("The Commissioner introduced the report", 0) == 0) {
            found = true;
            CHECK(row[10] == "person:scott.m");
            CHECK(row[11] == "M Scott");  // the entity's name, as the minutes give it
        }
    }
    CHECK(found);
    // One row a document, with its meeting: seed 001 is the Kent and Medway panel's.
    const auto document_rows = csv_table(tables, "documents");
    CHECK(document_rows.size() == docs.size() + 1);
    bool seed_001 = false;
    for (const auto& row : document_rows) {
        if (row[0].find("001_") != std::string::npos) {
            seed_001 = true;
            CHECK(row[3] == "kp.adapter.plaintext-minutes");
            CHECK(row[4] == "Kent and Medway Police and Crime Panel");
            CHECK(row[6] == "2023-10-17");
            CHECK(row[2].size() == 64);
        }
    }
    CHECK(seed_001);
}

TEST_CASE("CSV: quotes, commas and non-BMP characters survive, BOM on request", "[csv]") {
    const kpproc::testing::TempDir dir;
    const std::string odd =
        "He said \"no, never\", then left;\r\nover two lines, with \xF0\x9F\x98\x80 and "
        "\xF0\x9D\x94\x98.";
    std::ofstream(dir.path / "odd.txt", std::ios::binary) << odd << "\n";
    for (const bool bom : {false, true}) {
        INFO("bom " << bom);
        const fs::path tables = dir.path / (bom ? "with-bom" : "plain");
        const fw::Pipeline pipeline(
            kpproc::testing::built_plugins(),
            fw::parse_chain(std::string("text ! csv(bom=") + (bom ? "true" : "false") + ")"));
        fw::BatchOptions options;
        options.output = fw::OutputSpec::from_argument(tables.string() + "/");
        std::ostringstream out;
        REQUIRE(fw::BatchRunner(pipeline, options)
                    .run(fw::expand_inputs({(dir.path / "odd.txt").string()}).inputs, out)
                    .failures.empty());
        std::string raw = kpproc::testing::slurp(tables / "paragraphs.csv");
        CHECK((raw.rfind("\xEF\xBB\xBF", 0) == 0) == bom);
        if (bom) {
            raw.erase(0, 3);
        }
        const auto rows = read_csv(raw);
        REQUIRE(rows.size() == 2);
        // The paragraph's text (the model folds its line break) comes back byte for byte.
        const auto docs = documents("text", {(dir.path / "odd.txt").string()});
        CHECK(rows[1][7] == docs[0].items[0].paragraphs[0].text);
        CHECK(rows[1][7] ==
              "He said \"no, never\", then left; over two lines, with "
              "\xF0\x9F\x98\x80 and \xF0\x9D\x94\x98.");
    }
}

TEST_CASE("CSV: without -o DIR/ it is a setup error, and nothing is written", "[csv][errors]") {
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain("auto ! csv"));
    std::ostringstream out;
    CHECK_THROWS_WITH(
        fw::BatchRunner(pipeline, fw::BatchOptions{})
            .run(fw::expand_inputs({(kSource / "tests/data/seeds").string()}).inputs, out),
        Catch::Contains("writes its own output: give -o PATH"));
    CHECK(out.str().empty());
}

TEST_CASE("CSV: a document that fails mid-batch leaves no rows, the others are all there",
          "[csv][errors]") {
    const kpproc::testing::TempDir dir;
    std::ofstream(dir.path / "1.txt") << "First paragraph.\n";
    std::ofstream(dir.path / "2.txt") << "This one says FAIL-HERE.\n";
    std::ofstream(dir.path / "3.txt") << "Third paragraph.\n";
    fw::PluginRegistry registry;
    registry.load_directory(KPPROC_TEST_PLUGIN_DIR);
    registry.load_directory(KPPROC_TEST_ONLY_PLUGIN_DIR);
    const fw::Pipeline pipeline(registry, fw::parse_chain("text ! fail-on-marker ! csv"));
    fw::BatchOptions options;
    options.jobs = 2;
    options.output = fw::OutputSpec::from_argument((dir.path / "tables").string() + "/");
    std::ostringstream out;
    const auto report =
        fw::BatchRunner(pipeline, options).run(fw::expand_inputs({dir.path.string()}).inputs, out);
    REQUIRE(report.failures.size() == 1);
    CHECK_THAT(report.failures[0].input, Catch::EndsWith("2.txt"));
    const auto rows = csv_table(dir.path / "tables", "paragraphs");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1][7] == "First paragraph.");
    CHECK(rows[2][7] == "Third paragraph.");
}

// ---- SQLite ------------------------------------------------------------------------------------

namespace {

// Runs `chain` over `inputs` into the database `db`; returns the batch report.
fw::BatchReport export_sqlite(const std::string& chain, const std::vector<std::string>& inputs,
                              const fs::path& db, const fw::PluginRegistry& registry) {
    const fw::Pipeline pipeline(registry, fw::parse_chain(chain));
    fw::BatchOptions options;
    options.output = fw::OutputSpec::from_argument(db.string());
    std::ostringstream out;
    return fw::BatchRunner(pipeline, options).run(fw::expand_inputs(inputs).inputs, out);
}

Poco::Int64 count(Poco::Data::Session& s, const std::string& sql) {
    Poco::Int64 n = -1;
    s << sql, Poco::Data::Keywords::into(n), Poco::Data::Keywords::now;
    return n;
}

std::size_t paragraphs_in(const std::vector<kpproc::Paragraph>& list, std::size_t& indexed) {
    std::size_t n = 0;
    for (const auto& p : list) {
        ++n;
        indexed += p.heading ? 0 : 1;
        n += paragraphs_in(p.children, indexed);
    }
    return n;
}

}  // namespace

TEST_CASE(
    "SQLite: one database for the batch, normalised, searchable, and re-runs change "
    "nothing",
    "[sqlite]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "minutes.sqlite";
    const std::vector<std::string> inputs = {(kSource / "tests/data/seeds").string()};
    REQUIRE(export_sqlite("auto ! entities(link_batch=false) ! sqlite", inputs, db,
                          kpproc::testing::built_plugins())
                .failures.empty());

    const auto docs = documents("auto ! entities(link_batch=false)", inputs);
    std::size_t items = 0, paragraphs = 0, indexed = 0, mentions = 0, resolutions = 0,
                questions = 0, actions = 0;
    for (const auto& d : docs) {
        items += d.items.size();
        for (const auto& i : d.items) {
            paragraphs +=
                paragraphs_in(i.description, indexed) + paragraphs_in(i.paragraphs, indexed);
            for (const auto& q : i.questions) {
                paragraphs += paragraphs_in(q.answers, indexed);
            }
            resolutions += i.resolutions.size();
            questions += i.questions.size();
            actions += i.actions.size();
        }
        for (const auto& e : d.entities) {
            mentions += e.mentions.size();
        }
    }
    {
        Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
        CHECK(count(s, "SELECT COUNT(*) FROM documents") == 5);
        CHECK(count(s, "SELECT COUNT(*) FROM items") == static_cast<Poco::Int64>(items));
        CHECK(count(s, "SELECT COUNT(*) FROM paragraphs") == static_cast<Poco::Int64>(paragraphs));
        CHECK(count(s, "SELECT COUNT(*) FROM mentions") == static_cast<Poco::Int64>(mentions));
        CHECK(count(s, "SELECT COUNT(*) FROM search") ==
              static_cast<Poco::Int64>(indexed + resolutions + questions + actions));
        CHECK(count(s, "SELECT version FROM schema_version") == 8);
        // The batch found the database empty: it built the indexes of the tables below
        // documents at its end, and every one of them is there.
        CHECK(count(s, kpproc::testing::sqlite_missing_indexes_query()) == 0);
        CHECK(count(s,
                    "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'index' AND sql IS NOT "
                    "NULL") == static_cast<Poco::Int64>(kpproc::testing::kSqliteIndexes.size()));
        CHECK(count(s, "SELECT COUNT(*) FROM deferred_indexes") == 0);
        std::string journal;
        s << "PRAGMA journal_mode", Poco::Data::Keywords::into(journal), Poco::Data::Keywords::now;
        CHECK(journal == "wal");
        CHECK(count(s, "PRAGMA page_size") == 16384);  // a new database's
        CHECK(count(s, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
        // Full-text search finds the words, and the row leads back to its document.
        CHECK(count(s, "SELECT COUNT(*) FROM search WHERE search MATCH 'county lines'") >= 3);
        CHECK(count(s,
                    "SELECT COUNT(*) FROM search JOIN documents d ON d.id = "
                    "search.document_id WHERE search MATCH 'Operation' AND d.path LIKE "
                    "'%002_%'") >= 1);
    }
    // The same inputs again: nothing changes.
    std::vector<Poco::Int64> before;
    // Each table's row count and highest id, as one number.
    const std::vector<std::string> tables = {"documents", "items",  "paragraphs", "mentions",
                                             "entities",  "search", "speakers"};
    const auto count_and_last = [](const std::string& table) {
        const std::string id = table == "mentions" ? "entity_id" : "rowid";  // a view
        return "SELECT COUNT(*) || '' || COALESCE(MAX(" + id + "), 0) FROM " + table;
    };
    {
        Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
        for (const auto& t : tables) {
            before.push_back(count(s, count_and_last(t)));
        }
    }
    REQUIRE(export_sqlite("auto ! entities(link_batch=false) ! sqlite", inputs, db,
                          kpproc::testing::built_plugins())
                .failures.empty());
    Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
    for (std::size_t t = 0; t < tables.size(); ++t) {
        INFO(tables[t]);
        CHECK(count(s, count_and_last(tables[t])) == before[t]);
    }
}

TEST_CASE("SQLite: a changed document replaces its rows, a failing one leaves none",
          "[sqlite][errors]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    const fs::path in = dir.path / "in";  // the inputs, apart from the database
    fs::create_directories(in);
    std::ofstream(in / "a.txt") << "Cllr Ann Smith asked about Maidstone.\n";
    std::ofstream(in / "b.txt") << "This one says FAIL-HERE.\n";
    std::ofstream(in / "c.txt") << "Mr Bob Jones spoke about Dover.\n";
    fw::PluginRegistry registry;
    registry.load_directory(KPPROC_TEST_PLUGIN_DIR);
    registry.load_directory(KPPROC_TEST_ONLY_PLUGIN_DIR);
    const std::string chain = "text ! fail-on-marker ! entities ! sqlite";
    const auto first = export_sqlite(chain, {in.string()}, db, registry);
    REQUIRE(first.failures.size() == 1);
    {
        Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
        CHECK(count(s, "SELECT COUNT(*) FROM documents") == 2);
        CHECK(count(s, "SELECT COUNT(*) FROM documents WHERE path LIKE '%b.txt'") == 0);
        CHECK(count(s, "SELECT COUNT(*) FROM search WHERE search MATCH 'Maidstone'") == 1);
    }
    std::ofstream(in / "a.txt") << "Cllr Ann Smith asked about Folkestone instead.\n";
    const auto second = export_sqlite(chain, {in.string()}, db, registry);
    CHECK(second.failures.size() == 1);
    Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
    CHECK(count(s, "SELECT COUNT(*) FROM documents") == 2);
    CHECK(count(s, "SELECT COUNT(*) FROM search WHERE search MATCH 'Maidstone'") == 0);
    CHECK(count(s, "SELECT COUNT(*) FROM search WHERE search MATCH 'Folkestone'") == 1);
    CHECK(count(s, "SELECT COUNT(*) FROM entities WHERE name = 'Maidstone'") == 0);
    CHECK(count(s, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
}

TEST_CASE("SQLite: a database with pages of another size keeps them, and takes documents",
          "[sqlite]") {
    // New databases get 16 KiB pages; one made before, or by hand, keeps its 4 KiB ones (WAL
    // mode fixes the size), and the batch's checkpoints are sized for them.
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    {
        Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
        s << "PRAGMA page_size = 4096", Poco::Data::Keywords::now;
        std::string journal;
        s << "PRAGMA journal_mode = WAL", Poco::Data::Keywords::into(journal),
            Poco::Data::Keywords::now;
        REQUIRE(journal == "wal");
    }
    REQUIRE(export_sqlite("auto ! entities ! sqlite", {(kSource / "tests/data/seeds").string()}, db,
                          kpproc::testing::built_plugins())
                .failures.empty());
    Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
    CHECK(count(s, "PRAGMA page_size") == 4096);
    CHECK(count(s, "SELECT COUNT(*) FROM documents") == 5);
    CHECK(count(s, "SELECT COUNT(*) FROM search WHERE search MATCH 'county lines'") >= 3);
    std::string integrity;
    s << "PRAGMA integrity_check", Poco::Data::Keywords::into(integrity), Poco::Data::Keywords::now;
    CHECK(integrity == "ok");
}

TEST_CASE("SQLite: a database from a newer kpproc is refused, untouched", "[sqlite][errors]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    const std::vector<std::string> seed = {
        (kSource / "tests/data/seeds/004_4794919378d12ec7.txt").string()};
    REQUIRE(export_sqlite("auto ! sqlite", seed, db, kpproc::testing::built_plugins())
                .failures.empty());
    {
        Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
        s << "UPDATE schema_version SET version = 99", Poco::Data::Keywords::now;
    }
    CHECK_THROWS_WITH(export_sqlite("auto ! sqlite", {(kSource / "tests/data/seeds").string()}, db,
                                    kpproc::testing::built_plugins()),
                      Catch::Contains("db.sqlite") && Catch::Contains("schema version 99"));
    Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
    CHECK(count(s, "SELECT COUNT(*) FROM documents") == 1);
}

TEST_CASE("SQLite: readers keep reading while a batch writes (WAL)", "[sqlite]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    REQUIRE(export_sqlite("auto ! sqlite",
                          {(kSource / "tests/data/seeds/004_4794919378d12ec7.txt").string()}, db,
                          kpproc::testing::built_plugins())
                .failures.empty());
    // A reader in the middle of a read transaction, as a search would be.
    Poco::Data::Session reader(Poco::Data::SQLite::Connector::KEY, db.string());
    reader << "BEGIN", Poco::Data::Keywords::now;
    CHECK(count(reader, "SELECT COUNT(*) FROM documents") == 1);
    // The batch writes meanwhile: it is not blocked, and the reader keeps its snapshot.
    CHECK(export_sqlite("auto ! sqlite", {(kSource / "tests/data/seeds").string()}, db,
                        kpproc::testing::built_plugins())
              .failures.empty());
    CHECK(count(reader, "SELECT COUNT(*) FROM documents") == 1);
    reader << "COMMIT", Poco::Data::Keywords::now;
    CHECK(count(reader, "SELECT COUNT(*) FROM documents") == 5);
}

TEST_CASE("CSV: line breaks inside a field survive (a document built by hand)", "[csv]") {
    // The shipped adapters fold line breaks out of every field, so this document is made here.
    kpproc::Document doc;
    doc.source.path = "hand-made";
    doc.text = "A,\"quoted\"\r\nline\nbreak \xF0\x9F\x98\x80";
    kpproc::Item item;
    item.title = "Title with a\nbreak, a comma and \"quotes\"";
    kpproc::Paragraph p;
    p.text = doc.text;
    p.span = kpproc::Span{0, doc.text.size()};
    item.paragraphs.push_back(p);
    doc.items.push_back(item);
    doc.pages.push_back(kpproc::Page{1, kpproc::Span{0, doc.text.size()}});
    const kpproc::testing::TempDir dir;
    const auto plugin = kpproc::testing::built_plugins().find("csv");
    auto exporter = plugin->create_exporter();
    std::ostringstream out;
    exporter.begin(kpproc::ExportTarget{(dir.path / "tables").string(), 1}, out);
    exporter.write(doc, out);
    exporter.end(out);
    const auto items = csv_table(dir.path / "tables", "items");
    REQUIRE(items.size() == 2);
    CHECK(items[1][4] == *item.title);
    const auto paragraphs = csv_table(dir.path / "tables", "paragraphs");
    REQUIRE(paragraphs.size() == 2);
    CHECK(paragraphs[1][7] == doc.text);
    // write() writes every table (it once left the last, pages, out).
    const auto pages = csv_table(dir.path / "tables", "pages");
    REQUIRE(pages.size() == 2);
    CHECK(pages[1] ==
          std::vector<std::string>{"hand-made", "1", "0", std::to_string(doc.text.size())});
    CHECK(csv_table(dir.path / "tables", "documents").size() == 2);
}

// ---- Issue 11: the export in two halves (ABI 1.3) ---------------------------------------------

TEST_CASE("Each exporter's prepared output is exactly what write() gives", "[exporters][prepare]") {
    const auto docs = documents("auto ! entities", {(kSource / "tests/data/seeds").string()});
    REQUIRE(docs.size() >= 5);
    for (const char* id : {"json", "xml"}) {
        for (const std::size_t count : {std::size_t{1}, std::size_t{3}}) {
            INFO(id << " for " << count << " documents");
            const auto plugin = kpproc::testing::built_plugins().find(id);
            auto direct = plugin->create_exporter();
            auto preparer = plugin->create_exporter();
            auto writer = plugin->create_exporter();
            const kpproc::ExportTarget target{"-", count};
            std::ostringstream expected;
            std::ostringstream got;
            direct.begin(target, expected);
            writer.begin(target, got);
            for (std::size_t i = 0; i < count; ++i) {
                direct.write(docs[i], expected);
                std::string prepared;
                REQUIRE(preparer.prepare(docs[i], target, prepared));
                writer.write_prepared(docs[i], prepared, got);
            }
            direct.end(expected);
            writer.end(got);
            CHECK(got.str() == expected.str());
        }
    }
}

TEST_CASE("Outputs are the same with one worker or several, for every exporter",
          "[exporters][prepare][jobs]") {
    const std::string seeds = (kSource / "tests/data/seeds").string();
    const auto run = [&](const std::string& chain, unsigned jobs, const fs::path& out) {
        const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain(chain));
        fw::BatchOptions options;
        options.jobs = jobs;
        options.output = fw::OutputSpec::from_argument(out.string());
        std::ostringstream ignored;
        const auto report =
            fw::BatchRunner(pipeline, options).run(fw::expand_inputs({seeds}).inputs, ignored);
        CHECK(report.failures.empty());
        CHECK(report.succeeded == 5);
    };
    const kpproc::testing::TempDir dir;
    for (const char* chain : {"auto ! entities ! json", "auto ! entities ! xml(indent=false)"}) {
        INFO(chain);
        run(chain, 1, dir.path / "one.out");
        run(chain, 3, dir.path / "three.out");
        CHECK(kpproc::testing::slurp(dir.path / "one.out") ==
              kpproc::testing::slurp(dir.path / "three.out"));
    }
    run("auto ! entities ! csv", 1, dir.path / "csv-one/");
    run("auto ! entities ! csv", 3, dir.path / "csv-three/");
    for (const char* table : {"items.csv", "paragraphs.csv", "entities.csv", "mentions.csv"}) {
        INFO(table);
        const std::string one = kpproc::testing::slurp(dir.path / "csv-one" / table);
        CHECK(one.size() > 100);
        CHECK(one == kpproc::testing::slurp(dir.path / "csv-three" / table));
    }
}

namespace {

// Gives a list's inputs one at a time and counts those taken, for a look from another thread.
class CountingSource final : public fw::InputSource {
public:
    explicit CountingSource(std::vector<fw::Input> inputs) : inputs_(std::move(inputs)) {}
    std::optional<fw::Input> next() override {
        const std::size_t i = taken_;
        if (i == inputs_.size()) {
            return std::nullopt;
        }
        taken_ = i + 1;
        return inputs_[i];
    }
    std::size_t taken() const { return taken_; }

private:
    std::vector<fw::Input> inputs_;
    std::atomic<std::size_t> taken_{0};
};

// Runs `count` files of `text` through `text ! json` with two workers, and holds up the write
// of the first (its progress event, on the writing worker) until `expected` inputs have been
// taken, or 30 s have passed, and then `settle` more: how many were taken by then.
std::size_t taken_while_the_first_write_waits(const std::string& text, std::size_t count,
                                              std::size_t expected,
                                              std::chrono::milliseconds settle) {
    const kpproc::testing::TempDir dir;
    fs::create_directories(dir.path / "in");
    for (std::size_t i = 0; i < count; ++i) {
        std::ofstream(dir.path / "in" / ("doc-" + std::to_string(1000 + i) + ".txt")) << text;
    }
    const fw::Pipeline pipeline(kpproc::testing::built_plugins(), fw::parse_chain("text ! json"));
    fw::BatchOptions options;
    options.jobs = 2;
    options.output = fw::OutputSpec::from_argument((dir.path / "out.json").string());
    CountingSource source(fw::expand_inputs({(dir.path / "in").string()}).inputs);
    std::size_t taken = 0;
    fw::BatchEvents events;
    events.on_progress = [&](const fw::BatchProgress& progress) {
        if (progress.done != 1) {
            return;
        }
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        while (source.taken() < expected && std::chrono::steady_clock::now() < give_up) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        std::this_thread::sleep_for(settle);
        taken = source.taken();
    };
    std::ostringstream ignored;
    const auto report = fw::BatchRunner(pipeline, options).run(source, count, ignored, events);
    CHECK(report.failures.empty());
    CHECK(report.succeeded == count);
    return taken;
}

}  // namespace

TEST_CASE("While the writer is held up the other workers run ahead, within a bounded window",
          "[batch][jobs]") {
    // A database exporter commits a group of documents at a time: the worker writing is held
    // up for tens of milliseconds, and the others must not stop for it. 16 documents a worker
    // may be in flight, the first included; beyond 4 a worker only while their bytes stay
    // under 8 MiB a worker, so that large documents do not pile up in memory.
    const std::string seed =
        kpproc::testing::slurp(kSource / "tests/data/seeds/001_78dbf443e4e88d81.txt");
    SECTION("small documents fill the whole window") {
        CHECK(taken_while_the_first_write_waits(seed, 60, 32, std::chrono::milliseconds(500)) ==
              32);
    }
    SECTION("large ones stop at 4 a worker") {
        std::string large;
        while (large.size() < (5u << 19)) {  // 2.5 MiB: 7 of them pass 2 x 8 MiB
            large += seed + "\n\n";
        }
        CHECK(taken_while_the_first_write_waits(large, 12, 8, std::chrono::seconds(2)) == 8);
    }
}

// ---- SQLite: group commit, search maintenance, migration 3 -> 4, notices, is_stored ----------

namespace {

void execute(const fs::path& db, const std::vector<std::string>& statements) {
    Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
    for (const auto& sql : statements) {
        s << sql, Poco::Data::Keywords::now;
    }
}

Poco::Int64 count(const fs::path& db, const std::string& sql) {
    Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
    return count(s, sql);
}

std::string text_of(const fs::path& db, const std::string& sql) {
    Poco::Data::Session s(Poco::Data::SQLite::Connector::KEY, db.string());
    Poco::Nullable<std::string> value;
    s << sql, Poco::Data::Keywords::into(value), Poco::Data::Keywords::now;
    return value.isNull() ? std::string("NULL") : value.value();
}

// The full-text index holds exactly the passages there are (FTS5's own check of its index
// against the passages it reads them from), and no row lacks its parent.
void check_search_index(const fs::path& db) {
    CHECK_NOTHROW(execute(db, {"INSERT INTO search (search, rank) VALUES ('integrity-check', 1)"}));
    CHECK(count(db, "SELECT COUNT(*) FROM pragma_foreign_key_check") == 0);
}

// A document made here, keyed by `name`: one item, one paragraph per entry of `paragraphs`.
kpproc::Document hand_document(const std::string& name,
                               const std::vector<std::string>& paragraphs) {
    kpproc::Document doc;
    doc.source.path = name;
    doc.source.identity = "/hand-made/" + name;
    kpproc::Item item;
    item.title = "Item of " + name;
    for (const auto& words : paragraphs) {
        // Each paragraph's first word is a person, mentioned there: person:alpha, "Alpha".
        const std::string first = words.substr(0, words.find(' '));
        kpproc::Entity person{
            .id = "person:" + kpproc::text::to_lower_ascii(first),
            .type = "PERSON",
            .name = first,
            .attributes = {},
            .mentions = {
                {.text = first, .span = {doc.text.size(), doc.text.size() + first.size()}}}};
        doc.entities.push_back(person);
        doc.text += words + "\n";
        kpproc::Paragraph p;
        p.text = words;
        item.paragraphs.push_back(p);
    }
    doc.items.push_back(item);
    // Not a real SHA-256, but a digest-shaped key that changes with the text.
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016zx", std::hash<std::string>{}(doc.text));
    doc.source.sha256 = std::string(hex) + std::string(hex) + std::string(hex) + std::string(hex);
    return doc;
}

// A database with the exporter's schema and nothing in it, for a test to set traps in.
void make_schema(const fw::Plugin& plugin, const fs::path& db) {
    std::ostringstream out;
    auto schema_only = plugin.create_exporter();
    schema_only.begin(kpproc::ExportTarget{db.string(), 0}, out);
    schema_only.end(out);
}

std::vector<std::string> codes_of(const std::vector<kpproc::ExportNotice>& notices) {
    std::vector<std::string> codes;
    for (const auto& n : notices) {
        codes.push_back(n.code);
        CHECK((n.code == "replaced") != n.message.empty());  // only "replaced" is printed
    }
    return codes;
}

// A batch's notices, counted by code (the host counts them; "unchanged" documents are left out
// before they are read, as the exporter's is_stored() says).
using Counts = std::map<std::string, std::size_t>;
Counts codes_of(const fw::BatchReport& report) {
    return report.notice_counts;
}

}  // namespace

TEST_CASE("SQLite: a replaced document's search rows go, and no other document's",
          "[sqlite][search]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    const fs::path in = dir.path / "in";
    fs::create_directories(in);
    std::ofstream(in / "a.txt") << "Alpha spoke about Maidstone.\n\nAlpha spoke again.\n";
    std::ofstream(in / "b.txt") << "Bravo spoke about Dover.\n\nBravo spoke again.\n";
    std::ofstream(in / "c.txt") << "Charlie spoke about Folkestone.\n";
    const auto& plugins = kpproc::testing::built_plugins();
    REQUIRE(export_sqlite("text ! sqlite", {in.string()}, db, plugins).failures.empty());
    const auto rows_of = [&](const char* name) {
        return text_of(db, std::string("SELECT group_concat(s.rowid || ':' || s.text, '|') FROM "
                                       "search s JOIN documents d ON d.id = s.document_id "
                                       "WHERE d.path LIKE '%") +
                               name + "'");
    };
    const std::string a_before = rows_of("a.txt");
    const std::string c_before = rows_of("c.txt");
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Dover'") == 1);
    check_search_index(db);

    std::ofstream(in / "b.txt") << "Bravo now spoke about Canterbury.\n";
    const auto second = export_sqlite("text ! sqlite", {in.string()}, db, plugins);
    REQUIRE(second.failures.empty());
    CHECK(codes_of(second) == Counts{{"unchanged", 2}, {"replaced", 1}});
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Dover'") == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Bravo'") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Canterbury'") == 1);
    CHECK(rows_of("a.txt") == a_before);
    CHECK(rows_of("c.txt") == c_before);
    CHECK(count(db, "SELECT COUNT(*) FROM documents") == 3);
    CHECK(count(db, "SELECT COUNT(*) FROM paragraphs WHERE text LIKE '%Dover%'") == 0);
    check_search_index(db);
}

TEST_CASE(
    "SQLite: a failing document in the middle of a group stores its neighbours and nothing "
    "of it",
    "[sqlite][errors]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    const auto plugin = kpproc::testing::built_plugins().find("sqlite");
    std::ostringstream out;
    make_schema(*plugin, db);
    // The database itself refuses one paragraph: the write fails inside SQLite, half-way
    // through the document (its documents and items rows are in by then).
    execute(db, {"CREATE TRIGGER refuse BEFORE INSERT ON paragraphs WHEN NEW.text LIKE "
                 "'%REFUSE%' BEGIN SELECT RAISE(ABORT, 'refused by the test trigger'); END"});
    auto exporter = plugin->create_exporter();
    exporter.begin(kpproc::ExportTarget{db.string(), 3}, out);
    exporter.write(hand_document("a", {"Alpha about Maidstone.", "More of Alpha."}), out);
    CHECK(codes_of(exporter.take_notices()) == std::vector<std::string>{"new"});
    CHECK_THROWS_WITH(
        exporter.write(hand_document("b", {"Bravo about Dover.", "Then REFUSE this."}), out),
        Catch::Contains("refused by the test trigger") && Catch::Contains("db.sqlite"));
    exporter.write(hand_document("c", {"Charlie about Folkestone."}), out);
    CHECK(codes_of(exporter.take_notices()) == std::vector<std::string>{"new"});
    exporter.end(out);

    CHECK(count(db, "SELECT COUNT(*) FROM documents") == 2);
    CHECK(count(db, "SELECT COUNT(*) FROM documents WHERE path = 'b'") == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM items") == 2);
    CHECK(count(db, "SELECT COUNT(*) FROM paragraphs") == 3);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Dover'") == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Maidstone'") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Folkestone'") == 1);
    // b's entities were held for the group's commit: they went with b, a's and c's did not.
    CHECK(text_of(db,
                  "SELECT group_concat(d.path || ':' || e.entity, ' ') FROM (SELECT * FROM "
                  "entities ORDER BY entity) AS e JOIN documents AS d ON d.id = e.document_id") ==
          "a:person:alpha c:person:charlie a:person:more");
    check_search_index(db);
}

TEST_CASE("SQLite: a group whose commit fails says how many documents were not stored",
          "[sqlite][errors]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    const auto plugin = kpproc::testing::built_plugins().find("sqlite");
    std::ostringstream out;
    make_schema(*plugin, db);
    // A deferred foreign key broken by one document: every write succeeds, COMMIT fails.
    execute(db, {"CREATE TABLE trap (document INTEGER REFERENCES documents(id) DEFERRABLE "
                 "INITIALLY DEFERRED)",
                 "CREATE TRIGGER spring AFTER INSERT ON documents WHEN NEW.text LIKE '%TRAP%' "
                 "BEGIN INSERT INTO trap VALUES (-1); END"});
    SECTION("at the end of the batch") {
        auto exporter = plugin->create_exporter();
        exporter.begin(kpproc::ExportTarget{db.string(), 3}, out);
        exporter.write(hand_document("a", {"Alpha."}), out);
        exporter.write(hand_document("b", {"Bravo sets the TRAP."}), out);
        exporter.write(hand_document("c", {"Charlie."}), out);
        CHECK_THROWS_WITH(exporter.end(out),
                          Catch::Contains("the last 3 documents of the batch were not stored"));
    }
    SECTION("in the middle: the document whose write commits the group fails") {
        auto exporter = plugin->create_exporter();
        const kpproc::ExportTarget target{db.string(), 3};
        // More text than a group holds: its write commits the group. Made and rendered before
        // the group opens, so that a slow build (sanitizers) cannot reach the group's age
        // limit first, which commits before the document rather than after it.
        const auto c = hand_document("c", {"Charlie " + std::string(5 << 20, 'x')});
        std::string c_rows;
        REQUIRE(exporter.prepare(c, target, c_rows));
        exporter.begin(target, out);
        exporter.write(hand_document("a", {"Alpha."}), out);
        exporter.write(hand_document("b", {"Bravo sets the TRAP."}), out);
        CHECK_THROWS_WITH(
            exporter.write_prepared(c, c_rows, out),
            Catch::Contains("the 2 earlier documents of its group were not stored, nor was this"));
        exporter.write(hand_document("d", {"Delta."}), out);  // a new group
        exporter.end(out);
        CHECK(count(db, "SELECT COUNT(*) FROM documents WHERE path = 'd'") == 1);
    }
    CHECK(count(db, "SELECT COUNT(*) FROM documents WHERE path IN ('a', 'b', 'c')") == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Alpha OR Bravo'") == 0);
}

TEST_CASE("SQLite: a source replaced within one group keeps only its last version's rows",
          "[sqlite]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    const auto plugin = kpproc::testing::built_plugins().find("sqlite");
    std::ostringstream out;
    {
        auto first = plugin->create_exporter();
        first.begin(kpproc::ExportTarget{db.string(), 1}, out);
        first.write(hand_document("a", {"Alpha spoke of Maidstone."}), out);
        first.end(out);
    }
    // One batch, one group: a's new versions follow each other before anything is committed,
    // the first replacing the committed version, the second the one not yet committed.
    auto exporter = plugin->create_exporter();
    exporter.begin(kpproc::ExportTarget{db.string(), 3}, out);
    exporter.write(hand_document("a", {"Alpha spoke of Dartford."}), out);
    exporter.write(hand_document("b", {"Bravo spoke of Dover."}), out);
    exporter.write(hand_document("a", {"Alpha spoke of Gravesend.", "And of Ashford."}), out);
    exporter.end(out);
    CHECK(count(db, "SELECT COUNT(*) FROM documents") == 2);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Maidstone OR Dartford'") == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Gravesend OR Ashford'") == 2);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Dover'") == 1);
    // The entities of a's versions in between, held for the commit, went with them.
    CHECK(text_of(db,
                  "SELECT group_concat(d.path || ':' || m.text, ' ') FROM entities AS e "
                  "JOIN mentions AS m ON m.entity_id = e.id JOIN documents AS d ON d.id = "
                  "e.document_id ORDER BY e.entity") == "a:Alpha a:And b:Bravo");
    check_search_index(db);
}

TEST_CASE(
    "SQLite: a group's entities are numbered in the order of their keys, each with its "
    "document and mentions",
    "[sqlite]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    const auto plugin = kpproc::testing::built_plugins().find("sqlite");
    std::ostringstream out;
    for (const auto& batch : std::vector<std::vector<std::string>>{{"x", "y"}, {"z"}}) {
        auto exporter = plugin->create_exporter();
        exporter.begin(kpproc::ExportTarget{db.string(), batch.size()}, out);
        for (const auto& name : batch) {
            const auto doc = name == "x"   ? hand_document(name, {"Zulu first.", "Mike second."})
                             : name == "y" ? hand_document(name, {"Alpha third.", "Zulu again."})
                                           : hand_document(name, {"Bravo fourth."});
            exporter.write(doc, out);
        }
        exporter.end(out);
    }
    // The first batch's group: its entities by key, then the second batch's after them.
    CHECK(text_of(db,
                  "SELECT group_concat(e.id || '=' || d.path || ':' || e.entity, ' ') FROM "
                  "(SELECT * FROM entities ORDER BY id) AS e JOIN documents AS d ON d.id = "
                  "e.document_id") ==
          "1=y:person:alpha 2=x:person:mike 3=x:person:zulu 4=y:person:zulu 5=z:person:bravo");
    // Each mention where its document's text has it.
    CHECK(text_of(db,
                  "SELECT group_concat(m.text || '@' || substr(d.text, m.span_begin + 1, "
                  "m.span_end - m.span_begin), ' ') FROM (SELECT * FROM entities ORDER BY id) "
                  "AS e JOIN mentions AS m ON m.entity_id = e.id JOIN documents AS d ON d.id "
                  "= e.document_id") == "Alpha@Alpha Mike@Mike Zulu@Zulu Zulu@Zulu Bravo@Bravo");
    CHECK(count(db,
                "SELECT COUNT(*) FROM entities INDEXED BY entities_entity WHERE entity = "
                "'person:zulu'") == 2);
}

TEST_CASE("SQLite: a database of schema version 3 migrates, its search rows kept",
          "[sqlite][migration]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    const fs::path in = dir.path / "in";
    fs::create_directories(in);
    std::ofstream(in / "a.txt") << "Alpha spoke about Maidstone.\n\nAlpha spoke of Dartford.\n";
    std::ofstream(in / "b.txt") << "Bravo spoke about Dover.\n";
    std::ofstream(in / "c.txt") << "Charlie spoke about Folkestone.\n\nCharlie again.\n";
    const auto& plugins = kpproc::testing::built_plugins();
    REQUIRE(export_sqlite("text ! sqlite", {in.string()}, db, plugins).failures.empty());
    // Back to version 3: version 5's changes and 4's indexes and columns go. And a's first
    // search row moves past the others, as no exporter wrote it but a hand-edited database
    // may hold it: a's rows are no longer one contiguous range.
    execute(db, kpproc::testing::sqlite_schema_back_to_4());
    execute(db, {"DROP INDEX documents_source_sha256", "DROP INDEX paragraphs_parent",
                 "DROP INDEX paragraphs_question", "DROP INDEX decisions_item",
                 "DROP INDEX item_documents_item", "DROP INDEX events_item",
                 "ALTER TABLE documents DROP COLUMN search_first",
                 "ALTER TABLE documents DROP COLUMN search_last",
                 "UPDATE schema_version SET version = 3",
                 "CREATE TEMP TABLE moved AS SELECT rowid + 1000 AS rowid, text, kind, row_id, "
                 "document_id FROM search WHERE rowid = (SELECT MIN(s.rowid) FROM search s JOIN "
                 "documents d ON d.id = s.document_id WHERE d.path LIKE '%a.txt')",
                 "DELETE FROM search WHERE rowid = (SELECT rowid - 1000 FROM temp.moved)",
                 "INSERT INTO search (rowid, text, kind, row_id, document_id) SELECT * FROM "
                 "temp.moved"});
    const auto searches = [&] {
        return std::vector<Poco::Int64>{
            count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Maidstone'"),
            count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Dartford'"),
            count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Dover'"),
            count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Charlie'")};
    };
    const auto before = searches();
    CHECK(before == std::vector<Poco::Int64>{1, 1, 1, 2});
    const auto rows_before = count(db, "SELECT COUNT(*) FROM search");

    std::ofstream(in / "d.txt") << "Delta spoke about Ashford.\n";
    const auto migrated = export_sqlite("text ! sqlite", {in.string()}, db, plugins);
    REQUIRE(migrated.failures.empty());
    CHECK(codes_of(migrated) == Counts{{"unchanged", 3}, {"new", 1}});
    CHECK(count(db, "SELECT version FROM schema_version") == 8);
    CHECK(count(db, kpproc::testing::sqlite_missing_indexes_query()) == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM documents") == 4);
    CHECK(count(db, "SELECT COUNT(*) FROM search") == rows_before + 1);
    CHECK(searches() == before);
    check_search_index(db);

    // A replacement deletes the migrated rows.
    std::ofstream(in / "a.txt") << "Alpha now spoke about Gravesend.\n";
    REQUIRE(export_sqlite("text ! sqlite", {in.string()}, db, plugins).failures.empty());
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Maidstone OR Dartford'") == 0);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Gravesend'") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Dover'") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM search WHERE search MATCH 'Charlie'") == 2);
    check_search_index(db);
}

TEST_CASE("SQLite: a database of schema version 4 migrates, its mentions kept as JSON",
          "[sqlite][migration]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    const auto& plugins = kpproc::testing::built_plugins();
    const std::string seeds = (kSource / "tests/data/seeds").string();
    // A sixth document: the same bytes as a seed, under another name.
    const fs::path extra = dir.path / "extra.txt";
    fs::copy_file(kSource / "tests/data/seeds/000_722b17af0df403e7.txt", extra);
    REQUIRE(export_sqlite("auto ! entities ! sqlite", {seeds}, db, plugins).failures.empty());
    // Every mention, in order, as one text: what the migration must keep.
    const std::string all_mentions =
        "SELECT group_concat(entity_id || ':' || text || ':' || span_begin || '-' || span_end, "
        "'|') FROM (SELECT * FROM mentions ORDER BY entity_id, span_begin, span_end, text)";
    const std::string before = text_of(db, all_mentions);
    const Poco::Int64 mentions = count(db, "SELECT COUNT(*) FROM mentions");
    REQUIRE(mentions > 100);
    // Hits of a few searches, in the documents whose path ends with `name`.
    const auto searches = [&](const std::string& name) {
        const std::string in =
            " AND document_id IN (SELECT id FROM documents WHERE path LIKE '%" + name + "')";
        std::vector<Poco::Int64> hits;
        for (const char* where : {"search MATCH 'council'", "search MATCH 'Operation'",
                                  "search MATCH 'police OR crime'", "kind = 'resolution'"}) {
            hits.push_back(
                count(db, std::string("SELECT COUNT(*) FROM search WHERE ") + where + in));
        }
        return hits;
    };
    const auto found = searches("");
    execute(db, {"PRAGMA foreign_keys = OFF"});
    execute(db, kpproc::testing::sqlite_schema_back_to_4());
    REQUIRE(count(db,
                  "SELECT COUNT(*) FROM sqlite_master WHERE name = 'mentions' AND type = "
                  "'table'") == 1);
    REQUIRE(text_of(db, all_mentions) == before);

    const auto migrated =
        export_sqlite("auto ! entities ! sqlite", {seeds, extra.string()}, db, plugins);
    REQUIRE(migrated.failures.empty());
    CHECK(codes_of(migrated) == Counts{{"unchanged", 5}, {"new", 1}});
    CHECK(count(db, "SELECT version FROM schema_version") == 8);
    CHECK(count(db,
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'mentions' AND type = "
                "'view'") == 1);
    CHECK(count(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'entities_type_name'") == 0);
    // Version 6: the paragraphs' sparse indexes hold only the paragraphs with a parent or a
    // question, and still answer a lookup by either.
    CHECK(count(db,
                "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('paragraphs_parent', "
                "'paragraphs_question') AND sql LIKE '%WHERE % IS NOT NULL'") == 2);
    // (INDEXED BY fails the query when the index cannot answer it.)
    CHECK(count(db,
                "SELECT COUNT(*) FROM paragraphs INDEXED BY paragraphs_parent WHERE "
                "parent_id IS NOT NULL") ==
          count(db, "SELECT COUNT(*) FROM paragraphs WHERE parent_id IS NOT NULL"));
    CHECK_NOTHROW(count(db,
                        "SELECT COUNT(*) FROM paragraphs INDEXED BY paragraphs_parent WHERE "
                        "parent_id = 3"));
    CHECK_NOTHROW(count(db,
                        "SELECT COUNT(*) FROM paragraphs INDEXED BY paragraphs_question "
                        "WHERE question_id = 3"));
    // The old documents' mentions, as they were; the new one's, from its JSON.
    CHECK(text_of(db,
                  "SELECT group_concat(entity_id || ':' || text || ':' || span_begin || '-' "
                  "|| span_end, '|') FROM (SELECT m.* FROM mentions m JOIN entities e ON "
                  "e.id = m.entity_id JOIN documents d ON d.id = e.document_id WHERE d.path "
                  "NOT LIKE '%extra.txt' ORDER BY m.entity_id, m.span_begin, m.span_end, "
                  "m.text)") == before);
    const auto mentions_of = [&](const std::string& name) {
        return count(db,
                     "SELECT COUNT(*) FROM mentions m JOIN entities e ON e.id = m.entity_id "
                     "JOIN documents d ON d.id = e.document_id WHERE d.path LIKE '%" +
                         name + "'");
    };
    CHECK(mentions_of("extra.txt") == mentions_of("000_722b17af0df403e7.txt"));
    CHECK(count(db, "SELECT COUNT(*) FROM mentions") == mentions + mentions_of("extra.txt"));
    CHECK(count(db, "SELECT COUNT(*) FROM entities WHERE json_valid(mentions) = 0") == 0);
    // The index, built again from the passages under their new ids, finds what it found,
    // and the new document's passages once more.
    const auto copied = searches("000_722b17af0df403e7.txt");
    CHECK(copied == searches("extra.txt"));
    CHECK(copied[2] > 0);
    const auto now_found = searches("");
    for (std::size_t i = 0; i < found.size(); ++i) {
        CHECK(now_found[i] == found[i] + copied[i]);
    }
    CHECK(count(db,
                "SELECT COUNT(*) FROM search s JOIN paragraphs p ON p.id = s.row_id WHERE "
                "s.kind = 'paragraph' AND p.text <> s.text") == 0);
    check_search_index(db);
}

TEST_CASE(
    "SQLite: is_stored answers for the database as begin() found it, and an unchanged "
    "document needs no database work",
    "[sqlite]") {
    Poco::Data::SQLite::Connector::registerConnector();
    const kpproc::testing::TempDir dir;
    const fs::path db = dir.path / "db.sqlite";
    const fs::path in = dir.path / "in";
    fs::create_directories(in);
    std::ofstream(in / "a.txt") << "Alpha spoke about Maidstone.\n";
    std::ofstream(in / "b.txt") << "Bravo spoke about Dover.\n";
    const auto& plugins = kpproc::testing::built_plugins();
    const auto first = export_sqlite("text ! sqlite", {in.string()}, db, plugins);
    REQUIRE(first.failures.empty());
    CHECK(codes_of(first) == Counts{{"new", 2}});
    const std::string a = fw::source_identity(in / "a.txt");
    const std::string a_sha = text_of(db, "SELECT sha256 FROM documents WHERE path LIKE '%a.txt'");
    const std::string b = fw::source_identity(in / "b.txt");
    const std::string b_sha = text_of(db, "SELECT sha256 FROM documents WHERE path LIKE '%b.txt'");
    REQUIRE(a_sha.size() == 64);

    // Another connection holds the write lock: only a write that needs the database waits.
    Poco::Data::Session other(Poco::Data::SQLite::Connector::KEY, db.string());
    other << "BEGIN IMMEDIATE", Poco::Data::Keywords::now;
    auto exporter = plugins.find("sqlite")->create_exporter({{"timeout", "0"}});
    std::ostringstream out;
    exporter.begin(kpproc::ExportTarget{db.string(), 2}, out);
    CHECK(exporter.is_stored(a, a_sha));
    CHECK(exporter.is_stored(b, b_sha));
    CHECK_FALSE(exporter.is_stored(a, b_sha));
    CHECK_FALSE(exporter.is_stored(in.string() + "/elsewhere.txt", a_sha));
    CHECK_FALSE(exporter.is_stored(a, ""));

    // The same bytes again: answered from memory, so the lock is no obstacle.
    auto doc = hand_document("a.txt", {"Alpha spoke about Maidstone."});
    doc.source.identity = a;
    doc.source.sha256 = a_sha;
    exporter.write(doc, out);
    CHECK(codes_of(exporter.take_notices()) == std::vector<std::string>{"unchanged"});
    // New bytes need the write lock, and fail after the timeout (0 s) as it is held.
    CHECK_THROWS_WITH(exporter.write(hand_document("c.txt", {"Charlie."}), out),
                      Catch::Contains("locked by another writer"));
    other << "COMMIT", Poco::Data::Keywords::now;
    exporter.write(hand_document("d.txt", {"Delta."}), out);
    CHECK(codes_of(exporter.take_notices()) == std::vector<std::string>{"new"});
    // Fixed at begin(): what this batch stored is not among it.
    CHECK_FALSE(
        exporter.is_stored("/hand-made/d.txt", *hand_document("d.txt", {"Delta."}).source.sha256));
    exporter.end(out);
    CHECK(count(db, "SELECT COUNT(*) FROM documents") == 3);
}
