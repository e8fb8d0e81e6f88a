// kp.adapter.pdf, run as a user runs it, on the PDFs tests/data/pdf/make_pdfs.py makes (the
// "pdf: make the test PDFs" fixture): what a council's printed minutes hold comes out, pages
// and all, and every PDF that cannot be read says why.

#include <sys/resource.h>

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "kpproc/json.hpp"
#include "kpproc/model.hpp"
#include "kpproc/model_json.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using kpproc::testing::ProcessResult;
using kpproc::testing::run_process;
using kpproc::testing::TempDir;

namespace {

const fs::path kPdfs = KPPROC_PDF_DIR;

// Peak memory (KB) a PDF run stays under. AddressSanitizer keeps freed memory aside (its
// quarantine, 256 MB) and shadows the rest: under it, only a far looser bound means anything.
#if defined(__SANITIZE_ADDRESS__)
constexpr long kMostPeakKb = 1024 * 1024;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr long kMostPeakKb = 1024 * 1024;
#else
constexpr long kMostPeakKb = 150 * 1024;
#endif
#else
constexpr long kMostPeakKb = 150 * 1024;
#endif

ProcessResult kpproc_run(const std::vector<std::string>& args) {
    std::vector<std::string> all = {"run", "--no-isolate", "--plugin-path", KPPROC_TEST_PLUGIN_DIR};
    all.insert(all.end(), args.begin(), args.end());
    return run_process(KPPROC_BINARY, all);
}

// The document kpproc makes of `pdf` with `chain` (ending in json), which must succeed.
kpproc::Document read_pdf(const fs::path& pdf, const std::string& chain = "pdf ! json") {
    const TempDir dir;
    const fs::path out = dir.path / "out.json";
    const ProcessResult r = kpproc_run({"-q", "--chain", chain, "-o", out.string(), pdf.string()});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return kpproc::document_from_json(kpproc::testing::slurp(out));
}

std::size_t count_of(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++n;
    }
    return n;
}

std::string page_text(const kpproc::Document& doc, std::uint32_t number) {
    return std::string(doc.slice(doc.pages.at(number - 1).span));
}

}  // namespace

TEST_CASE("pdf: printed minutes come out without their page furniture, whole across pages",
          "[pdf]") {
    const auto doc = read_pdf(kPdfs / "council-minutes.pdf");
    CHECK(doc.source.media_type == "application/pdf");
    CHECK(doc.source.adapter == "kp.adapter.pdf");
    // The running header stays once (where the record names its meeting), the footers go.
    CHECK(count_of(doc.text, "Ashcombe District Council - Licensing Committee") == 1);
    CHECK(count_of(doc.text, "Page ") == 0);
    // A word hyphenated at a line's end is whole; a paragraph cut by the page end goes on.
    CHECK(count_of(doc.text, "the recommendation\nwould keep") == 1);
    CHECK(count_of(doc.text, "recommen-") == 0);
    CHECK(count_of(doc.text, "Saturdays\nduring the summer months") == 1);
    CHECK(count_of(doc.text, "Twenty-three") == 1);  // a hyphen inside a line is the word's
    // The attendance columns side by side, each name read.
    std::vector<std::string> present;
    for (const auto& a : doc.attendance) {
        if (a.group == "present") {
            present.push_back(a.name + (a.role ? " (" + *a.role + ")" : ""));
        }
    }
    CHECK(present == std::vector<std::string>{"A Whitfield (Chair)", "D Marsh (Vice-Chair)",
                                              "B Okafor", "E Fairbairn", "C Lindqvist",
                                              "F Quayle"});
    CHECK(doc.meeting.body == "Licensing Committee");
    CHECK(doc.meeting.date == "2024-03-12");
    CHECK(doc.meeting.time == "19:00");
}

TEST_CASE("pdf: each item's number, title, resolutions and page", "[pdf]") {
    const auto doc = read_pdf(kPdfs / "council-minutes.pdf");
    struct Expected {
        const char* number;
        const char* title;
        std::size_t resolutions;
        std::uint32_t page;
    };
    const std::vector<Expected> expected = {
        {"1", "Apologies for Absence", 0, 1},
        {"2", "Declarations of Interest", 0, 1},
        {"3", "Minutes of the Previous Meeting", 1, 1},
        {"4", "Review of the Street Trading Policy", 1, 1},
        {"5", "Actions from Previous Meetings", 0, 2},
        {"6", "Date of Next Meeting", 1, 2},
    };
    REQUIRE(doc.items.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& item = doc.items[i];
        INFO("item " << expected[i].number);
        CHECK(item.number == expected[i].number);
        CHECK(item.title == expected[i].title);
        CHECK(item.resolutions.size() == expected[i].resolutions);
        REQUIRE(item.title_span);
        CHECK(doc.page_at(item.title_span->begin) == expected[i].page);
    }
    // The table of actions: a row each, its owner and status from their columns.
    REQUIRE(doc.items[4].actions.size() == 2);
    CHECK(doc.items[4].actions[0].text == "Publish the consultation responses");
    CHECK(doc.items[4].actions[0].owner == "G Tennant");
    CHECK(doc.items[4].actions[0].status == "complete");
    CHECK(doc.items[4].actions[1].text == "Report on taxi rank provision");
    CHECK(doc.items[4].actions[1].owner == "H Ibbotson");
    CHECK(doc.items[4].actions[1].status == "in progress");
    // Item 4's resolution has both its parts, though the page broke before it.
    CHECK(doc.items[3].resolutions.front().text.find("(b) the fee for a seasonal consent") !=
          std::string::npos);
}

TEST_CASE("pdf: the pages are recorded, each a span of the text, in JSON, XML and the schema",
          "[pdf]") {
    const auto doc = read_pdf(kPdfs / "council-minutes.pdf");
    REQUIRE(doc.pages.size() == 2);
    CHECK(doc.pages[0].number == 1);
    CHECK(doc.pages[1].number == 2);
    CHECK(doc.pages[0].span.begin == 0);
    CHECK(doc.pages[0].span.end <= doc.pages[1].span.begin);
    CHECK(page_text(doc, 1).starts_with("Ashcombe District Council - Licensing Committee"));
    CHECK(page_text(doc, 1).ends_with("should apply on Fridays and Saturdays"));
    CHECK(page_text(doc, 2).starts_with("during the summer months"));
    CHECK(page_text(doc, 2).ends_with("Chair"));
    CHECK(doc.page_at(doc.pages[1].span.begin) == 2u);
    CHECK(doc.page_at(doc.pages[1].span.begin - 1) == 1u);

    const TempDir dir;
    const fs::path xml = dir.path / "out.xml";
    const auto r = kpproc_run({"-q", "--chain", "pdf ! xml", "-o", xml.string(),
                               (kPdfs / "council-minutes.pdf").string()});
    REQUIRE(r.status == 0);
    const std::string written = kpproc::testing::slurp(xml);
    CHECK(written.find("<page number=\"2\" span=\"" + std::to_string(doc.pages[1].span.begin)) !=
          std::string::npos);
    const auto valid = run_process("xmllint", {"--noout", "--schema", KPPROC_XSD, xml.string()});
    INFO(valid.err);
    CHECK(valid.status == 0);
}

TEST_CASE("pdf: a PDF reads as its text does: the same items from pdftotext -layout's output",
          "[pdf]") {
    const TempDir dir;
    const fs::path text = dir.path / "council-minutes.txt";
    const auto converted = run_process(
        "pdftotext", {"-layout", (kPdfs / "council-minutes.pdf").string(), text.string()});
    REQUIRE(converted.status == 0);
    const auto from_pdf = read_pdf(kPdfs / "council-minutes.pdf");
    const auto from_text = read_pdf(text, "plaintext-minutes ! json");
    REQUIRE(from_pdf.items.size() == from_text.items.size());
    for (std::size_t i = 0; i < from_pdf.items.size(); ++i) {
        CHECK(from_pdf.items[i].number == from_text.items[i].number);
        CHECK(from_pdf.items[i].title == from_text.items[i].title);
        CHECK(from_pdf.items[i].resolutions.size() == from_text.items[i].resolutions.size());
    }
    CHECK(from_pdf.attendance.size() == from_text.attendance.size());
    CHECK(from_pdf.meeting == from_text.meeting);
}

TEST_CASE("pdf: every PDF that cannot be read fails with its reason, and the batch goes on",
          "[pdf][errors]") {
    struct Refused {
        const char* file;
        const char* reason;
    };
    const std::vector<Refused> refused = {
        {"encrypted-user-password.pdf",
         "encrypted with a password needed to open it; give it as pdf(password=…)"},
        {"scanned.pdf", "no text layer: the PDF is scanned images; OCR is not supported"},
        {"garbled.pdf", "text layer does not decode to words: only 0 % of its characters"},
        {"garbled-letters.pdf", "its letters spell no English words"},
        {"truncated.pdf", "the PDF is damaged or truncated"},
    };
    const TempDir dir;
    std::vector<std::string> args = {"--chain", "pdf ! json", "-o", (dir.path / "out/").string(),
                                     (kPdfs / "council-minutes.pdf").string()};
    for (const auto& r : refused) {
        args.push_back((kPdfs / r.file).string());
    }
    const auto r = kpproc_run(args);
    INFO(r.err);
    CHECK(r.status == 1);
    for (const auto& x : refused) {
        CHECK(r.err.find(std::string(x.file) + ": pdf: parse failed: ") != std::string::npos);
        CHECK(r.err.find(x.reason) != std::string::npos);
    }
    CHECK(fs::exists(dir.path / "out" / "council-minutes.json"));
    CHECK(std::distance(fs::directory_iterator(dir.path / "out"), fs::directory_iterator{}) == 1);
}

TEST_CASE("pdf: an encrypted PDF opens with its password, or with none when it needs none",
          "[pdf]") {
    const auto opened =
        read_pdf(kPdfs / "encrypted-user-password.pdf", "pdf(password=open-sesame) ! json");
    CHECK(opened.items.size() == 2);
    const auto wrong = kpproc_run({"--chain", "pdf(password=guess) ! json", "-o", "/dev/null",
                                   (kPdfs / "encrypted-user-password.pdf").string()});
    CHECK(wrong.status == 1);
    CHECK(wrong.err.find("the password given does not open it") != std::string::npos);
    const auto owner_only = read_pdf(kPdfs / "encrypted-no-user-password.pdf");
    CHECK(owner_only.items.size() == 2);
    REQUIRE(!owner_only.diagnostics.empty());
    CHECK(owner_only.diagnostics.front().code == "encrypted");
    CHECK(owner_only.diagnostics.front().message.find("no password needed to open it") !=
          std::string::npos);
}

TEST_CASE("pdf: 2,000 pages are read whole, in bounded memory", "[pdf]") {
    const auto doc = read_pdf(kPdfs / "long-2000-pages.pdf");
    CHECK(doc.pages.size() == 2000);
    REQUIRE(doc.items.size() == 2000);
    CHECK(doc.items.back().number == "24/2000");
    REQUIRE(doc.items.back().title_span);
    CHECK(doc.page_at(doc.items.back().title_span->begin) == 2000u);
    struct rusage usage {};
    REQUIRE(getrusage(RUSAGE_CHILDREN, &usage) == 0);
    // The text is half a megabyte (35 MB at peak in a release build, against 25 MB for two
    // pages): nowhere near a copy of it per page.
    CHECK(usage.ru_maxrss < kMostPeakKb);
}

TEST_CASE("pdf: detection on the %PDF- header, saying what the first pages look like", "[pdf]") {
    const auto r = run_process(KPPROC_BINARY, {"detect", "--plugin-path", KPPROC_TEST_PLUGIN_DIR,
                                               (kPdfs / "council-minutes.pdf").string()});
    INFO(r.out << r.err);
    CHECK(r.status == 0);
    CHECK(r.out.find("kp.adapter.pdf (0.95) a PDF (1.3): a heading naming the record") !=
          std::string::npos);
    // Any adapter's auto choice for a PDF is this one; the text adapters refuse its bytes.
    const auto doc = read_pdf(kPdfs / "council-minutes.pdf", "auto ! json");
    CHECK(doc.source.adapter == "kp.adapter.pdf");
}

TEST_CASE("pdf: the plugin states its GPL licence, kpproc's own plugins are MIT", "[pdf]") {
    const auto pdf = run_process(
        KPPROC_BINARY, {"inspect", "--plugin-path", KPPROC_TEST_PLUGIN_DIR, "kp.adapter.pdf"});
    CHECK(pdf.status == 0);
    CHECK(pdf.out.find("licence:      GPL-2.0-or-later") != std::string::npos);
    const auto json = run_process(
        KPPROC_BINARY, {"inspect", "--plugin-path", KPPROC_TEST_PLUGIN_DIR, "kp.exporter.json"});
    CHECK(json.out.find("licence:      kpproc's own (MIT)") != std::string::npos);
}

TEST_CASE("pdf: the pages go into the sqlite and csv exports, and search hits give their page",
          "[pdf]") {
    const TempDir dir;
    const fs::path db = dir.path / "minutes.sqlite";
    const std::string pdf = (kPdfs / "council-minutes.pdf").string();
    REQUIRE(kpproc_run({"-q", "--chain", "pdf ! sqlite", "-o", db.string(), pdf}).status == 0);
    const auto doc = read_pdf(kPdfs / "council-minutes.pdf");

    const auto hits = run_process(KPPROC_BINARY, {"search", "--json", db.string(),
                                                  "\"next meeting be held\" OR \"Twenty-three\""});
    INFO(hits.out << hits.err);
    REQUIRE(hits.status == 0);
    const auto found = kpproc::json::parse(hits.out).as_array();
    REQUIRE(found.size() == 2);
    for (const auto& hit : found) {
        const std::string& item = hit.find("item_number")->as_string();
        CHECK(hit.find("page")->as_int() == (item == "6" ? 2 : 1));
    }
    const auto text = run_process(KPPROC_BINARY, {"search", db.string(), "\"next meeting\""});
    CHECK(text.out.find("council-minutes.pdf, page 2\n") != std::string::npos);

    const fs::path tables = dir.path / "tables/";
    REQUIRE(kpproc_run({"-q", "--chain", "pdf ! csv", "-o", tables.string(), pdf}).status == 0);
    const std::string pages = kpproc::testing::slurp(tables / "pages.csv");
    const std::string key = fs::absolute(pdf).string();
    CHECK(pages == "document,number,begin,end\r\n" + key + ",1,0," +
                       std::to_string(doc.pages[0].span.end) + "\r\n" + key + ",2," +
                       std::to_string(doc.pages[1].span.begin) + "," +
                       std::to_string(doc.pages[1].span.end) + "\r\n");
}

TEST_CASE("pdf: bombs (objects nested 200,000 deep, a stream inflating to 256 MB) fail cleanly",
          "[pdf][errors]") {
    // Neither holds any text: each is refused as such, without a crash, in bounded memory (the
    // test's time limit bounds the time).
    const auto r =
        kpproc_run({"--chain", "pdf ! json", "-o", "/dev/null",
                    (kPdfs / "bomb-nested.pdf").string(), (kPdfs / "bomb-stream.pdf").string()});
    INFO(r.err);
    CHECK(r.status == 1);
    for (const char* file : {"bomb-nested.pdf", "bomb-stream.pdf"}) {
        CHECK(r.err.find(std::string(file) + ": pdf: parse failed: no text layer") !=
              std::string::npos);
    }
    struct rusage usage {};
    REQUIRE(getrusage(RUSAGE_CHILDREN, &usage) == 0);
    CHECK(usage.ru_maxrss < kMostPeakKb);  // far below the 256 MB the stream inflates to
}

TEST_CASE("pdf: the council minutes PDF parses to its reviewed golden JSON", "[pdf][golden]") {
    // As tests/golden/regenerate.sh makes it: named by its path in the tree, the bytes and
    // digest left out (they are reportlab's, not kpproc's).
    const fs::path golden = fs::path(KPPROC_SOURCE_DIR) / "tests/golden/pdf/council-minutes.json";
    const TempDir dir;
    const fs::path out = dir.path / "out.json";
    const auto r = run_process(
        KPPROC_BINARY,
        {"run", "-q", "--no-isolate", "--plugin-path", KPPROC_TEST_PLUGIN_DIR, "--chain",
         "pdf ! json", "--name", "tests/data/pdf/council-minutes.pdf", "-o", out.string(), "-"},
        (kPdfs / "council-minutes.pdf").string());
    REQUIRE(r.status == 0);
    auto doc = kpproc::document_from_json(kpproc::testing::slurp(out));
    doc.source.sha256.reset();
    doc.source.bytes = 0;
    const auto expected = kpproc::document_from_json(kpproc::testing::slurp(golden));
    CHECK(doc.text == expected.text);
    CHECK(doc.items == expected.items);
    CHECK(doc.attendance == expected.attendance);
    CHECK(doc.pages == expected.pages);
    CHECK(doc == expected);  // and everything else (regenerate.sh, then review the diff)
}

TEST_CASE("pdf: minutes printed in two columns are read column by column", "[pdf]") {
    const auto doc = read_pdf(kPdfs / "two-columns.pdf");
    REQUIRE(doc.items.size() == 4);
    CHECK(doc.items[1].title == "Village Hall Roof");
    REQUIRE(doc.items[1].paragraphs.size() == 1);
    CHECK(doc.items[1].paragraphs[0].text ==
          "The Clerk reported that three quotations had been received for the repair of the "
          "village hall roof, the lowest from a firm in the next parish.");
    REQUIRE(doc.items[1].resolutions.size() == 1);
    CHECK(doc.items[2].title == "Footpaths");
    REQUIRE(doc.items[2].paragraphs.size() == 1);
    CHECK(doc.items[2].paragraphs[0].text.ends_with("the lane would be cut in the autumn."));
    CHECK(doc.items[3].paragraphs.at(0).text ==
          "The next meeting will be held on Monday 9 September 2024 in the village hall at "
          "7.30 pm.");
}

TEST_CASE("pdf: poppler is loaded only when a PDF is read", "[pdf]") {
    // The dynamic linker says which libraries it loads (LD_DEBUG=files, on standard error).
    const std::vector<std::string> args = {
        "run",         "--no-isolate", "--plugin-path", KPPROC_TEST_PLUGIN_DIR, "-q", "--chain",
        "auto ! json", "-o",           "/dev/null"};
    auto text_args = args;
    text_args.push_back(std::string(KPPROC_SOURCE_DIR) +
                        "/examples/data/pcp-minutes-2023-10-17.txt");
    const auto text = run_process(KPPROC_BINARY, text_args, "/dev/null", "LD_DEBUG=files");
    REQUIRE(text.status == 0);
    CHECK(text.err.find("kp-adapter-pdf.so") != std::string::npos);  // the plugin, to describe it
    CHECK(text.err.find("libpoppler") == std::string::npos);
    auto pdf_args = args;
    pdf_args.push_back((kPdfs / "council-minutes.pdf").string());
    const auto pdf = run_process(KPPROC_BINARY, pdf_args, "/dev/null", "LD_DEBUG=files");
    REQUIRE(pdf.status == 0);
    CHECK(pdf.err.find("libpoppler-cpp") != std::string::npos);
}

TEST_CASE("pdf: a plugin copied without its reader library fails each PDF clearly",
          "[pdf][errors]") {
    const TempDir dir;
    fs::copy_file(fs::path(KPPROC_TEST_PLUGIN_DIR) / "kp-adapter-pdf.so",
                  dir.path / "kp-adapter-pdf.so");
    fs::copy_file(fs::path(KPPROC_TEST_PLUGIN_DIR) / "kp-exporter-json.so",
                  dir.path / "kp-exporter-json.so");
    const auto r = run_process(
        KPPROC_BINARY, {"run", "--no-isolate", "--plugin-path", dir.path.string(), "--chain",
                        "pdf ! json", "-o", "/dev/null", (kPdfs / "council-minutes.pdf").string(),
                        (kPdfs / "two-columns.pdf").string()});
    INFO(r.err);
    CHECK(r.status == 1);
    CHECK(r.err.find("council-minutes.pdf: pdf: parse failed: cannot load the PDF reader " +
                     (dir.path / "pdf" / "kp-pdf-poppler.so").string()) != std::string::npos);
    CHECK(r.err.find("two-columns.pdf: pdf: parse failed: cannot load the PDF reader") !=
          std::string::npos);
    // Detection still knows a PDF; reading it is what fails.
    const auto detected = run_process(KPPROC_BINARY, {"detect", "--plugin-path", dir.path.string(),
                                                      (kPdfs / "council-minutes.pdf").string()});
    INFO(detected.out << detected.err);
    CHECK(detected.out.find("kp.adapter.pdf (0.90) a PDF (1.3)") != std::string::npos);
}

TEST_CASE("pdf: a scanned page among pages of text is named in a warning, the rest read", "[pdf]") {
    const auto doc = read_pdf(kPdfs / "part-scanned.pdf");
    REQUIRE(doc.items.size() == 2);
    CHECK(doc.page_at(doc.items[1].title_span->begin) == 3u);
    REQUIRE(doc.diagnostics.size() == 1);
    CHECK(doc.diagnostics[0].code == "pages-without-text");
    CHECK(doc.diagnostics[0].message == "pages without text (scanned, or only pictures): 2");
}
