#include "kpproc/json.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "kpproc/error.hpp"
#include "kpproc/text.hpp"

namespace kpproc::json {

namespace {

[[noreturn]] void type_error(const Value& v, const char* wanted) {
    throw Error("json-type", std::string("expected ") + wanted + ", found " + v.type_name());
}

using text::append_utf8;
using text::utf8_sequence_length;

class Parser {
public:
    Parser(std::string_view text, ParseLimits limits) : s_(text), limits_(limits) {}

    Value parse_document() {
        skip_ws();
        Value v = parse_value(0);
        skip_ws();
        if (pos_ != s_.size()) {
            fail("unexpected data after the JSON value");
        }
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        std::size_t line = 1;
        std::size_t col = 1;
        for (std::size_t i = 0; i < pos_ && i < s_.size(); ++i) {
            if (s_[i] == '\n') {
                ++line, col = 1;
            } else {
                ++col;
            }
        }
        throw Error("invalid-json", "line " + std::to_string(line) + ", column " +
                                        std::to_string(col) + ": " + what);
    }

    void skip_ws() {
        while (pos_ < s_.size() &&
               (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
            ++pos_;
        }
    }

    bool consume(std::string_view word) {
        if (s_.substr(pos_, word.size()) == word) {
            pos_ += word.size();
            return true;
        }
        return false;
    }

    Value parse_value(std::size_t depth) {
        if (depth > limits_.max_depth) {
            fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
        }
        if (pos_ >= s_.size()) {
            fail("unexpected end of input");
        }
        const char c = s_[pos_];
        if (c == '{') {
            return parse_object(depth);
        }
        if (c == '[') {
            return parse_array(depth);
        }
        if (c == '"') {
            return Value(parse_string());
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return parse_number();
        }
        if (consume("true")) {
            return Value(true);
        }
        if (consume("false")) {
            return Value(false);
        }
        if (consume("null")) {
            return Value(nullptr);
        }
        fail(std::string("unexpected character '") + c + "'");
    }

    Value parse_object(std::size_t depth) {
        ++pos_;  // '{'
        Object obj;
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == '}') {
            ++pos_;
            return Value(std::move(obj));
        }
        for (;;) {
            skip_ws();
            if (pos_ >= s_.size() || s_[pos_] != '"') {
                fail("expected a member name in quotes");
            }
            std::string key = parse_string();
            skip_ws();
            if (pos_ >= s_.size() || s_[pos_] != ':') {
                fail("expected ':' after member name");
            }
            ++pos_;
            skip_ws();
            obj.emplace_back(std::move(key), parse_value(depth + 1));
            skip_ws();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == '}') {
                ++pos_;
                return Value(std::move(obj));
            }
            fail("expected ',' or '}' in object");
        }
    }

    Value parse_array(std::size_t depth) {
        ++pos_;  // '['
        Array arr;
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == ']') {
            ++pos_;
            return Value(std::move(arr));
        }
        for (;;) {
            skip_ws();
            arr.push_back(parse_value(depth + 1));
            skip_ws();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == ']') {
                ++pos_;
                return Value(std::move(arr));
            }
            fail("expected ',' or ']' in array");
        }
    }

    unsigned parse_hex4() {
        if (pos_ + 4 > s_.size()) {
            fail("truncated \\u escape");
        }
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = s_[pos_++];
            v <<= 4;
            if (h >= '0' && h <= '9') {
                v |= static_cast<unsigned>(h - '0');
            } else if (h >= 'a' && h <= 'f') {
                v |= static_cast<unsigned>(h - 'a' + 10);
            } else if (h >= 'A' && h <= 'F') {
                v |= static_cast<unsigned>(h - 'A' + 10);
            } else {
                fail("invalid hex digit in \\u escape");
            }
        }
        return v;
    }

    std::string parse_string() {
        ++pos_;  // opening quote
        std::string out;
        for (;;) {
            // Copy the plain run in one go; most strings have no escapes.
            const std::size_t start = pos_;
            while (pos_ < s_.size() && s_[pos_] != '"' && s_[pos_] != '\\' &&
                   static_cast<unsigned char>(s_[pos_]) >= 0x20) {
                ++pos_;
            }
            out.append(s_.data() + start, pos_ - start);
            if (pos_ >= s_.size()) {
                fail("unterminated string");
            }
            const char c = s_[pos_];
            if (c == '"') {
                ++pos_;
                if (!text::is_valid_utf8(out)) {
                    fail("string is not valid UTF-8");
                }
                return out;
            }
            if (c != '\\') {
                fail("control character in string");
            }
            ++pos_;
            if (pos_ >= s_.size()) {
                fail("unterminated escape");
            }
            const char e = s_[pos_++];
            switch (e) {
                case '"':
                    out += '"';
                    break;
                case '\\':
                    out += '\\';
                    break;
                case '/':
                    out += '/';
                    break;
                case 'b':
                    out += '\b';
                    break;
                case 'f':
                    out += '\f';
                    break;
                case 'n':
                    out += '\n';
                    break;
                case 'r':
                    out += '\r';
                    break;
                case 't':
                    out += '\t';
                    break;
                case 'u': {
                    unsigned cp = parse_hex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (!consume("\\u")) {
                            fail("unpaired surrogate in \\u escape");
                        }
                        const unsigned low = parse_hex4();
                        if (low < 0xDC00 || low > 0xDFFF) {
                            fail("invalid low surrogate in \\u escape");
                        }
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        fail("unpaired surrogate in \\u escape");
                    }
                    append_utf8(out, static_cast<char32_t>(cp));
                    break;
                }
                default:
                    fail(std::string("invalid escape '\\") + e + "'");
            }
        }
    }

    Value parse_number() {
        const std::size_t start = pos_;
        if (s_[pos_] == '-') {
            ++pos_;
        }
        auto digits = [&] {
            const std::size_t d = pos_;
            while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
                ++pos_;
            }
            return pos_ - d;
        };
        const std::size_t int_start = pos_;
        if (digits() == 0) {
            fail("invalid number");
        }
        if (s_[int_start] == '0' && pos_ - int_start > 1) {
            fail("leading zero in number");
        }
        bool integral = true;
        if (pos_ < s_.size() && s_[pos_] == '.') {
            ++pos_;
            integral = false;
            if (digits() == 0) {
                fail("digits expected after '.'");
            }
        }
        if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
            ++pos_;
            integral = false;
            if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) {
                ++pos_;
            }
            if (digits() == 0) {
                fail("digits expected in exponent");
            }
        }
        const char* first = s_.data() + start;
        const char* last = s_.data() + pos_;
        if (integral) {
            std::int64_t i = 0;
            auto [p, ec] = std::from_chars(first, last, i);
            if (ec == std::errc() && p == last) {
                return Value(i);
            }
            // Too large for int64: fall through to double.
        }
        double d = 0;
        auto [p, ec] = std::from_chars(first, last, d);
        if (ec != std::errc() || p != last) {
            fail("number out of range");
        }
        return Value(d);
    }

    std::string_view s_;
    ParseLimits limits_;
    std::size_t pos_ = 0;
};

}  // namespace

bool Value::as_bool() const {
    if (!is_bool()) {
        type_error(*this, "a boolean");
    }
    return std::get<bool>(v_);
}
std::int64_t Value::as_int() const {
    if (is_int()) {
        return std::get<std::int64_t>(v_);
    }
    if (std::holds_alternative<double>(v_)) {
        const double d = std::get<double>(v_);
        if (std::trunc(d) == d && std::fabs(d) < 9.2e18) {
            return static_cast<std::int64_t>(d);
        }
    }
    type_error(*this, "an integer");
}
double Value::as_number() const {
    if (is_int()) {
        return static_cast<double>(std::get<std::int64_t>(v_));
    }
    if (!std::holds_alternative<double>(v_)) {
        type_error(*this, "a number");
    }
    return std::get<double>(v_);
}
const std::string& Value::as_string() const {
    if (!is_string()) {
        type_error(*this, "a string");
    }
    return std::get<std::string>(v_);
}
const Array& Value::as_array() const {
    if (!is_array()) {
        type_error(*this, "an array");
    }
    return std::get<Array>(v_);
}
Array& Value::as_array() {
    if (!is_array()) {
        type_error(*this, "an array");
    }
    return std::get<Array>(v_);
}
const Object& Value::as_object() const {
    if (!is_object()) {
        type_error(*this, "an object");
    }
    return std::get<Object>(v_);
}
Object& Value::as_object() {
    if (!is_object()) {
        type_error(*this, "an object");
    }
    return std::get<Object>(v_);
}

const Value* Value::find(std::string_view key) const {
    if (!is_object()) {
        return nullptr;
    }
    for (const auto& [k, v] : std::get<Object>(v_)) {
        if (k == key) {
            return &v;
        }
    }
    return nullptr;
}

const char* Value::type_name() const {
    switch (v_.index()) {
        case 0:
            return "null";
        case 1:
            return "a boolean";
        case 2:
            return "an integer";
        case 3:
            return "a number";
        case 4:
            return "a string";
        case 5:
            return "an array";
        default:
            return "an object";
    }
}

Value parse(std::string_view text, ParseLimits limits) {
    return Parser(text, limits).parse_document();
}

namespace {
// Bytes that go into a JSON string as they are: printable ASCII but '"' and '\\'.
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int b = 0x20; b < 0x80; ++b) {
        plain[static_cast<std::size_t>(b)] = b != '"' && b != '\\';
    }
    return plain;
}();

// How many bytes from `from` on are plain (kPlain). A paragraph's text is long runs of them,
// broken by a quote or a letter beyond ASCII: they are looked at 16 bytes at a time where SSE2
// is available. (Escaping strings was 8 % of reading ModernGov text pages to JSON, and is 7 %:
// most strings written are short, keys and names, and cost their call more than their bytes.)
std::size_t plain_run_end(std::string_view s, std::size_t from) {
    std::size_t i = from;
#if defined(__SSE2__)
    for (; i + 16 <= s.size(); i += 16) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
        // Signed, bytes from 0x80 on are negative: "less than ' '" takes them with the controls.
        const __m128i not_plain =
            _mm_or_si128(_mm_cmplt_epi8(bytes, _mm_set1_epi8(' ')),
                         _mm_or_si128(_mm_cmpeq_epi8(bytes, _mm_set1_epi8('"')),
                                      _mm_cmpeq_epi8(bytes, _mm_set1_epi8('\\'))));
        if (_mm_movemask_epi8(not_plain) != 0) {
            break;  // the byte-by-byte loop below finds which
        }
    }
#endif
    while (i < s.size() && kPlain[static_cast<unsigned char>(s[i])]) {
        ++i;
    }
    return i;
}
}  // namespace

void append_quoted(std::string& out, std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t i = 0;
    while (i < s.size()) {
        // Fast path: a run of printable ASCII that needs no escaping.
        const std::size_t run = plain_run_end(s, i);
        out.append(s.data() + i, run - i);
        i = run;
        if (i >= s.size()) {
            break;
        }
        const auto b = static_cast<unsigned char>(s[i]);
        if (b >= 0x80) {
            const std::size_t n = utf8_sequence_length(s, i);
            if (n == 0) {
                out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
                ++i;
            } else {
                out.append(s.data() + i, n);
                i += n;
            }
            continue;
        }
        switch (b) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            default:
                out += "\\u00";
                out += kHex[b >> 4];
                out += kHex[b & 0xF];
        }
        ++i;
    }
    out += '"';
}

// ---- Writer ---------------------------------------------------------------------------------

void Writer::newline() {
    if (indent_ > 0) {
        out_ += '\n';
        out_.append(counts_.size() * static_cast<std::size_t>(indent_), ' ');
    }
}

void Writer::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!counts_.empty()) {
        if (counts_.back()++ > 0) {
            out_ += ',';
        }
        newline();
    }
}

Writer& Writer::key(std::string_view k) {
    if (counts_.back()++ > 0) {
        out_ += ',';
    }
    newline();
    append_quoted(out_, k);
    out_ += indent_ > 0 ? ": " : ":";
    after_key_ = true;
    return *this;
}

Writer& Writer::begin_object() {
    before_value();
    out_ += '{';
    counts_.push_back(0);
    return *this;
}

Writer& Writer::close(char bracket) {
    const bool empty = counts_.back() == 0;
    counts_.pop_back();
    if (!empty) {
        newline();
    }
    out_ += bracket;
    return *this;
}

Writer& Writer::end_object() {
    return close('}');
}

Writer& Writer::begin_array() {
    before_value();
    out_ += '[';
    counts_.push_back(0);
    return *this;
}

Writer& Writer::end_array() {
    return close(']');
}

Writer& Writer::null() {
    before_value();
    out_ += "null";
    return *this;
}

Writer& Writer::boolean(bool b) {
    before_value();
    out_ += b ? "true" : "false";
    return *this;
}

Writer& Writer::integer(std::int64_t i) {
    before_value();
    char buf[24];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, i);
    out_.append(buf, p);
    return *this;
}

Writer& Writer::number(double d) {
    before_value();
    if (!std::isfinite(d)) {
        out_ += "null";  // JSON has no NaN or infinity
        return *this;
    }
    char buf[32];
    auto [p, ec] = std::to_chars(buf, buf + sizeof buf, d);  // shortest round-trip form
    out_.append(buf, p);
    return *this;
}

Writer& Writer::string(std::string_view s) {
    before_value();
    append_quoted(out_, s);
    return *this;
}

Writer& Writer::value(const Value& v) {
    std::visit(
        [this](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::nullptr_t>) {
                null();
            } else if constexpr (std::is_same_v<T, bool>) {
                boolean(x);
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                integer(x);
            } else if constexpr (std::is_same_v<T, double>) {
                number(x);
            } else if constexpr (std::is_same_v<T, std::string>) {
                string(x);
            } else if constexpr (std::is_same_v<T, Array>) {
                begin_array();
                for (const auto& e : x) {
                    value(e);
                }
                end_array();
            } else {
                begin_object();
                for (const auto& [k, e] : x) {
                    key(k);
                    value(e);
                }
                end_object();
            }
        },
        v.storage());
    return *this;
}

std::string serialize(const Value& v, int indent) {
    std::string out;
    Writer(out, indent).value(v);
    return out;
}

}  // namespace kpproc::json
