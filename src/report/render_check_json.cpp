#include <nlohmann/json.hpp>

#include <soc2scope/report/render.hpp>

namespace soc2scope::report {

namespace {

using Json = nlohmann::ordered_json;

// Version of the JSON report's shape (schemas/soc2scope-check.schema.json). Adding a field
// keeps it; renaming or removing one bumps it.
constexpr int k_format_version = 1;

Json location(const diag::SourceLocation& loc, const diag::SourceFiles& files) {
    if (!loc.known()) {
        return nullptr;
    }
    return Json{{"file", files.name(loc.file)}, {"line", loc.line}, {"column", loc.column}};
}

Json strings(std::span<const std::string_view> items) {
    Json out = Json::array();
    for (std::string_view s : items) {
        out.push_back(std::string(s));
    }
    return out;
}

} // namespace

std::string render_check_json(const CheckReport& r, const diag::SourceFiles& files) {
    Json j;
    j["format"] = r.command == "diff" ? "soc2scope-diff" : "soc2scope-check";
    j["format_version"] = k_format_version;
    j["tool"] = {{"name", "soc2scope"}, {"version", SOC2SCOPE_VERSION}};
    j["declaration"] = {{"file", r.file},
                        {"files", r.files},
                        {"organization", r.organization},
                        {"system", r.system},
                        {"criteria", r.audit_criteria}};
    j["baseline"] = r.baseline.empty() ? Json(nullptr) : Json(r.baseline);
    j["as_of"] = r.as_of.to_string();
    j["fail_on"] = r.fail_on ? std::string(rules::to_string(*r.fail_on)) : "never";
    j["result"] = r.failed ? "fail" : "pass";
    j["summary"] = {{"errors", r.summary.errors},
                    {"warnings", r.summary.warnings},
                    {"info", r.summary.infos},
                    {"waived", r.summary.waived}};
    Json triggers = Json::array();
    for (const TriggerStatus& t : r.triggers) {
        triggers.push_back({{"id", t.id},
                            {"title", t.title},
                            {"fired", t.fired},
                            {"why", t.why},
                            {"location", location(t.location, files)}});
    }
    j["triggers"] = std::move(triggers);
    j["criteria_touched"] = r.criteria_touched;
    Json findings = Json::array();
    for (const rules::Finding& f : r.findings) {
        Json jf;
        jf["rule"] = std::string(f.rule->id);
        jf["severity"] = std::string(rules::to_string(f.severity));
        jf["status"] = f.waived() ? "waived" : "open";
        jf["title"] = std::string(f.rule->title);
        jf["component"] = f.component.empty() ? Json(nullptr) : Json(f.component);
        jf["subject"] = f.subject;
        jf["location"] = location(f.location, files);
        jf["message"] = f.message;
        jf["remediation"] = f.remediation;
        jf["criteria"] = strings(f.rule->criteria);
        jf["evidence"] = strings(f.rule->evidence);
        if (f.waived()) {
            jf["waiver"] = {{"reason", f.waiver->reason},
                            {"approved_by", f.waiver->approved_by},
                            {"expires", f.waiver->expires.to_string()},
                            {"location", location(f.waiver->location, files)}};
        } else {
            jf["waiver"] = nullptr;
        }
        findings.push_back(std::move(jf));
    }
    j["findings"] = std::move(findings);
    return j.dump(2) + "\n";
}

} // namespace soc2scope::report
