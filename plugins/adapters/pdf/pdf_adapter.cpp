// kp.adapter.pdf — minutes, agendas and notes published as PDF, read with poppler's C++ API
// (libpoppler-cpp, GPL-2.0-or-later: this plugin is licensed so, see README.md beside it).
// poppler itself is in a reader library loaded at the first PDF (pdf_reader.hpp), so that a
// run that reads no PDF does not pay for loading it.
//
// Each page's text comes in poppler's physical layout (lines where they are printed, columns
// side by side, as `pdftotext -layout` gives them); page_text.hpp takes the furniture out and
// puts the pages together, keeping where each page begins; the shared structure engine reads
// the record as it reads the same text from a file (kpproc::structure::read_text_record).
// A PDF that cannot be read as words is refused with the reason: damaged, encrypted with a
// password to open it, scanned (no text layer), or a text layer of glyph codes (text_layer.hpp).

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/adapter_support.hpp"
#include "kpproc/companion_library.hpp"
#include "kpproc/plugin.hpp"
#include "kpproc/structure/record.hpp"
#include "kpproc/text.hpp"
#include "page_text.hpp"
#include "pdf_reader.hpp"
#include "text_layer.hpp"

namespace {

// A PDF's header may follow other bytes (a mail header, a BOM) within its first kilobyte.
constexpr std::size_t kHeaderWindow = 1024;
// Pages whose text detection looks at.
constexpr int kPagesToDetect = 2;
// Bounds for a PDF made to exhaust the reader: its size, pages, and text in all (a record of
// 2,000 pages holds a few megabytes).
constexpr std::size_t kMostBytes = std::size_t{2} << 30;
constexpr int kMostPages = 20000;
constexpr std::size_t kMostTextBytes = std::size_t{256} << 20;

std::optional<std::size_t> header_at(std::string_view bytes) {
    const std::size_t at = bytes.substr(0, kHeaderWindow).find("%PDF-");
    return at == std::string_view::npos ? std::nullopt : std::optional<std::size_t>(at);
}

// The reader library, pdf/kp-pdf-poppler.so beside this plugin: loaded once and kept for the
// life of the process (poppler holds global state that an unload would leave dangling).
const kp_pdf::PdfReader* load_reader() {
    void* entry = kpproc::companion::load_entry(reinterpret_cast<void*>(&load_reader),
                                                "pdf/kp-pdf-poppler.so", "kp_pdf_reader_v1",
                                                "the PDF reader", "reader-missing");
    return reinterpret_cast<const kp_pdf::PdfReader* (*)()>(entry)();
}

// Loaded at the first call, by one thread; a load that fails is tried again at the next.
const kp_pdf::PdfReader& reader() {
    static const kp_pdf::PdfReader* const loaded = load_reader();
    return *loaded;
}

std::unique_ptr<kp_pdf::PdfFile> load(std::string_view bytes, const std::string& password) {
    if (bytes.size() > kMostBytes) {
        throw kpproc::Error("too-large", "a PDF of more than 2 GB is not read");
    }
    return reader().open(bytes, password);
}

class PdfAdapter final : public kpproc::Adapter {
public:
    explicit PdfAdapter(const kpproc::Options& options)
        : password_(options.find("password").value_or("")) {}

    kpproc::Detection detect(std::string_view head, std::string_view /*file_name*/) const override {
        const auto at = header_at(head);
        if (!at) {
            return {0.0, "not a PDF (no %PDF- header)"};
        }
        const std::string version(head.substr(*at + 5, 3));
        const std::string unread = "a PDF (" + version + "); its text is looked at when it is read";
        // The head may be the whole file, or enough of it for poppler to find the first pages.
        // (A reader that cannot be loaded is the document's error, when it is parsed.)
        std::unique_ptr<kp_pdf::PdfFile> doc;
        try {
            doc = load(head.substr(*at), password_);
        } catch (const kpproc::Error&) {
            return {0.9, unread};
        }
        if (!doc || doc->locked() || doc->pages() < 1) {
            return {0.9, unread};
        }
        std::vector<std::string> pages;
        for (int i = 0; i < std::min(doc->pages(), kPagesToDetect); ++i) {
            pages.push_back(doc->page_text(i));
        }
        const auto text = kp_pdf::assemble_pages(pages).text;
        const auto evidence = kpproc::structure::examine(text);
        if (evidence.confidence() >= 0.3) {
            return {0.95, "a PDF (" + version + "): " + evidence.reason()};
        }
        return {0.6,
                "a PDF (" + version + ") whose first pages show no meeting record's structure"};
    }

    kpproc::Document parse(const kpproc::SourceInput& input) override {
        const auto at = header_at(input.bytes);
        if (!at) {
            throw kpproc::Error("not-pdf", "not a PDF: no %PDF- header in its first kilobyte");
        }
        const auto doc = open(input.bytes.substr(*at));
        kpproc::Document out;
        out.source.media_type = "application/pdf";
        if (doc->encrypted()) {
            out.add_diagnostic("info", "encrypted",
                               password_.empty()
                                   ? "the PDF is encrypted, with no password needed to open it"
                                   : "the PDF is encrypted; the password given opened it");
        }
        const std::vector<std::string> pages = read_pages(*doc);
        check_text_layer(pages);
        kp_pdf::AssembledText assembled = kp_pdf::assemble_pages(pages);
        out.text = std::move(assembled.text);
        out.pages = std::move(assembled.pages);
        note_pages_without_text(out);
        kpproc::structure::read_text_record(out);
        kpproc::note_if_no_items(out, "agenda items");
        return out;
    }

private:
    // The document, or the reason it cannot be opened.
    std::unique_ptr<kp_pdf::PdfFile> open(std::string_view bytes) const {
        auto doc = load(bytes, password_);
        if (!doc) {
            throw kpproc::Error("damaged-pdf",
                                "the PDF is damaged or truncated: its structure cannot be read");
        }
        if (doc->locked()) {
            throw kpproc::Error(
                "encrypted-pdf",
                password_.empty()
                    ? "the PDF is encrypted with a password needed to open it; give it as "
                      "pdf(password=…)"
                    : "the PDF is encrypted, and the password given does not open it");
        }
        if (doc->pages() > kMostPages) {
            throw kpproc::Error("too-large", "the PDF has " + std::to_string(doc->pages()) +
                                                 " pages; at most " + std::to_string(kMostPages) +
                                                 " are read");
        }
        return doc;
    }

    static std::vector<std::string> read_pages(const kp_pdf::PdfFile& doc) {
        std::vector<std::string> pages;
        std::size_t bytes = 0;
        for (int i = 0; i < doc.pages(); ++i) {
            pages.push_back(doc.page_text(i));
            bytes += pages.back().size();
            if (bytes > kMostTextBytes) {
                throw kpproc::Error("too-large", "the PDF's text passes 256 MB by page " +
                                                     std::to_string(i + 1) + "; it is not read");
            }
        }
        return pages;
    }

    // Refuses a PDF without words to read.
    static void check_text_layer(const std::vector<std::string>& pages) {
        const kp_pdf::TextLayer layer = kp_pdf::examine_text_layer(pages);
        if (pages.empty()) {
            throw kpproc::Error("no-text-layer", "the PDF has no pages");
        }
        if (layer.empty()) {
            throw kpproc::Error("no-text-layer",
                                "no text layer: the PDF is scanned images; OCR is not supported");
        }
        if (const auto why = layer.garbled()) {
            throw kpproc::Error("garbled-text-layer",
                                "the PDF's text layer does not decode to words: " + *why);
        }
    }

    // Pages with (next to) no words once their running headers and footers are gone: a
    // scanned page among pages of text, or one that is only a picture.
    static void note_pages_without_text(kpproc::Document& doc) {
        std::string list;
        for (const auto& page : doc.pages) {
            if (kpproc::text::trim(doc.slice(page.span)).size() <
                kp_pdf::TextLayer::kFewCharacters) {
                list += (list.empty() ? "" : ", ") + std::to_string(page.number);
            }
        }
        if (!list.empty()) {
            doc.add_diagnostic("warning", "pages-without-text",
                               "pages without text (scanned, or only pictures): " + list);
        }
    }

    std::string password_;
};

}  // namespace

KPPROC_PLUGIN(PdfAdapter,
              {.id = "kp.adapter.pdf",
               .version = "1.0.0",
               .summary = "Minutes, agendas and notes as PDF, with their pages (poppler)",
               .media_types = {"application/pdf"},
               .extensions = {".pdf"},
               .options = {{.name = "password",
                            .type = kpproc::OptionType::string,
                            .default_value = std::nullopt,
                            .description = "The password that opens an encrypted PDF (its user "
                                           "or owner password); none is needed for most"}},
               .licence = "GPL-2.0-or-later"})
