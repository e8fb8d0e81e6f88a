#pragma once
// Plugin options: what a plugin declares it accepts (OptionSpec), and the validated values it
// receives (Options). The host validates what the user wrote — json(pretty=yes, indnt=2) —
// against the specs before it creates the plugin, so a plugin only ever sees good values.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kpproc {

enum class OptionType { string, boolean, integer, number, choice };

struct OptionSpec {
    // Default member initialisers let authors leave fields out of designated initialisers
    // without -Wmissing-field-initializers.
    std::string name{};
    OptionType type = OptionType::string;
    std::optional<std::string> default_value{};  // text form; unset = no default
    std::string description{};                   // one line, shown by `kpproc inspect`
    std::vector<std::string> choices{};          // for OptionType::choice
};

const char* to_string(OptionType type);
std::optional<OptionType> option_type_from_string(std::string_view name);

class Options {
public:
    Options() = default;

    // Checks `given` against `specs`, fills in defaults, and returns the result. Throws
    // kpproc::Error with code "unknown-option" (naming the closest known option, if any) or
    // "invalid-option" (naming the expected type or choices). `owner` names the plugin in
    // messages: "json: unknown option 'prety'; did you mean 'pretty'?"
    static Options validate(std::string_view owner, const std::vector<OptionSpec>& specs,
                            const std::map<std::string, std::string>& given);

    bool has(std::string_view name) const;
    // Typed getters; an absent option without default throws kpproc::Error("missing-option").
    std::string get_string(std::string_view name) const;
    bool get_bool(std::string_view name) const;
    std::int64_t get_int(std::string_view name) const;
    double get_number(std::string_view name) const;

    std::optional<std::string> find(std::string_view name) const;
    const std::map<std::string, std::string, std::less<>>& values() const { return values_; }

private:
    std::map<std::string, std::string, std::less<>> values_;
};

// Parses the accepted spellings of a boolean option: true/false, yes/no, on/off, 1/0.
std::optional<bool> parse_bool(std::string_view text);

}  // namespace kpproc
