#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace soc2scope::util {

struct TextProblem {
    std::size_t offset = 0; // byte offset of the offending byte
    std::string what;       // e.g. "invalid UTF-8 byte 0xff"
};

// Finds the first byte that keeps `text` from being a YAML stream we accept: malformed or
// overlong UTF-8, surrogates, NUL and the C0/C1 controls YAML forbids. A parser would
// otherwise silently re-decode or stop at a NUL, and a report must never carry such bytes.
std::optional<TextProblem> check_text(std::string_view text);

} // namespace soc2scope::util
