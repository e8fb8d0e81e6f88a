#pragma once
// A small JSON value, reader and streaming writer. The SDK depends only on the standard
// library (plugins must not inherit a JSON library from it), so it carries its own.
//
// The reader is strict RFC 8259 with a nesting limit, so hostile input yields a kpproc::Error
// naming the line and column instead of a crash. The writer always emits valid UTF-8: bytes
// that are not valid UTF-8 are written as U+FFFD.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace kpproc::json {

class Value;
using Array = std::vector<Value>;
// Insertion-ordered, so documents serialise with their fields in a stable, readable order.
using Object = std::vector<std::pair<std::string, Value>>;

class Value {
public:
    using Storage =
        std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object>;

    Value() : v_(nullptr) {}
    Value(std::nullptr_t) : v_(nullptr) {}
    Value(bool b) : v_(b) {}
    Value(int i) : v_(static_cast<std::int64_t>(i)) {}
    Value(std::int64_t i) : v_(i) {}
    Value(std::uint64_t i) : v_(static_cast<std::int64_t>(i)) {}
    Value(double d) : v_(d) {}
    Value(const char* s) : v_(std::string(s)) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(std::string_view s) : v_(std::string(s)) {}
    Value(Array a) : v_(std::move(a)) {}
    Value(Object o) : v_(std::move(o)) {}

    bool is_null() const { return std::holds_alternative<std::nullptr_t>(v_); }
    bool is_bool() const { return std::holds_alternative<bool>(v_); }
    bool is_int() const { return std::holds_alternative<std::int64_t>(v_); }
    bool is_number() const { return is_int() || std::holds_alternative<double>(v_); }
    bool is_string() const { return std::holds_alternative<std::string>(v_); }
    bool is_array() const { return std::holds_alternative<Array>(v_); }
    bool is_object() const { return std::holds_alternative<Object>(v_); }

    // Typed access; a wrong type throws kpproc::Error("json-type", …).
    bool as_bool() const;
    std::int64_t as_int() const;
    double as_number() const;
    const std::string& as_string() const;
    const Array& as_array() const;
    Array& as_array();
    const Object& as_object() const;
    Object& as_object();

    // Object member lookup; nullptr when absent (or when this is not an object).
    const Value* find(std::string_view key) const;

    const char* type_name() const;
    const Storage& storage() const { return v_; }

    friend bool operator==(const Value& a, const Value& b) { return a.v_ == b.v_; }

private:
    Storage v_;
};

struct ParseLimits {
    std::size_t max_depth = 256;
};

// Parses one JSON text. Throws kpproc::Error("invalid-json", "line L, column C: …").
Value parse(std::string_view text, ParseLimits limits = {});

// Streaming writer: the model serialiser writes straight into the output string, with no
// intermediate tree. Callers keep keys and values paired; the writer handles commas/indent.
class Writer {
public:
    explicit Writer(std::string& out, int indent = 0) : out_(out), indent_(indent) {}

    Writer& begin_object();
    Writer& end_object();
    Writer& begin_array();
    Writer& end_array();
    Writer& key(std::string_view k);
    Writer& null();
    Writer& boolean(bool b);
    Writer& integer(std::int64_t i);
    Writer& number(double d);
    Writer& string(std::string_view s);
    Writer& value(const Value& v);

private:
    void before_value();
    void newline();
    Writer& close(char bracket);

    std::string& out_;
    int indent_;
    // One entry per open container: number of members written so far.
    std::vector<std::size_t> counts_;
    bool after_key_ = false;
};

// Serialises a value; indent 0 is compact (one line), otherwise that many spaces per level.
std::string serialize(const Value& v, int indent = 0);

// Appends `s` as a quoted JSON string (escaping, invalid UTF-8 -> U+FFFD).
void append_quoted(std::string& out, std::string_view s);

}  // namespace kpproc::json
