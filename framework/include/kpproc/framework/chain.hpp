#pragma once
// Chain descriptions, gst-launch style:  auto ! entities ! json(pretty=true, indent=4)
//
//   chain   := element ( '!' element )*
//   element := name [ '(' [ option ( ',' option )* ] ')' ]
//   option  := key '=' value      value: bare word, or "quoted" / 'quoted' with \-escapes
//
// Names are plugin ids or short names; "auto" stands for adapter auto-detection.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "kpproc/error.hpp"

namespace kpproc::framework {

struct ChainElement {
    std::string name;
    std::map<std::string, std::string> options;
    std::size_t column = 0;  // 1-based position in the chain text, for messages
};

struct ChainSpec {
    std::vector<ChainElement> elements;
    std::string to_string() const;  // canonical form
};

// Throws kpproc::Error("chain-syntax") whose message names the column and shows a caret:
//   column 14: expected '=' after option name 'pretty'
//     auto ! json(pretty)
//                       ^
ChainSpec parse_chain(std::string_view text);

inline constexpr std::string_view kAutoAdapter = "auto";
inline constexpr std::string_view kDefaultChain = "auto ! json";

}  // namespace kpproc::framework
