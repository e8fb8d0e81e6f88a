// kp.exporter.xml: every seed and fixture, with entities, is valid against the published XSD
// (libxml2's schema validator), and reads back to the same words; odd text survives the trip.

#include <catch2/catch.hpp>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include <pugixml.hpp>

#include <cstdarg>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include "built_plugins.hpp"
#include "kpproc/framework/batch.hpp"
#include "kpproc/framework/chain.hpp"
#include "kpproc/framework/pipeline.hpp"
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
