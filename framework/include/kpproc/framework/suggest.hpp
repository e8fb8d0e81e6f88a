#pragma once
// "Did you mean …?": the one candidate a mistyped word is closest to.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kpproc::framework {

// The candidate nearest `word` by edit distance (insertions, deletions, substitutions and
// swaps of neighbours, case ignored), if it is near enough to be what was meant: one edit for
// every three letters, at least one and at most two. None when two candidates are equally near.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// " (did you mean 'json'?)" for a match, or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace kpproc::framework
