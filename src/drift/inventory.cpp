#include <algorithm>
#include <fnmatch.h>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <soc2scope/drift/inventory.hpp>

namespace soc2scope::drift {

using nlohmann::json;

namespace {

using R = Result<std::vector<Resource>, std::string>;

// A string member, or `fallback` when it is missing or not a string: json::value() throws on
// a type mismatch, and an inventory is untrusted input (found by fuzz_inputs).
std::string text_of(const json& object, const char* key, std::string fallback = {}) {
    if (object.is_object()) {
        auto it = object.find(key);
        if (it != object.end() && it->is_string()) {
            return it->get<std::string>();
        }
    }
    return fallback;
}

std::map<std::string, std::string> tags_of(const json& values) {
    std::map<std::string, std::string> out;
    for (const char* key : {"tags_all", "tags"}) {
        if (values.contains(key) && values[key].is_object()) {
            for (const auto& [k, v] : values[key].items()) {
                if (v.is_string()) {
                    out[k] = v.get<std::string>();
                }
            }
        }
    }
    return out;
}

// A module and its children, depth first; a module nested absurdly deep is refused.
void collect_module(const json& module, std::vector<Resource>& out, std::set<std::string>& seen,
                    int depth) {
    if (depth > 64 || !module.is_object()) {
        return;
    }
    if (module.contains("resources") && module["resources"].is_array()) {
        for (const auto& r : module["resources"]) {
            if (!r.is_object() || text_of(r, "mode", "managed") != "managed") {
                continue;
            }
            Resource res;
            res.type = text_of(r, "type");
            res.name = text_of(r, "name");
            res.address = text_of(r, "address", fmt::format("{}.{}", res.type, res.name));
            if (r.contains("values") && r["values"].is_object()) {
                res.tags = tags_of(r["values"]);
            }
            if (!res.type.empty() && seen.insert(res.address).second) {
                out.push_back(std::move(res));
            }
        }
    }
    if (module.contains("child_modules") && module["child_modules"].is_array()) {
        for (const auto& child : module["child_modules"]) {
            collect_module(child, out, seen, depth + 1);
        }
    }
}

R parse_json_inventory(std::string_view text) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) {
        return R::failure(fmt::format("not valid JSON: {}", e.what()));
    }
    std::vector<Resource> out;
    std::set<std::string> seen;
    auto root_of = [&](const json& holder) -> const json* {
        if (holder.is_object() && holder.contains("root_module")) {
            return &holder["root_module"];
        }
        return nullptr;
    };
    bool terraform = false;
    if (j.is_object()) {
        for (const json* candidate :
             {j.contains("planned_values") ? root_of(j["planned_values"]) : nullptr,
              j.contains("values") ? root_of(j["values"]) : nullptr,
              j.contains("prior_state") && j["prior_state"].contains("values")
                  ? root_of(j["prior_state"]["values"])
                  : nullptr}) {
            if (candidate != nullptr) {
                terraform = true;
                collect_module(*candidate, out, seen, 0);
            }
        }
    }
    if (terraform) {
        return out;
    }
    const json* list =
        j.is_array() ? &j : (j.is_object() && j.contains("resources") ? &j["resources"] : nullptr);
    if (list == nullptr || !list->is_array()) {
        return R::failure("expected Terraform JSON (terraform show -json), a list of resources, or "
                          "{\"resources\": [...]}");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const json& r = (*list)[i];
        if (!r.is_object() || !r.contains("type") || !r["type"].is_string()) {
            return R::failure(fmt::format("resource {} has no \"type\"", i));
        }
        Resource res;
        res.type = r["type"].get<std::string>();
        res.name = text_of(r, "name");
        res.address = text_of(r, "address", fmt::format("{}.{}", res.type, res.name));
        res.tags = tags_of(r);
        if (seen.insert(res.address).second) {
            out.push_back(std::move(res));
        }
    }
    return out;
}

std::vector<std::string> split_csv_line(const std::string& line) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                cells.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cells.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            cells.emplace_back();
        } else if (c != '\r') {
            cells.back() += c;
        }
    }
    return cells;
}

R parse_csv_inventory(std::string_view text) {
    std::istringstream in{std::string(text)};
    std::string line;
    if (!std::getline(in, line)) {
        return R::failure("empty CSV");
    }
    const auto header = split_csv_line(line);
    auto column = [&](std::string_view name) -> int {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (header[i] == name) {
                return static_cast<int>(i);
            }
        }
        return -1;
    };
    const int type = column("type");
    const int name = column("name");
    const int address = column("address");
    const int tags = column("tags");
    if (type < 0) {
        return R::failure("the CSV header has no \"type\" column");
    }
    std::vector<Resource> out;
    std::set<std::string> seen;
    int row = 1;
    while (std::getline(in, line)) {
        ++row;
        if (line.empty() || line == "\r") {
            continue;
        }
        const auto cells = split_csv_line(line);
        auto cell = [&](int i) -> std::string {
            return i >= 0 && static_cast<std::size_t>(i) < cells.size()
                       ? cells[static_cast<std::size_t>(i)]
                       : "";
        };
        Resource r;
        r.type = cell(type);
        r.name = cell(name);
        r.address = address >= 0 && !cell(address).empty() ? cell(address)
                                                           : fmt::format("{}.{}", r.type, r.name);
        std::istringstream pairs(cell(tags));
        std::string pair;
        while (std::getline(pairs, pair, ';')) {
            const auto eq = pair.find('=');
            if (eq != std::string::npos) {
                r.tags[pair.substr(0, eq)] = pair.substr(eq + 1);
            }
        }
        if (r.type.empty()) {
            return R::failure(fmt::format("row {} has no type", row));
        }
        if (seen.insert(r.address).second) {
            out.push_back(std::move(r));
        }
    }
    return out;
}

bool glob(const std::string& pattern, const std::string& text) {
    return ::fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

R parse_inventory_unchecked(std::string_view text, std::string_view file_name);

} // namespace

R parse_inventory(std::string_view text, std::string_view file_name) {
    try {
        return parse_inventory_unchecked(text, file_name);
    } catch (const json::exception& e) {
        return R::failure(fmt::format("not a usable inventory: {}", e.what()));
    }
}

namespace {

R parse_inventory_unchecked(std::string_view text, std::string_view file_name) {
    const auto first = text.find_first_not_of(" \t\r\n\xef\xbb\xbf");
    const bool json_like =
        first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
    if (json_like || file_name.ends_with(".json")) {
        return parse_json_inventory(text);
    }
    return parse_csv_inventory(text);
}

} // namespace

bool matches(const model::MatchSelector& s, const Resource& r) {
    if (s.type.present() && !glob(s.type.value, r.type)) {
        return false;
    }
    if (s.name.present() && !glob(s.name.value, r.name)) {
        return false;
    }
    for (const auto& [key, value] : s.tags) {
        auto it = r.tags.find(key);
        if (it == r.tags.end() || !glob(value, it->second)) {
            return false;
        }
    }
    return true;
}

InventoryResult compare_inventory(const model::Declaration& decl,
                                  const std::vector<Resource>& resources) {
    InventoryResult out;
    std::vector<bool> used(decl.components.size(), false);
    for (const Resource& r : resources) {
        bool claimed = false;
        for (std::size_t i = 0; i < decl.components.size(); ++i) {
            for (const auto& sel : decl.components[i].match) {
                if (matches(sel, r)) {
                    claimed = true;
                    used[i] = true;
                }
            }
        }
        if (!claimed) {
            out.undeclared.push_back(&r);
        }
    }
    for (std::size_t i = 0; i < decl.components.size(); ++i) {
        if (!decl.components[i].match.empty() && !used[i]) {
            out.unmatched.push_back(&decl.components[i]);
        }
    }
    return out;
}

} // namespace soc2scope::drift
