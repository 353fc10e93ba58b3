#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace soc2scope::util {

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), so that
// "scpoe" is one edit from "scope" the way a typist sees it.
std::size_t edit_distance(std::string_view a, std::string_view b);

// Whether two words differ only in case and separators ('-', '_', ' '): "Public-API" and
// "public_api", "Type 2" and "type2".
bool same_word(std::string_view a, std::string_view b);

// The candidate nearest to `word` if it is close enough to be a plausible typo: the same word
// written differently (same_word), else at most a third of the word's length in edits (and
// at least one), ties broken by candidate order.
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates);
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

std::string join(std::span<const std::string_view> parts, std::string_view sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);

// Printable form of user text inside a one-line message: control characters become \xNN
// and long values are cut, so a hostile scalar cannot forge extra lines in a diagnostic.
std::string quote_for_message(std::string_view text, std::size_t max_len = 60);

} // namespace soc2scope::util
