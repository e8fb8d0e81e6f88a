#include "moderngov_html.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "kpproc/error.hpp"
#include "kpproc/text.hpp"
#include "moderngov_charset.hpp"

namespace kpproc::moderngov {

namespace {

struct DocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

struct ParserFree {
    void operator()(htmlParserCtxt* c) const { htmlFreeParserCtxt(c); }
};

bool name_is(const xmlNode* n, const char* name) {
    return n->name != nullptr &&
           xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

std::string attribute(const xmlNode* n, const char* name) {
    xmlChar* value = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) {
        return {};
    }
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

// The value of an attribute without copying it (xmlGetProp allocates: too slow for every
// element of a page); empty when absent or not a plain text value.
std::string_view attribute_view(const xmlNode* n, const char* name) {
    for (const xmlAttr* a = n->properties; a != nullptr; a = a->next) {
        if (a->name != nullptr &&
            xmlStrcasecmp(a->name, reinterpret_cast<const xmlChar*>(name)) == 0) {
            const xmlNode* value = a->children;
            if (value != nullptr && value->next == nullptr && value->type == XML_TEXT_NODE &&
                value->content != nullptr) {
                return reinterpret_cast<const char*>(value->content);
            }
            return {};
        }
    }
    return {};
}

bool has_class(const xmlNode* n, std::string_view cls) {
    const std::string_view classes = attribute_view(n, "class");
    std::size_t pos = 0;
    while (pos < classes.size()) {
        const std::size_t end = classes.find(' ', pos);
        const std::string_view word = std::string_view(classes).substr(
            pos, (end == std::string::npos ? classes.size() : end) - pos);
        if (word == cls) {
            return true;
        }
        if (end == std::string::npos) {
            break;
        }
        pos = end + 1;
    }
    return false;
}

bool is_skipped(const xmlNode* n) {
    for (const char* name : {"script", "style", "noscript", "head", "title", "meta", "link",
                             "template", "iframe", "object", "select", "button", "svg"}) {
        if (name_is(n, name)) {
            return true;
        }
    }
    return false;
}

bool is_block(const xmlNode* n) {
    for (const char* name :
         {"p",      "div",     "h1",     "h2",    "h3",         "h4",       "h5",      "h6",
          "li",     "tr",      "td",     "th",    "table",      "tbody",    "thead",   "ul",
          "ol",     "dl",      "dt",     "dd",    "blockquote", "section",  "article", "header",
          "footer", "main",    "nav",    "aside", "form",       "fieldset", "caption", "hr",
          "pre",    "address", "figure", "body",  "html"}) {
        if (name_is(n, name)) {
            return true;
        }
    }
    return false;
}

// Finds the ModernGov content: #modgov, else .mgContent, else the body, else the root.
const xmlNode* content_root(const xmlNode* root) {
    const xmlNode* body = nullptr;
    const xmlNode* mg_content = nullptr;
    std::vector<const xmlNode*> stack{root};
    while (!stack.empty()) {
        const xmlNode* n = stack.back();
        stack.pop_back();
        const bool element = n->type == XML_ELEMENT_NODE;
        if (!element && n->type != XML_DOCUMENT_NODE && n->type != XML_HTML_DOCUMENT_NODE) {
            continue;
        }
        if (!element) {
            for (const xmlNode* c = n->last; c != nullptr; c = c->prev) {
                stack.push_back(c);
            }
            continue;
        }
        if (attribute_view(n, "id") == "modgov") {
            return n;
        }
        if (mg_content == nullptr && has_class(n, "mgContent")) {
            mg_content = n;
        }
        if (body == nullptr && name_is(n, "body")) {
            body = n;
        }
        for (const xmlNode* c = n->last; c != nullptr; c = c->prev) {
            stack.push_back(c);
        }
    }
    return mg_content != nullptr ? mg_content : body != nullptr ? body : root;
}

// Accumulates rendered text: HTML white space folds to one space, blocks become paragraphs.
class TextSink {
public:
    void text(std::string_view s) {
        for (const char c : s) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pending_space_ = true;
                continue;
            }
            if (pending_space_ && !at_line_start()) {
                out_ += ' ';
            }
            pending_space_ = false;
            out_ += c;
        }
    }
    // " | " between table cells on one line; nothing before a row's first cell.
    void cell_separator() {
        trim_trailing_spaces();
        if (!at_line_start()) {
            out_ += " | ";
        }
        pending_space_ = false;
    }
    void line_break() {
        trim_trailing_spaces();
        out_ += '\n';
        pending_space_ = false;
    }
    void block_break() {
        trim_trailing_spaces();
        if (out_.empty()) {
            return;
        }
        if (out_.back() != '\n') {
            out_ += '\n';
        }
        if (out_.size() < 2 || out_[out_.size() - 2] != '\n') {
            out_ += '\n';
        }
        pending_space_ = false;
    }
    std::string take() {
        block_break();
        return std::move(out_);
    }

private:
    bool at_line_start() const { return out_.empty() || out_.back() == '\n'; }
    void trim_trailing_spaces() {
        while (!out_.empty() && out_.back() == ' ') {
            out_.pop_back();
        }
    }
    std::string out_;
    bool pending_space_ = false;
};

bool is_table_cell(const xmlNode* n) {
    return name_is(n, "td") || name_is(n, "th");
}

// Iterative, so 100 000 nested tags cannot exhaust the stack.
std::string render(const xmlNode* root) {
    TextSink sink;
    struct Frame {
        const xmlNode* node;
        bool leaving;
        bool word_text = false;  // the element is a div.mgWordPara (decided once, on entry)
    };
    // Inside minutes text (div.mgWordPara) a Word table's cells stay on their row's line,
    // "2023/24 | Adult social care": alone on a line, a cell could pass for an item number.
    std::size_t in_word_text = 0;
    std::size_t in_word_cell = 0;  // everything inside such a cell is inline
    const auto block = [&](const xmlNode* n) {
        return is_block(n) && in_word_cell == 0 && !(in_word_text > 0 && is_table_cell(n));
    };
    std::vector<Frame> stack{{root, false}};
    while (!stack.empty()) {
        const Frame f = stack.back();
        stack.pop_back();
        const xmlNode* n = f.node;
        if (f.leaving) {
            if (f.word_text) {
                --in_word_text;
            }
            if (in_word_text > 0 && is_table_cell(n)) {
                --in_word_cell;
            }
            if (block(n)) {
                sink.block_break();
            }
            continue;
        }
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content != nullptr) {
                sink.text(reinterpret_cast<const char*>(n->content));
            }
            continue;
        }
        if (n->type != XML_ELEMENT_NODE && n->type != XML_DOCUMENT_NODE &&
            n->type != XML_HTML_DOCUMENT_NODE) {
            continue;
        }
        bool word_text = false;
        if (n->type == XML_ELEMENT_NODE) {
            if (is_skipped(n)) {
                continue;
            }
            if (name_is(n, "br")) {
                sink.line_break();
                continue;
            }
            if (name_is(n, "img")) {
                // "pdf icon": the alt text is what a saved page shows.
                sink.text(" ");
                sink.text(attribute(n, "alt"));
                sink.text(" ");
                continue;
            }
            word_text = has_class(n, "mgWordPara");
            if (word_text) {
                ++in_word_text;
            }
            if (in_word_text > 0 && is_table_cell(n)) {
                sink.cell_separator();
                ++in_word_cell;
            } else if (block(n)) {
                sink.block_break();
            } else if (in_word_cell > 0 && is_block(n)) {
                sink.text(" ");
            }
        }
        stack.push_back({n, true, word_text});
        for (const xmlNode* c = n->last; c != nullptr; c = c->prev) {
            stack.push_back({c, false});
        }
    }
    return sink.take();
}

}  // namespace

bool looks_like_html(std::string_view head) {
    const std::string lower = text::to_lower_ascii(head.substr(0, 4096));
    return lower.find("<html") != std::string::npos ||
           lower.find("<!doctype html") != std::string::npos ||
           (lower.find("<body") != std::string::npos && lower.find("</") != std::string::npos);
}

double html_page_confidence(std::string_view head, std::string* reason) {
    if (!looks_like_html(head)) {
        *reason = "not HTML";
        return 0.0;
    }
    const auto has = [&](std::string_view s) { return head.find(s) != std::string_view::npos; };
    int marks = 0;
    for (const std::string_view mark :
         {"mgItemTable", "mgSubTitleTxt", "mgAiTitleTxt", "mgWordPara", "mgContent",
          "id=\"modgov\"", "ieListDocuments.aspx", "mgAi.aspx", "mgSubItemTitleTxt",
          "mgActionList"}) {
        marks += has(mark) ? 1 : 0;
    }
    if (marks >= 2) {
        *reason =
            "HTML with ModernGov's page structure (" + std::to_string(marks) + " mg* markers)";
        return 0.95;
    }
    if (marks == 1) {
        *reason = "HTML with one ModernGov marker";
        return 0.6;
    }
    *reason = "HTML, but none of ModernGov's classes (mgItemTable, mgAiTitleTxt, …)";
    return 0.0;
}

namespace {

// Word's conditional comments ("<![if !supportLists]>…<![endif]>") are not HTML; libxml2 2.9
// keeps their brackets as text, which would hide the bullets they wrap.
std::string without_word_conditionals(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size());
    std::size_t pos = 0;
    for (std::size_t at = bytes.find("<![", pos); at != std::string_view::npos;
         at = bytes.find("<![", pos)) {
        const std::string_view rest = bytes.substr(at);
        if (rest.substr(0, 5) != "<![if" && rest.substr(0, 9) != "<![endif]") {
            out.append(bytes.substr(pos, at + 3 - pos));
            pos = at + 3;
            continue;
        }
        const auto close = bytes.find("]>", at);
        if (close == std::string_view::npos) {
            break;
        }
        out.append(bytes.substr(pos, at - pos));
        pos = close + 2;
    }
    out.append(bytes.substr(pos));
    return out;
}

// libxml2's default limit on nesting (xmlParserMaxDepth). Deeper pages were cut off there, so
// XML_PARSE_HUGE lifts it; see LibxmlErrors for what that costs.
constexpr int kLibxmlDefaultDepth = 256;

// Open elements libxml2 may scan, beyond the default depth, for end tags that close none of
// them: about a second of its time.
constexpr std::uint64_t kMaxDeepEndTagScans = 1'000'000'000;

// What libxml2 reports while it parses one page, kept instead of printed on stderr.
//
// libxml2 2.9's HTML parser never calls ctxt->sax->serror (its SAX handler is not SAX2), so this
// sets the thread's structured error handler: libxml2 keeps one per thread, and pages are parsed
// on several threads at once. The previous handler is restored afterwards.
//
// It also bounds the one cost that grows with depth: an end tag that closes none of the open
// elements makes libxml2 scan all of them (htmlParseEndTag), so stray end tags deep down cost
// depth x count - minutes for a 1 MB page. libxml2 reports each such end tag as a tag mismatch;
// past the budget the parse is stopped and the page fails.
class LibxmlErrors {
public:
    explicit LibxmlErrors(htmlParserCtxt* ctxt)
        : ctxt_(ctxt),
          previous_handler_(xmlStructuredError),
          previous_context_(xmlStructuredErrorContext) {
        xmlSetStructuredErrorFunc(this, &LibxmlErrors::receive);
    }
    ~LibxmlErrors() { xmlSetStructuredErrorFunc(previous_context_, previous_handler_); }
    LibxmlErrors(const LibxmlErrors&) = delete;
    LibxmlErrors& operator=(const LibxmlErrors&) = delete;

    bool stopped_for_stray_end_tags() const { return stopped_for_stray_end_tags_; }
    std::size_t fatal_count() const { return fatal_count_; }
    const std::string& first_fatal() const { return first_fatal_; }

private:
    static void receive(void* self, xmlErrorPtr error) {
        if (error != nullptr) {
            static_cast<LibxmlErrors*>(self)->record(*error);
        }
    }

    void record(const xmlError& error) {
        if (error.level == XML_ERR_FATAL && fatal_count_++ == 0 && error.message != nullptr) {
            first_fatal_ = text::trim(error.message);
        }
        // One end tag that closes several unclosed elements reports each of them, all at the
        // same input position; it scanned the stack once.
        if (error.code == XML_ERR_TAG_NAME_MISMATCH && error.ctxt == ctxt_ &&
            ctxt_->nameNr > kLibxmlDefaultDepth && ctxt_->input != nullptr &&
            ctxt_->input->cur != last_charged_end_tag_) {
            last_charged_end_tag_ = ctxt_->input->cur;
            deep_end_tag_scans_ += static_cast<std::uint64_t>(ctxt_->nameNr - kLibxmlDefaultDepth);
            if (deep_end_tag_scans_ > kMaxDeepEndTagScans && !stopped_for_stray_end_tags_) {
                stopped_for_stray_end_tags_ = true;
                xmlStopParser(ctxt_);
            }
        }
    }

    htmlParserCtxt* ctxt_;
    xmlStructuredErrorFunc previous_handler_;
    void* previous_context_;
    std::uint64_t deep_end_tag_scans_ = 0;
    const xmlChar* last_charged_end_tag_ = nullptr;
    bool stopped_for_stray_end_tags_ = false;
    std::size_t fatal_count_ = 0;
    std::string first_fatal_;
};

// Parses the page, already UTF-8, with libxml2, all of it however deep. Throws kpproc::Error
// when libxml2 stops before the end (it then keeps only what it had read); fatal errors it read
// past become warnings.
DocPtr parse_utf8_html(std::string_view utf8,
                       std::vector<std::pair<std::string, std::string>>& warnings) {
    const std::unique_ptr<htmlParserCtxt, ParserFree> ctxt(htmlNewParserCtxt());
    if (!ctxt) {
        throw Error("out-of-memory", "libxml2 could not allocate an HTML parser");
    }
    // The page is UTF-8 already: its <meta charset> must not make libxml2 decode it again.
    const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED | XML_PARSE_HUGE |
                        HTML_PARSE_IGNORE_ENC;
    LibxmlErrors errors(ctxt.get());  // not const: libxml2 reports into it
    DocPtr doc(htmlCtxtReadMemory(ctxt.get(), utf8.data(), static_cast<int>(utf8.size()), nullptr,
                                  "UTF-8", options));
    if (errors.stopped_for_stray_end_tags()) {
        throw Error("html-too-complex",
                    "the page is nested over " + std::to_string(kLibxmlDefaultDepth) +
                        " elements deep and has too many end tags that match no open element "
                        "there; libxml2 would take too long to read it");
    }
    if (ctxt->disableSAX != 0) {
        throw Error("invalid-html",
                    "libxml2 stopped reading the page before its end: " +
                        (errors.first_fatal().empty() ? std::string("no reason given")
                                                      : errors.first_fatal()));
    }
    if (errors.fatal_count() > 0) {
        const std::size_t n = errors.fatal_count();
        warnings.emplace_back("html-error", "libxml2 reported " + std::to_string(n) +
                                                (n == 1 ? " fatal error" : " fatal errors") +
                                                " but read on; the first: " + errors.first_fatal());
    }
    return doc;
}

}  // namespace

RenderedHtml render_html(std::string_view bytes) {
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
        throw Error("too-large", "the HTML page is larger than 2 GiB");
    }
    DecodedPage page = decode_page(bytes);
    if (page.utf8.find("<![if") != std::string::npos) {
        page.utf8 = without_word_conditionals(page.utf8);
    }
    if (page.utf8.size() > static_cast<std::size_t>(INT32_MAX)) {
        throw Error("too-large", "the HTML page is larger than 2 GiB once decoded to UTF-8");
    }
    RenderedHtml out;
    out.encoding = std::move(page.encoding);
    out.warnings = std::move(page.warnings);
    const DocPtr doc = parse_utf8_html(page.utf8, out.warnings);
    if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) {
        throw Error("invalid-html", "the HTML could not be parsed");
    }
    out.text = render(content_root(reinterpret_cast<const xmlNode*>(doc.get())));
    // libxml2 gives UTF-8, but be certain: every span counts bytes of valid UTF-8.
    if (!text::is_valid_utf8(out.text)) {
        out.text = text::decode(out.text, "windows-1252").text;
    }
    return out;
}

}  // namespace kpproc::moderngov
