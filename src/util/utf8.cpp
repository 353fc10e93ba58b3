#include <fmt/format.h>

#include <soc2scope/util/utf8.hpp>

namespace soc2scope::util {

std::optional<TextProblem> check_text(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            if (c == 0) {
                return TextProblem{i, "NUL byte (the file looks binary)"};
            }
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                return TextProblem{i, fmt::format("control character 0x{:02x} is not allowed", c)};
            }
            ++i;
            continue;
        }
        std::size_t len = 0;
        std::uint32_t cp = 0;
        if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            cp = c & 0x1fu;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            cp = c & 0x0fu;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            cp = c & 0x07u;
        } else {
            return TextProblem{i, fmt::format("invalid UTF-8 byte 0x{:02x}", c)};
        }
        if (i + len > n) {
            return TextProblem{i, "truncated UTF-8 sequence"};
        }
        for (std::size_t k = 1; k < len; ++k) {
            const unsigned char cc = s[i + k];
            if ((cc & 0xc0u) != 0x80u) {
                return TextProblem{i,
                                   fmt::format("invalid UTF-8 sequence starting with 0x{:02x}", c)};
            }
            cp = (cp << 6) | (cc & 0x3fu);
        }
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
            return TextProblem{i, "overlong or out-of-range UTF-8 sequence"};
        }
        if (cp >= 0xd800 && cp <= 0xdfff) {
            return TextProblem{i, "UTF-8 encoded surrogate"};
        }
        if (cp == 0xfffe || cp == 0xffff) {
            return TextProblem{i, fmt::format("non-character U+{:04X} is not allowed", cp)};
        }
        if (cp >= 0x80 && cp <= 0x9f && cp != 0x85) {
            return TextProblem{i, fmt::format("control character U+{:04X} is not allowed", cp)};
        }
        i += len;
    }
    return std::nullopt;
}

} // namespace soc2scope::util
