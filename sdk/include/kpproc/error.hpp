#pragma once
// The one exception type the SDK throws and plugins are encouraged to throw: a short
// machine-readable code plus a readable sentence. The host reports both.

#include <stdexcept>
#include <string>

namespace kpproc {

class Error : public std::runtime_error {
public:
    Error(std::string code, const std::string& message)
        : std::runtime_error(message), code_(std::move(code)) {}

    // Kebab-case, stable across releases: "invalid-json", "unknown-option", …
    const std::string& code() const noexcept { return code_; }

private:
    std::string code_;
};

}  // namespace kpproc
