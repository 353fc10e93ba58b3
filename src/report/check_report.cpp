#include <cstdlib>
#include <tuple>

#include <soc2scope/report/check_report.hpp>

namespace soc2scope::report {

namespace {

// Category rank in the AICPA's order, then the numbers after it.
std::tuple<int, long, long, std::string> criteria_key(const std::string& id) {
    static constexpr std::string_view k_order[] = {"CC", "A", "PI", "C", "P"};
    std::size_t letters = 0;
    while (letters < id.size() && id[letters] >= 'A' && id[letters] <= 'Z') {
        ++letters;
    }
    const std::string_view prefix = std::string_view(id).substr(0, letters);
    int rank = 99;
    for (std::size_t i = 0; i < std::size(k_order); ++i) {
        if (k_order[i] == prefix) {
            rank = static_cast<int>(i);
        }
    }
    char* end = nullptr;
    const long major = std::strtol(id.c_str() + letters, &end, 10);
    const long minor = (end != nullptr && *end == '.') ? std::strtol(end + 1, nullptr, 10) : 0;
    return {rank, major, minor, id};
}

} // namespace

std::string key_prefix(const rules::Finding& f) {
    return f.subject.empty() ? std::string() : f.subject + ": ";
}

bool criteria_less(const std::string& a, const std::string& b) {
    return criteria_key(a) < criteria_key(b);
}

} // namespace soc2scope::report
