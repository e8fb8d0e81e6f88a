#include "moderngov_charset.hpp"

#include <iconv.h>

#include <cctype>
#include <cerrno>

#include "kpproc/text.hpp"

namespace kpproc::moderngov {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The charset a <meta> tag declares in the first bytes, lower-cased, or "".
std::string declared_charset(std::string_view head) {
    const std::string lower = text::to_lower_ascii(head.substr(0, 4096));
    const auto at = lower.find("charset=");
    if (at == std::string::npos) {
        return {};
    }
    std::size_t pos = at + 8;
    while (pos < lower.size() && (lower[pos] == '"' || lower[pos] == '\'' || lower[pos] == ' ')) {
        ++pos;
    }
    const std::size_t start = pos;
    while (pos < lower.size() && (std::isalnum(static_cast<unsigned char>(lower[pos])) ||
                                  lower[pos] == '-' || lower[pos] == '_')) {
        ++pos;
    }
    return lower.substr(start, pos - start);
}

bool names_utf8(std::string_view charset) {
    return charset == "utf-8" || charset == "utf8";
}

// Decodes one charset to UTF-8 through iconv (what libxml2 itself uses for all but a few).
class Utf8Decoder {
public:
    explicit Utf8Decoder(const std::string& charset) : cd_(iconv_open("UTF-8", charset.c_str())) {}
    ~Utf8Decoder() {
        if (known()) {
            iconv_close(cd_);
        }
    }
    Utf8Decoder(const Utf8Decoder&) = delete;
    Utf8Decoder& operator=(const Utf8Decoder&) = delete;

    bool known() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

    // Every byte the charset cannot read becomes U+FFFD and is counted in `errors`; nothing is
    // dropped without being counted.
    std::string decode(std::string_view bytes, std::size_t& errors) {
        iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // the initial shift state
        std::string out(bytes.size() + bytes.size() / 2 + 16, '\0');
        std::size_t used = 0;
        char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
        std::size_t in_left = bytes.size();
        for (bool flushed = false; !flushed;) {
            char* to = out.data() + used;
            std::size_t room = out.size() - used;
            const bool flushing = in_left == 0;  // a stateful charset may still owe bytes
            const std::size_t result = flushing ? iconv(cd_, nullptr, nullptr, &to, &room)
                                                : iconv(cd_, &in, &in_left, &to, &room);
            const int failure = result == static_cast<std::size_t>(-1) ? errno : 0;
            used = static_cast<std::size_t>(to - out.data());
            if (failure == E2BIG) {
                out.resize(out.size() * 2);
                continue;
            }
            if (failure != 0) {  // EILSEQ: a byte it cannot read; EINVAL: a sequence cut off
                ++errors;
                if (out.size() - used < 3) {
                    out.resize(out.size() * 2 + 3);
                }
                out.replace(used, 3, "\xEF\xBF\xBD");
                used += 3;
                const std::size_t skipped = failure == EINVAL ? in_left : 1;
                in += skipped;
                in_left -= skipped;
            }
            flushed = flushing;
        }
        out.resize(used);
        return out;
    }

private:
    iconv_t cd_;
};

// Whether the charset reads the ASCII bytes HTML markup is made of as ASCII. UTF-16, UTF-32 and
// EBCDIC do not, so a <meta> naming them, found by reading the page as ASCII, contradicts
// itself (the HTML standard ignores a meta naming UTF-16 for the same reason). '\' and '~' are
// left out: Shift_JIS reads them as '¥' and '‾', yet its pages are ASCII in their markup.
bool reads_markup_as_ascii(Utf8Decoder& decoder) {
    constexpr std::string_view kMarkup =
        "<meta charset=\"x\"></p>\t\r\n !#$%&'()*,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        "[]^_`abcdefghijklmnopqrstuvwxyz{|}";
    std::size_t errors = 0;
    return decoder.decode(kMarkup, errors) == kMarkup && errors == 0;
}

DecodedPage read_as_utf8_or_windows_1252(std::string_view bytes) {
    if (text::is_valid_utf8(bytes)) {
        return {std::string(bytes), "utf-8", {}};
    }
    return {text::decode(bytes, "windows-1252").text, "windows-1252", {}};
}

std::string described(const DecodedPage& page) {
    return page.encoding == "utf-8" ? "UTF-8" : "Windows-1252 (any byte undefined there as U+FFFD)";
}

// The page read without its declaration, saying why: `reason` completes "the page declares
// charset 'X', but …".
DecodedPage read_despite_declaration(std::string_view bytes, const std::string& declared,
                                     const std::string& reason) {
    DecodedPage page = read_as_utf8_or_windows_1252(bytes);
    page.warnings.emplace_back("charset-mismatch", "the page declares charset '" + declared +
                                                       "', but " + reason + "; it was read as " +
                                                       described(page));
    return page;
}

DecodedPage decode_after_bom(std::string_view body, const std::string& declared) {
    if (text::is_valid_utf8(body)) {
        DecodedPage page{std::string(body), "utf-8", {}};
        if (!declared.empty() && !names_utf8(declared)) {
            page.warnings.emplace_back("charset-mismatch",
                                       "the page declares charset '" + declared +
                                           "', but starts with a UTF-8 byte order mark; it was "
                                           "read as UTF-8");
        }
        return page;
    }
    DecodedPage page = read_as_utf8_or_windows_1252(body);
    page.warnings.emplace_back("charset-mismatch",
                               "the page starts with a UTF-8 byte order mark but is not valid "
                               "UTF-8; it was read as " +
                                   described(page));
    return page;
}

DecodedPage decode_undeclared(std::string_view bytes) {
    DecodedPage page = read_as_utf8_or_windows_1252(bytes);
    if (page.encoding != "utf-8") {
        page.warnings.emplace_back("decoded-as-windows-1252",
                                   "the page declares no charset and is not valid UTF-8; it was "
                                   "read as Windows-1252");
    }
    return page;
}

DecodedPage decode_declared(std::string_view bytes, const std::string& declared) {
    if (names_utf8(declared)) {
        return text::is_valid_utf8(bytes)
                   ? DecodedPage{std::string(bytes), "utf-8", {}}
                   : read_despite_declaration(bytes, declared, "it is not valid UTF-8");
    }
    Utf8Decoder decoder(declared);
    if (!decoder.known()) {
        DecodedPage page = read_as_utf8_or_windows_1252(bytes);
        page.warnings.emplace_back("unknown-charset", "the page declares charset '" + declared +
                                                          "', which is unknown; it was read as " +
                                                          described(page));
        return page;
    }
    if (!reads_markup_as_ascii(decoder)) {
        return read_despite_declaration(bytes, declared,
                                        "its markup is ASCII, which that charset cannot write");
    }
    std::size_t errors = 0;
    std::string utf8 = decoder.decode(bytes, errors);
    if (errors == 0) {
        return {std::move(utf8), declared, {}};
    }
    return read_despite_declaration(
        bytes, declared,
        std::to_string(errors) + (errors == 1 ? " byte" : " bytes") + " cannot be read in it");
}

}  // namespace

DecodedPage decode_page(std::string_view bytes) {
    const std::string declared = declared_charset(bytes);
    if (bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom) {
        return decode_after_bom(bytes.substr(kUtf8Bom.size()), declared);
    }
    return declared.empty() ? decode_undeclared(bytes) : decode_declared(bytes, declared);
}

}  // namespace kpproc::moderngov
