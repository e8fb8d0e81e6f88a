// Fuzz target: the chain parser (`auto ! entities ! json(pretty=true)`). A chain that parses
// must print, with to_string(), as a chain that parses to the same elements; kpproc::Error is
// the expected answer to anything else.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "kpproc/error.hpp"

namespace {

bool same(const kpproc::framework::ChainSpec& a, const kpproc::framework::ChainSpec& b) {
    if (a.elements.size() != b.elements.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.elements.size(); ++i) {
        if (a.elements[i].name != b.elements[i].name ||
            a.elements[i].options != b.elements[i].options) {
            return false;
        }
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    kpproc::framework::ChainSpec chain;
    try {
        chain = kpproc::framework::parse_chain(text);
    } catch (const kpproc::Error&) {
        return 0;
    }
    const std::string printed = chain.to_string();
    try {
        if (!same(kpproc::framework::parse_chain(printed), chain)) {
            kpproc::fuzz::finding("the chain printed as '" + printed + "' reads differently");
        }
    } catch (const kpproc::Error& e) {
        kpproc::fuzz::finding("the chain printed as '" + printed + "' does not read: " + e.what());
    }
    return 0;
}
