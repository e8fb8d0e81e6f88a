#include "kpproc/plugin.hpp"

#include <algorithm>

namespace kpproc::abi {

namespace {
template <std::size_t N>
void copy_truncated(char (&dest)[N], std::string_view src) {
    const std::size_t n = std::min(src.size(), N - 1);
    std::memcpy(dest, src.data(), n);
    dest[n] = '\0';
}
}  // namespace

void set_failure(kpproc_failure* failure, std::string_view code,
                 std::string_view message) noexcept {
    if (failure == nullptr) {
        return;
    }
    copy_truncated(failure->code, code);
    copy_truncated(failure->message, message);
}

DescriptorStorage::DescriptorStorage(PluginInfo info, kpproc_plugin_kind kind, BuildStamp stamp,
                                     void* (*create)(const void*, kpproc_failure*),
                                     void (*destroy)(void*))
    : info_(std::move(info)) {
    const auto c_list = [](const std::vector<std::string>& values, std::vector<const char*>& out) {
        for (const auto& v : values) {
            out.push_back(v.c_str());
        }
        out.push_back(nullptr);
    };
    c_list(info_.media_types, media_types_);
    c_list(info_.extensions, extensions_);

    option_types_.reserve(info_.options.size());
    option_choices_.reserve(info_.options.size());
    for (const auto& spec : info_.options) {
        option_types_.emplace_back(to_string(spec.type));
        std::string choices;
        for (const auto& c : spec.choices) {
            choices += (choices.empty() ? "" : "|") + c;
        }
        option_choices_.push_back(std::move(choices));
    }
    for (std::size_t i = 0; i < info_.options.size(); ++i) {
        const auto& spec = info_.options[i];
        option_specs_.push_back(kpproc_option_spec{
            spec.name.c_str(), option_types_[i].c_str(),
            spec.default_value ? spec.default_value->c_str() : nullptr,
            spec.type == OptionType::choice ? option_choices_[i].c_str() : nullptr,
            spec.description.c_str()});
    }

    descriptor_.abi_major = stamp.abi_major;
    descriptor_.abi_minor = stamp.abi_minor;
    descriptor_.struct_size = stamp.struct_size;
    descriptor_.kind = static_cast<std::uint32_t>(kind);
    descriptor_.toolchain = stamp.toolchain;
    descriptor_.id = info_.id.c_str();
    descriptor_.version = info_.version.c_str();
    descriptor_.summary = info_.summary.c_str();
    descriptor_.licence = info_.licence.empty() ? nullptr : info_.licence.c_str();
    descriptor_.flags = info_.owns_output ? KPPROC_FLAG_OWNS_OUTPUT : 0u;
    descriptor_.media_types = media_types_.data();
    descriptor_.extensions = extensions_.data();
    descriptor_.options = option_specs_.empty() ? nullptr : option_specs_.data();
    descriptor_.option_count = static_cast<std::uint32_t>(option_specs_.size());
    descriptor_.create = create;
    descriptor_.destroy = destroy;
}

}  // namespace kpproc::abi
