// kpproc-serve: `kpproc serve`, which kpproc runs (see database_commands.hpp).

#include <string>
#include <vector>

#include "database_commands.hpp"

int main(int argc, char** argv) {
    return kpproc::cli::serve_command(std::vector<std::string>(argv + 1, argv + argc));
}
