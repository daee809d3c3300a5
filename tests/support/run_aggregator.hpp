// Runs the real wardvoice-aggregator binary with arguments (and optional standard input) and
// returns its exit status and everything it printed, for tests of the command line.
#pragma once

#include <array>
#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace wardvoice::testing {

struct ToolOutput {
    int status = -1;  ///< exit status, -1 when it did not exit normally
    std::string text; ///< standard output and standard error together
};

/// `input` (one line, no single quotes) is piped to standard input when not empty.
inline ToolOutput runAggregator(const std::string& args, const std::string& input = "") {
    std::string command =
        std::string(WARDVOICE_BIN_DIR) + "/wardvoice-aggregator " + args + " 2>&1";
    if (!input.empty()) {
        command = "printf '%s\\n' '" + input + "' | " + command;
    }
    ToolOutput out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return out;
    }
    std::array<char, 4096> buffer{};
    std::size_t got = 0;
    while ((got = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        out.text.append(buffer.data(), got);
    }
    const int status = pclose(pipe);
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return out;
}

} // namespace wardvoice::testing
