// Fuzz target: the SDK's JSON reader, and the document model read from JSON. A document that
// reads must write back to JSON that reads as the same document; kpproc::Error is the expected
// answer to anything else.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "kpproc/error.hpp"
#include "kpproc/json.hpp"
#include "kpproc/model_json.hpp"

namespace {

// Equal as JSON: numbers by value, so that 0.0 read as a double and written as 0 (which reads
// as an integer) is the same number.
bool same_json(const kpproc::json::Value& a, const kpproc::json::Value& b) {
    if (a.is_number() && b.is_number()) {
        return a.is_int() && b.is_int() ? a.as_int() == b.as_int() : a.as_number() == b.as_number();
    }
    if (a.is_array() && b.is_array()) {
        const auto& x = a.as_array();
        const auto& y = b.as_array();
        return x.size() == y.size() && std::equal(x.begin(), x.end(), y.begin(), same_json);
    }
    if (a.is_object() && b.is_object()) {
        const auto& x = a.as_object();
        const auto& y = b.as_object();
        return x.size() == y.size() &&
               std::equal(x.begin(), x.end(), y.begin(), [](const auto& m, const auto& n) {
                   return m.first == n.first && same_json(m.second, n.second);
               });
    }
    return a == b;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    kpproc::json::Value value;
    try {
        value = kpproc::json::parse(text);
    } catch (const kpproc::Error&) {
        return 0;
    }
    // What was read writes out as JSON that reads back the same.
    const std::string written = kpproc::json::serialize(value);
    if (!same_json(kpproc::json::parse(written), value)) {
        kpproc::fuzz::finding("JSON did not survive a round trip: " + written.substr(0, 200));
    }
    try {
        const kpproc::Document doc = kpproc::document_from_value(value);
        if (!(kpproc::document_from_json(kpproc::to_json(doc)) == doc)) {
            kpproc::fuzz::finding("a document did not survive a round trip through JSON");
        }
    } catch (const kpproc::Error&) {
    }
    return 0;
}
