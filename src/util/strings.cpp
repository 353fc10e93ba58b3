#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include <soc2scope/util/strings.hpp>

namespace soc2scope::util {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) {
        prev[j] = j;
    }
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
            }
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

bool same_word(std::string_view a, std::string_view b) {
    auto next = [](std::string_view w, std::size_t& i) {
        while (i < w.size() && (w[i] == '-' || w[i] == '_' || w[i] == ' ')) {
            ++i;
        }
        return i < w.size() ? std::tolower(static_cast<unsigned char>(w[i++])) : -1;
    };
    std::size_t i = 0;
    std::size_t j = 0;
    for (;;) {
        const int x = next(a, i);
        const int y = next(b, j);
        if (x != y) {
            return false;
        }
        if (x < 0) {
            return true;
        }
    }
}

std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates) {
    for (std::string_view c : candidates) {
        if (same_word(word, c)) {
            return std::string(c);
        }
    }
    const std::size_t limit = std::max<std::size_t>(1, (word.size() + 2) / 3);
    std::optional<std::string> best;
    std::size_t best_distance = limit + 1;
    for (std::string_view c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = std::string(c);
        }
    }
    return best;
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
    std::vector<std::string_view> views(candidates.begin(), candidates.end());
    return closest_match(word, std::span<const std::string_view>(views));
}

std::string join(std::span<const std::string_view> parts, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) {
            out += sep;
        }
        out += parts[i];
    }
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::vector<std::string_view> views(parts.begin(), parts.end());
    return join(std::span<const std::string_view>(views), sep);
}

std::string quote_for_message(std::string_view text, std::size_t max_len) {
    // The common case, plain text within the limit, is a copy.
    if (text.size() <= max_len && std::none_of(text.begin(), text.end(), [](char ch) {
            const auto c = static_cast<unsigned char>(ch);
            return c < 0x20 || c == 0x7f;
        })) {
        return std::string(text);
    }
    std::string out;
    std::size_t shown = 0;
    for (char ch : text) {
        if (shown == max_len) {
            out += "...";
            break;
        }
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7f) {
            out += fmt::format("\\x{:02x}", c);
        } else {
            out += ch;
        }
        ++shown;
    }
    return out;
}

} // namespace soc2scope::util
