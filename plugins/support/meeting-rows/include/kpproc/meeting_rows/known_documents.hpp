// Which documents a database held when a batch began, kept compactly in memory: 16 bytes per
// document (16 MB for a million), read once at begin() and never changed afterwards, so any
// thread may ask it (Exporter::is_stored) while the batch writes.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace kp_rows {

class KnownDocuments {
public:
    // While the set is being built (before seal()).
    void add(std::string_view source, std::string_view sha256) {
        if (const auto digest = digest_prefix(sha256)) {
            entries_.push_back(Entry{hash_of(source), *digest});
        }
    }
    void seal() {
        std::sort(entries_.begin(), entries_.end());
        entries_.shrink_to_fit();  // no slack left from growing: 16 bytes a document
    }

    // Whether `source` was stored with the bytes whose SHA-256 is `sha256` (hex). A false "yes"
    // needs two sources whose 64-bit hashes meet AND whose digests agree in their first 64 bits:
    // about n² / 2^129 for n documents, nothing in practice.
    bool holds(std::string_view source, std::string_view sha256) const {
        const auto digest = digest_prefix(sha256);
        return digest && std::binary_search(entries_.begin(), entries_.end(),
                                            Entry{hash_of(source), *digest});
    }

    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::uint64_t source;
        std::uint64_t digest;
        friend auto operator<=>(const Entry&, const Entry&) = default;
    };

    // std::hash is enough: the set lives in one process and never reaches the disk.
    static std::uint64_t hash_of(std::string_view source) {
        return static_cast<std::uint64_t>(std::hash<std::string_view>{}(source));
    }

    // The first 8 bytes of a hex digest; none for anything that is not one (an empty sha256).
    static std::optional<std::uint64_t> digest_prefix(std::string_view hex) {
        if (hex.size() != 64) {
            return std::nullopt;
        }
        std::uint64_t value = 0;
        for (const char c : hex.substr(0, 16)) {
            const int nibble = c >= '0' && c <= '9'   ? c - '0'
                               : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                      : -1;
            if (nibble < 0) {
                return std::nullopt;
            }
            value = value << 4 | static_cast<std::uint64_t>(nibble);
        }
        return value;
    }

    std::vector<Entry> entries_;
};

}  // namespace kp_rows
