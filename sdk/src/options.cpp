#include "kpproc/options.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "kpproc/error.hpp"
#include "kpproc/text.hpp"

namespace kpproc {

namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::int64_t> parse_int(std::string_view s) {
    std::int64_t v = 0;
    const char* first = s.data();
    const char* last = s.data() + s.size();
    if (first != last && *first == '+') {
        ++first;
    }
    auto [p, ec] = std::from_chars(first, last, v);
    if (ec != std::errc() || p != last || first == last) {
        return std::nullopt;
    }
    return v;
}

std::optional<double> parse_number(std::string_view s) {
    double v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || s.empty() || !std::isfinite(v)) {
        return std::nullopt;
    }
    return v;
}

// Checks one value and returns its canonical text form ("yes" -> "true").
std::string canonical_value(std::string_view owner, const OptionSpec& spec,
                            const std::string& value) {
    const auto invalid = [&](const std::string& expected) -> Error {
        return Error("invalid-option", std::string(owner) + ": option '" + spec.name +
                                           "' expects " + expected + ", not '" + value + "'");
    };
    switch (spec.type) {
        case OptionType::string:
            return value;
        case OptionType::boolean: {
            const auto b = parse_bool(value);
            if (!b) {
                throw invalid("true or false");
            }
            return *b ? "true" : "false";
        }
        case OptionType::integer:
            if (!parse_int(value)) {
                throw invalid("a whole number");
            }
            return std::to_string(*parse_int(value));
        case OptionType::number:
            if (!parse_number(value)) {
                throw invalid("a number");
            }
            return value;
        case OptionType::choice:
            if (std::find(spec.choices.begin(), spec.choices.end(), value) == spec.choices.end()) {
                throw invalid("one of " + text::join(spec.choices, ", "));
            }
            return value;
    }
    return value;
}

}  // namespace

const char* to_string(OptionType type) {
    switch (type) {
        case OptionType::string:
            return "string";
        case OptionType::boolean:
            return "bool";
        case OptionType::integer:
            return "int";
        case OptionType::number:
            return "number";
        case OptionType::choice:
            return "choice";
    }
    return "string";
}

std::optional<OptionType> option_type_from_string(std::string_view name) {
    for (auto t : {OptionType::string, OptionType::boolean, OptionType::integer, OptionType::number,
                   OptionType::choice}) {
        if (name == to_string(t)) {
            return t;
        }
    }
    return std::nullopt;
}

std::optional<bool> parse_bool(std::string_view text) {
    const std::string t = text::to_lower_ascii(text);
    if (t == "true" || t == "yes" || t == "on" || t == "1") {
        return true;
    }
    if (t == "false" || t == "no" || t == "off" || t == "0") {
        return false;
    }
    return std::nullopt;
}

Options Options::validate(std::string_view owner, const std::vector<OptionSpec>& specs,
                          const std::map<std::string, std::string>& given) {
    Options result;
    for (const auto& entry : given) {
        const std::string& name = entry.first;  // not a structured binding: lambdas capture it
        const std::string& value = entry.second;
        const auto spec = std::find_if(specs.begin(), specs.end(),
                                       [&](const OptionSpec& s) { return s.name == name; });
        if (spec == specs.end()) {
            std::string message = std::string(owner) + ": unknown option '" + name + "'";
            if (specs.empty()) {
                message += "; it takes no options";
            } else {
                const auto closest =
                    std::min_element(specs.begin(), specs.end(), [&](const auto& a, const auto& b) {
                        return edit_distance(name, a.name) < edit_distance(name, b.name);
                    });
                if (edit_distance(name, closest->name) <= 2) {
                    message += "; did you mean '" + closest->name + "'?";
                } else {
                    std::vector<std::string> names;
                    for (const auto& s : specs) {
                        names.push_back(s.name);
                    }
                    message += "; known options: " + text::join(names, ", ");
                }
            }
            throw Error("unknown-option", message);
        }
        result.values_[name] = canonical_value(owner, *spec, value);
    }
    for (const auto& spec : specs) {
        if (!result.has(spec.name) && spec.default_value) {
            result.values_[spec.name] = *spec.default_value;
        }
    }
    return result;
}

bool Options::has(std::string_view name) const {
    return values_.find(name) != values_.end();
}

std::optional<std::string> Options::find(std::string_view name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) {
        return std::nullopt;
    }
    return it->second;
}

std::string Options::get_string(std::string_view name) const {
    auto v = find(name);
    if (!v) {
        throw Error("missing-option", "option '" + std::string(name) + "' is not set");
    }
    return *v;
}

bool Options::get_bool(std::string_view name) const {
    const std::string v = get_string(name);
    const auto b = parse_bool(v);
    if (!b) {
        throw Error("invalid-option", "option '" + std::string(name) + "' is not a boolean: " + v);
    }
    return *b;
}

std::int64_t Options::get_int(std::string_view name) const {
    const std::string v = get_string(name);
    const auto i = parse_int(v);
    if (!i) {
        throw Error("invalid-option",
                    "option '" + std::string(name) + "' is not a whole number: " + v);
    }
    return *i;
}

double Options::get_number(std::string_view name) const {
    const std::string v = get_string(name);
    const auto d = parse_number(v);
    if (!d) {
        throw Error("invalid-option", "option '" + std::string(name) + "' is not a number: " + v);
    }
    return *d;
}

}  // namespace kpproc
