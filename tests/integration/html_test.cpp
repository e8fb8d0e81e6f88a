// kp.exporter.html: each meeting as a page a person reads. Run through the plugin author's kit,
// as a third party would test an exporter. (The pages' HTML is validated by tidy in
// html_valid.sh; their accessibility in a browser by the browser tests.)

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <set>

#include "built_plugins.hpp"
#include "kpproc/testing.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::Document;
using kpproc::testing::PluginUnderTest;
using kpproc::testing::slurp;

namespace {

const fs::path kSource = KPPROC_SOURCE_DIR;

PluginUnderTest& plugin(const std::string& id) {
    static std::map<std::string, PluginUnderTest> loaded;
    auto found = loaded.find(id);
    if (found == loaded.end()) {
        found =
            loaded.emplace(id, PluginUnderTest(kpproc::testing::built_plugins().find(id)->path()))
                .first;
    }
    return found->second;
}

// A seed through `auto`'s adapter and the entities processor, as `kpproc run` reads it.
Document processed_seed(const std::string& name, const std::string& adapter) {
    Document doc = plugin(adapter).parse_file(kSource / "tests/data/seeds" / name, name);
    plugin("kp.processor.entities").process(doc);
    return doc;
}

std::string page_of(const std::vector<Document>& docs) {
    return plugin("kp.exporter.html").export_documents(docs);
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

// Every in-page link ("#x") leads to an element of the page with that id, and no id is used
// twice.
void check_links(const std::string& page) {
    std::set<std::string> ids;
    const std::regex id_attribute(R"re(\bid="([^"]+)")re");
    for (std::sregex_iterator it(page.begin(), page.end(), id_attribute), end; it != end; ++it) {
        INFO("id " << (*it)[1]);
        CHECK(ids.insert((*it)[1]).second);
    }
    const std::regex link(R"re(href="#([^"]+)")re");
    std::size_t links = 0;
    for (std::sregex_iterator it(page.begin(), page.end(), link), end; it != end; ++it) {
        INFO("link to #" << (*it)[1]);
        CHECK(ids.count((*it)[1]) == 1);
        ++links;
    }
    CHECK(links > 0);
}

}  // namespace

TEST_CASE("HTML: a meeting is one self-contained page, every link leading somewhere", "[html]") {
    const Document doc = processed_seed("001_78dbf443e4e88d81.txt", "kp.adapter.plaintext-minutes");
    const std::string page = page_of({doc});
    CHECK_THAT(page, Catch::StartsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">"));
    CHECK_THAT(page, Catch::Contains(
                         "<title>Kent and Medway Police and Crime Panel, 17 October 2023</title>"));
    CHECK(count(page, "<h1") == 1);
    CHECK(count(page, "<main>") == 1);
    // It loads nothing: no address, no script, no image or style sheet from elsewhere.
    for (const char* outside : {"http://", "https://", "<script", " src=", "<link"}) {
        INFO(outside);
        CHECK(page.find(outside) == std::string::npos);
    }
    // Unknown is left out, never printed; and an exported page links nowhere beyond itself.
    CHECK(page.find("null") == std::string::npos);
    CHECK(page.find("class=\"elsewhere\"") == std::string::npos);
    CHECK(page.find("<dt>Time</dt>") == std::string::npos);
    check_links(page);
}

TEST_CASE("HTML: attendance in its groups, items with resolutions set apart", "[html]") {
    const Document doc = processed_seed("001_78dbf443e4e88d81.txt", "kp.adapter.plaintext-minutes");
    const std::string page = page_of({doc});
    const auto present = page.find("<h3>Present</h3>");
    const auto also = page.find("<h3>Also present</h3>");
    const auto attendance = page.find("<h3>In attendance</h3>");
    REQUIRE(present != std::string::npos);
    CHECK(present < also);
    CHECK(also < attendance);
    CHECK_THAT(page, Catch::Contains("<li>Mr <span class=\"name\">P M Hill</span> OBE <span "
                                     "class=\"role\">(Chairman)</span></li>"));
    CHECK(count(page, "<section class=\"item\"") == doc.items.size());
    std::size_t resolutions = 0;
    for (const auto& item : doc.items) {
        resolutions += item.resolutions.size();
    }
    CHECK(resolutions > 0);
    CHECK(count(page, "<div class=\"resolution\">") == resolutions);
}

TEST_CASE("HTML: entities are marked in the text, their value and holder shown on focus",
          "[html]") {
    const Document doc = processed_seed("001_78dbf443e4e88d81.txt", "kp.adapter.plaintext-minutes");
    const std::string page = page_of({doc});
    // The words of the minutes, linked to the entity's entry, its type and value after them.
    CHECK_THAT(page, Catch::Contains("<a class=\"entity t-person\" "
                                     "href=\"#meeting-e-person_3ameade_2ej\">Mr Meade<span "
                                     "class=\"tip\"> (person: J Meade)</span></a> declared"));
    CHECK_THAT(page,
               Catch::Contains("<span class=\"tip\"> (role: Chair, held by P M Hill)</span>"));
    // Speakers in the margin, each a link to their entry.
    CHECK_THAT(page, Catch::Contains("<aside class=\"speakers\" aria-label=\"Who spoke\"><a "
                                     "href=\"#meeting-e-person_3ameade_2ej\">J Meade</a></aside>"));
    CHECK_THAT(page, Catch::Contains("<li id=\"meeting-e-person_3ameade_2ej\"><span "
                                     "class=\"name\">J Meade</span>"));
}

TEST_CASE("HTML: what the source said is escaped, never markup", "[html]") {
    Document doc;
    doc.source.path = "a&b.txt";
    doc.text = "<script>alert('x')</script> & \"quoted\"";
    doc.meeting.body = "Panel <b>bold</b>";
    kpproc::Item item;
    item.title = "Item <img src=x onerror=alert(1)>";
    kpproc::Paragraph p;
    p.text = doc.text;
    p.span = kpproc::Span{0, doc.text.size()};
    item.paragraphs.push_back(p);
    doc.items.push_back(item);
    const std::string page = page_of({doc});
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<b>") == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK_THAT(page, Catch::Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
                                     "&quot;quoted&quot;"));
    CHECK_THAT(page,
               Catch::Contains("<h1 id=\"meeting-title\">Panel &lt;b&gt;bold&lt;/b&gt;</h1>"));
}

TEST_CASE("HTML: a batch in one output is one page, the meetings indexed", "[html]") {
    const std::vector<Document> docs = {
        processed_seed("001_78dbf443e4e88d81.txt", "kp.adapter.plaintext-minutes"),
        processed_seed("002_0fc11edd1836f853.txt", "kp.adapter.governance-notes"),
        processed_seed("000_722b17af0df403e7.txt", "kp.adapter.moderngov")};
    const std::string page = page_of(docs);
    CHECK(count(page, "<!DOCTYPE html>") == 1);
    CHECK(count(page, "<article class=\"meeting\"") == 3);
    CHECK(count(page, "<h1") == 3);  // one for each meeting's article
    CHECK_THAT(page, Catch::Contains("<nav class=\"index\""));
    CHECK_THAT(page, Catch::Contains(">Kent and Medway Police and Crime Panel, 17 October "
                                     "2023</a></li>"));
    // Each meeting's ids are its own: links from one never lead into another.
    check_links(page);
}

TEST_CASE("HTML: a paged source's page numbers show where the text moves on", "[html]") {
    Document doc;
    doc.source.path = "minutes.pdf";
    doc.text = "First page words.\nSecond page words.";
    doc.pages = {{1, kpproc::Span{0, 18}}, {2, kpproc::Span{18, doc.text.size()}}};
    kpproc::Item item;
    item.title = "Item";
    for (const kpproc::Span span : {kpproc::Span{0, 17}, kpproc::Span{18, doc.text.size()}}) {
        kpproc::Paragraph p;
        p.text = std::string(doc.slice(span));
        p.span = span;
        item.paragraphs.push_back(p);
    }
    doc.items.push_back(item);
    REQUIRE(kpproc::check_invariants(doc).empty());
    const std::string page = page_of({doc});
    CHECK_THAT(page, Catch::Contains("<p><span class=\"page\">p. 1</span> First page words.</p>"));
    CHECK_THAT(page, Catch::Contains("<p><span class=\"page\">p. 2</span> Second page words.</p>"));
}
