// What kp.adapter.pdf needs of a PDF library, behind an interface: the adapter (kp-adapter-pdf)
// does not link poppler; a reader library beside it (pdf/kp-pdf-poppler.so, poppler_reader.cpp)
// does, and is loaded the first time a PDF is met. Every kpproc process loads every plugin to
// read its descriptor, and poppler with its thirty-odd libraries costs a run that reads no
// PDF some 6 ms of start-up (13 ms to 19 ms), and each --isolate worker as much again.
//
// Both libraries are built together, by one toolchain, so C++ types cross between them.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace kp_pdf {

// An open PDF.
class PdfFile {
public:
    virtual ~PdfFile() = default;
    // A password is needed to open it, and the one given (if any) does not.
    virtual bool locked() const = 0;
    virtual bool encrypted() const = 0;
    virtual int pages() const = 0;
    // The text of page `index` (from 0) in physical layout, UTF-8; empty for a page that
    // cannot be read.
    virtual std::string page_text(int index) const = 0;
};

class PdfReader {
public:
    virtual ~PdfReader() = default;
    // The PDF in `bytes` (at most 2 GB), opened with `password` as either password; nullptr
    // when its structure cannot be read at all.
    virtual std::unique_ptr<PdfFile> open(std::string_view bytes,
                                          const std::string& password) const = 0;
};

}  // namespace kp_pdf

// The reader library's one entry point.
extern "C" const kp_pdf::PdfReader* kp_pdf_reader_v1();
