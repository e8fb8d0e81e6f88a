// The PDF reader kp.adapter.pdf loads when it first meets a PDF (pdf_reader.hpp): poppler's
// C++ API, GPL-2.0-or-later like the plugin.

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <climits>
#include <memory>
#include <string>
#include <string_view>

#include "pdf_reader.hpp"

namespace {

class PopplerFile final : public kp_pdf::PdfFile {
public:
    explicit PopplerFile(std::unique_ptr<poppler::document> doc) : doc_(std::move(doc)) {}

    bool locked() const override { return doc_->is_locked(); }
    bool encrypted() const override { return doc_->is_encrypted(); }
    int pages() const override { return doc_->pages(); }

    std::string page_text(int index) const override {
        const std::unique_ptr<poppler::page> page(doc_->create_page(index));
        if (!page) {
            return {};
        }
        const poppler::byte_array utf8 =
            page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
        return std::string(utf8.begin(), utf8.end());
    }

private:
    std::unique_ptr<poppler::document> doc_;
};

class PopplerReader final : public kp_pdf::PdfReader {
public:
    // poppler writes its complaints about a damaged file to standard error; a batch's standard
    // error is the user's, so they are dropped (the document's error says what matters).
    PopplerReader() {
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    }

    std::unique_ptr<kp_pdf::PdfFile> open(std::string_view bytes,
                                          const std::string& password) const override {
        if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
            return nullptr;
        }
        std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(
            bytes.data(), static_cast<int>(bytes.size()), password, password));
        if (!doc) {
            return nullptr;
        }
        return std::make_unique<PopplerFile>(std::move(doc));
    }
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const kp_pdf::PdfReader* kp_pdf_reader_v1() {
    static const PopplerReader reader;  // made once, thread-safely, on first use
    return &reader;
}
