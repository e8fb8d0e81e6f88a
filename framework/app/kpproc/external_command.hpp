#pragma once
// Commands that are programs of their own, run as git runs git-foo: `kpproc search …` runs
// kpproc-search with the same arguments. kpproc's own (search, link) are installed in
// <libexec>/kpproc; others may be anywhere on PATH.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kpproc::cli {

// The directory of kpproc's own programs: <the directory of this kpproc>/../libexec/kpproc.
std::filesystem::path own_programs_directory();

// kpproc-NAME in own_programs_directory(), else on PATH; nullopt when there is none.
std::optional<std::filesystem::path> find_external_command(const std::string& name);

// Replaces this process with `program` given `args`. Returns only when that fails, with the
// exit status of a setup error, having said why.
int run_external_command(const std::filesystem::path& program, const std::string& name,
                         const std::vector<std::string>& args);

}  // namespace kpproc::cli
