#include <soc2scope/diag/json.hpp>

namespace soc2scope::diag {

namespace {

void put_location(nlohmann::ordered_json& j, const SourceLocation& loc, const SourceFiles& files) {
    if (!loc.known()) {
        j["file"] = nullptr;
        return;
    }
    j["file"] = files.name(loc.file);
    j["line"] = loc.line;
    j["column"] = loc.column;
}

} // namespace

nlohmann::ordered_json to_json(const Diagnostic& d, const SourceFiles& files) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["severity"] = severity_name(d.severity);
    put_location(j, d.location, files);
    j["path"] = d.key_path;
    j["message"] = d.message;
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const Note& n : d.notes) {
        nlohmann::ordered_json jn = nlohmann::ordered_json::object();
        put_location(jn, n.location, files);
        jn["message"] = n.message;
        notes.push_back(std::move(jn));
    }
    j["notes"] = std::move(notes);
    return j;
}

nlohmann::ordered_json to_json(const Diagnostics& ds, const SourceFiles& files) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Diagnostic& d : ds.items()) {
        out.push_back(to_json(d, files));
    }
    return out;
}

} // namespace soc2scope::diag
