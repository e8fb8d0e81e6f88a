#pragma once
// The commands over the databases kpproc's exporters write, each a program of its own that
// `kpproc` runs as git runs git-foo (`kpproc search` runs kpproc-search), so that the host
// links no database library.

#include <string>
#include <vector>

namespace kpproc::cli {

int search_command(const std::vector<std::string>& args);  // search_command.cpp
int link_command(const std::vector<std::string>& args);    // link_command.cpp
int show_command(const std::vector<std::string>& args);    // show_command.cpp
int serve_command(const std::vector<std::string>& args);   // serve_command.cpp

}  // namespace kpproc::cli
