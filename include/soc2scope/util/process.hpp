#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <soc2scope/util/result.hpp>

namespace soc2scope::util {

struct ProcessOutput {
    int status = -1; // exit status, or -1 if it did not exit normally
    std::string out;
    std::string err;
};

// Runs `argv` directly (no shell, so nothing in an argument is ever interpreted), captures
// stdout up to `max_output` bytes, and waits for it. The error is for failing to start it.
Result<ProcessOutput, std::string> run_process(const std::vector<std::string>& argv,
                                               std::uint64_t max_output);

} // namespace soc2scope::util
