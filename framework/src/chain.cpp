#include "kpproc/framework/chain.hpp"

namespace kpproc::framework {

namespace {

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
}

bool is_bare_value_char(char c) {
    return c != ',' && c != ')' && c != '(' && c != '!' && c != '"' && c != '\'' && c != ' ' &&
           c != '\t' && c != '\n' && c != '=';
}

class ChainParser {
public:
    explicit ChainParser(std::string_view text) : s_(text) {}

    ChainSpec parse() {
        ChainSpec spec;
        skip_ws();
        if (pos_ >= s_.size()) {
            fail("the chain is empty; write e.g. 'auto ! json'");
        }
        for (;;) {
            spec.elements.push_back(element());
            skip_ws();
            if (pos_ >= s_.size()) {
                break;
            }
            if (s_[pos_] != '!') {
                fail(std::string("expected '!' between elements, found '") + s_[pos_] + "'");
            }
            ++pos_;
            skip_ws();
            if (pos_ >= s_.size()) {
                fail("the chain ends with '!'; name the next element");
            }
        }
        return spec;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        const std::size_t column = std::min(pos_, s_.size()) + 1;
        throw Error("chain-syntax", "column " + std::to_string(column) + ": " + what + "\n  " +
                                        std::string(s_) + "\n  " + std::string(column - 1, ' ') +
                                        "^");
    }

    void skip_ws() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n')) {
            ++pos_;
        }
    }

    std::string name(const char* what) {
        const std::size_t start = pos_;
        while (pos_ < s_.size() && is_name_char(s_[pos_])) {
            ++pos_;
        }
        if (pos_ == start) {
            if (pos_ < s_.size()) {
                fail(std::string("expected ") + what + ", found '" + s_[pos_] + "'");
            }
            fail(std::string("expected ") + what);
        }
        return std::string(s_.substr(start, pos_ - start));
    }

    std::string value() {
        if (pos_ < s_.size() && (s_[pos_] == '"' || s_[pos_] == '\'')) {
            const char quote = s_[pos_++];
            std::string out;
            while (pos_ < s_.size() && s_[pos_] != quote) {
                if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) {
                    ++pos_;
                }
                out += s_[pos_++];
            }
            if (pos_ >= s_.size()) {
                fail(std::string("unterminated quoted value; add the closing ") + quote);
            }
            ++pos_;
            return out;
        }
        const std::size_t start = pos_;
        while (pos_ < s_.size() && is_bare_value_char(s_[pos_])) {
            ++pos_;
        }
        if (pos_ == start) {
            fail("expected a value (quote it if it contains spaces, commas or brackets)");
        }
        return std::string(s_.substr(start, pos_ - start));
    }

    ChainElement element() {
        ChainElement e;
        e.column = pos_ + 1;
        e.name = name("a plugin name");
        skip_ws();
        if (pos_ >= s_.size() || s_[pos_] != '(') {
            return e;
        }
        ++pos_;
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == ')') {
            ++pos_;
            return e;
        }
        for (;;) {
            skip_ws();
            const std::size_t key_pos = pos_;
            std::string key = name("an option name");
            skip_ws();
            if (pos_ >= s_.size() || s_[pos_] != '=') {
                fail("expected '=' after option name '" + key + "'");
            }
            ++pos_;
            skip_ws();
            std::string v = value();
            if (e.options.count(key) != 0) {
                pos_ = key_pos;
                fail("option '" + key + "' is given twice");
            }
            e.options.emplace(std::move(key), std::move(v));
            skip_ws();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                ++pos_;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == ')') {
                ++pos_;
                return e;
            }
            fail("expected ',' or ')' after an option");
        }
    }

    std::string_view s_;
    std::size_t pos_ = 0;
};

std::string quote_if_needed(const std::string& v) {
    bool bare = !v.empty();
    for (const char c : v) {
        bare = bare && is_bare_value_char(c);
    }
    if (bare) {
        return v;
    }
    std::string out = "\"";
    for (const char c : v) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

}  // namespace

ChainSpec parse_chain(std::string_view text) {
    return ChainParser(text).parse();
}

std::string ChainSpec::to_string() const {
    std::string out;
    for (const auto& e : elements) {
        if (!out.empty()) {
            out += " ! ";
        }
        out += e.name;
        if (!e.options.empty()) {
            out += '(';
            bool first = true;
            for (const auto& [k, v] : e.options) {
                out += (first ? "" : ", ") + k + "=" + quote_if_needed(v);
                first = false;
            }
            out += ')';
        }
    }
    return out;
}

}  // namespace kpproc::framework
