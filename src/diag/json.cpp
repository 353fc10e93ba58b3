#include <soc2scope/diag/json.hpp>

namespace soc2scope::diag {

namespace {

void put_location(nlohmann::json& j, const SourceLocation& loc, const SourceFiles& files) {
    if (!loc.known()) {
        j["file"] = nullptr;
        return;
    }
    j["file"] = files.name(loc.file);
    j["line"] = loc.line;
    j["column"] = loc.column;
}

} // namespace

nlohmann::json to_json(const Diagnostic& d, const SourceFiles& files) {
    nlohmann::json j = nlohmann::json::object();
    j["severity"] = severity_name(d.severity);
    put_location(j, d.location, files);
    j["path"] = d.key_path;
    j["message"] = d.message;
    nlohmann::json notes = nlohmann::json::array();
    for (const Note& n : d.notes) {
        nlohmann::json jn = nlohmann::json::object();
        put_location(jn, n.location, files);
        jn["message"] = n.message;
        notes.push_back(std::move(jn));
    }
    j["notes"] = std::move(notes);
    return j;
}

nlohmann::json to_json(const Diagnostics& ds, const SourceFiles& files) {
    nlohmann::json out = nlohmann::json::array();
    for (const Diagnostic& d : ds.items()) {
        out.push_back(to_json(d, files));
    }
    return out;
}

} // namespace soc2scope::diag
