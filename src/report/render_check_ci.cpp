#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <soc2scope/report/evidence_render.hpp>
#include <soc2scope/report/render.hpp>
#include <soc2scope/util/sha256.hpp>
#include <soc2scope/util/strings.hpp>

namespace soc2scope::report {

namespace {

using Json = nlohmann::ordered_json;

std::string_view sarif_level(rules::Severity s) {
    switch (s) {
    case rules::Severity::Error:
        return "error";
    case rules::Severity::Warning:
        return "warning";
    case rules::Severity::Info:
        return "note";
    }
    return "note";
}

std::string file_of(const rules::Finding& f, const diag::SourceFiles& files) {
    return f.location.known() ? files.name(f.location.file) : std::string();
}

// Stable identity for a finding across edits: the rule, the file and the key path, never the
// line, so code scanning keeps tracking a finding when lines move.
std::string fingerprint(const rules::Finding& f, const diag::SourceFiles& files) {
    return util::sha256_hex(fmt::format("{}|{}|{}", f.rule->id, file_of(f, files), f.subject))
        .substr(0, 32);
}

bool failing(const CheckReport& r, const rules::Finding& f) {
    return !f.waived() && r.fail_on && f.severity >= *r.fail_on;
}

} // namespace

std::string render_check_sarif(const CheckReport& r, const diag::SourceFiles& files) {
    Json driver;
    driver["name"] = "soc2scope";
    driver["version"] = SOC2SCOPE_VERSION;
    driver["semanticVersion"] = SOC2SCOPE_VERSION;
    Json rule_list = Json::array();
    std::map<std::string_view, std::size_t> index;
    for (const rules::RuleInfo& rule : rules::all_rules()) {
        index[rule.id] = rule_list.size();
        Json tags = Json::array({"soc2", "compliance"});
        for (std::string_view c : rule.criteria) {
            tags.push_back(fmt::format("TSC-{}", c));
        }
        rule_list.push_back(
            {{"id", std::string(rule.id)},
             {"name", std::string(rule.id)},
             {"shortDescription", {{"text", std::string(rule.title)}}},
             {"fullDescription", {{"text", std::string(rule.rationale)}}},
             {"help",
              {{"text", fmt::format("{}\n\nFix: {}\n\nCriteria: {}", rule.rationale,
                                    rule.remediation, util::join(rule.criteria, ", "))},
               {"markdown",
                fmt::format("**{}**\n\n{}\n\n**Fix:** {}\n\n**Trust Services Criteria:** {}",
                            rule.title, rule.rationale, rule.remediation,
                            util::join(rule.criteria, ", "))}}},
             {"defaultConfiguration", {{"level", std::string(sarif_level(rule.severity))}}},
             {"properties", {{"tags", tags}}}});
    }
    driver["rules"] = std::move(rule_list);

    Json results = Json::array();
    for (const rules::Finding& f : r.findings) {
        Json res;
        res["ruleId"] = std::string(f.rule->id);
        res["ruleIndex"] = index[f.rule->id];
        res["level"] = std::string(sarif_level(f.severity));
        res["message"] = {{"text", f.message + ". Fix: " + f.remediation}};
        if (f.location.known()) {
            Json physical = {
                {"artifactLocation", {{"uri", file_of(f, files)}}},
                {"region", {{"startLine", f.location.line}, {"startColumn", f.location.column}}}};
            Json location = {{"physicalLocation", physical}};
            if (!f.subject.empty()) {
                // The key the finding is about, as SARIF names a place inside an artifact.
                location["logicalLocations"] =
                    Json::array({{{"fullyQualifiedName", f.subject}, {"kind", "member"}}});
            }
            res["locations"] = Json::array({location});
        }
        res["partialFingerprints"] = {{"soc2scopeFinding/v1", fingerprint(f, files)}};
        res["properties"] = {{"subject", f.subject}};
        if (!f.component.empty()) {
            res["properties"]["component"] = f.component;
        }
        if (f.waived()) {
            res["suppressions"] =
                Json::array({{{"kind", "external"},
                              {"status", "accepted"},
                              {"justification", fmt::format("{} (approved by {}, until {})",
                                                            f.waiver->reason, f.waiver->approved_by,
                                                            f.waiver->expires.to_string())}}});
        }
        results.push_back(std::move(res));
    }

    Json run;
    run["tool"] = {{"driver", std::move(driver)}};
    run["automationDetails"] = {{"id", fmt::format("soc2scope/check/{}/", r.file)}};
    run["results"] = std::move(results);
    run["properties"] = {{"asOf", r.as_of.to_string()},
                         {"result", r.failed ? "fail" : "pass"},
                         {"criteriaTouched", r.criteria_touched}};
    Json sarif;
    sarif["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
    sarif["version"] = "2.1.0";
    sarif["runs"] = Json::array({std::move(run)});
    return sarif.dump(2) + "\n";
}

std::string xml_escape(std::string_view text) {
    // HTML's escaping is valid XML; XML 1.0 additionally cannot carry most control characters.
    std::string kept;
    kept.reserve(text.size());
    for (char ch : text) {
        if (static_cast<unsigned char>(ch) >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
            kept += ch;
        }
    }
    return html_escape(kept);
}

std::string render_check_junit(const CheckReport& r, const diag::SourceFiles& files) {
    struct Case {
        std::string classname;
        std::string name;
        std::string body;
        bool failure = false;
        bool skipped = false;
    };
    std::vector<Case> cases;
    std::map<std::string, int> seen; // classname + name must be unique
    auto unique = [&](const std::string& classname, std::string name) {
        const int n = ++seen[classname + "\n" + name];
        return n == 1 ? name : fmt::format("{} #{}", name, n);
    };
    std::map<std::string_view, bool> fired;
    for (const rules::Finding& f : r.findings) {
        fired[f.rule->id] = true;
        Case c;
        c.classname = fmt::format("soc2scope.{}", f.rule->id);
        c.name = unique(c.classname, f.subject.empty() ? "declaration" : f.subject);
        const std::string where =
            f.location.known()
                ? fmt::format("{}:{}:{}", file_of(f, files), f.location.line, f.location.column)
                : r.file;
        if (f.waived()) {
            c.skipped = true;
            c.body = fmt::format(
                "<skipped message=\"{}\"/>",
                xml_escape(fmt::format("waived by {} until {}: {}", f.waiver->approved_by,
                                       f.waiver->expires.to_string(), f.waiver->reason)));
        } else if (failing(r, f)) {
            c.failure = true;
            c.body = fmt::format(
                "<failure message=\"{}\" type=\"{}\">{}: {}\nFix: {}\nCriteria: {}</failure>",
                xml_escape(f.message), rules::to_string(f.severity), xml_escape(where),
                xml_escape(f.message), xml_escape(f.remediation),
                xml_escape(util::join(f.rule->criteria, ", ")));
        } else {
            c.body =
                fmt::format("<system-out>{} ({}, below --fail-on): {}</system-out>",
                            xml_escape(where), rules::to_string(f.severity), xml_escape(f.message));
        }
        cases.push_back(std::move(c));
    }
    // Every other rule passed: one case each, so dashboards show what was checked.
    for (const rules::RuleInfo& rule : rules::all_rules()) {
        if (!fired.contains(rule.id)) {
            cases.push_back(
                {fmt::format("soc2scope.{}", rule.id), "declaration", "", false, false});
        }
    }
    std::size_t failures = 0;
    std::size_t skipped = 0;
    for (const Case& c : cases) {
        failures += c.failure ? 1 : 0;
        skipped += c.skipped ? 1 : 0;
    }
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += fmt::format("<testsuites name=\"soc2scope\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
                       "skipped=\"{}\">\n",
                       cases.size(), failures, skipped);
    out += fmt::format(
        "  <testsuite name=\"soc2scope check {}\" tests=\"{}\" failures=\"{}\" errors=\"0\" "
        "skipped=\"{}\" timestamp=\"{}T00:00:00\">\n",
        xml_escape(r.file), cases.size(), failures, skipped, r.as_of.to_string());
    for (const Case& c : cases) {
        if (c.body.empty()) {
            out += fmt::format("    <testcase classname=\"{}\" name=\"{}\"/>\n",
                               xml_escape(c.classname), xml_escape(c.name));
        } else {
            out += fmt::format("    <testcase classname=\"{}\" name=\"{}\">{}</testcase>\n",
                               xml_escape(c.classname), xml_escape(c.name), c.body);
        }
    }
    out += "  </testsuite>\n</testsuites>\n";
    return out;
}

std::string github_data(std::string_view text) {
    std::string out;
    for (char ch : text) {
        switch (ch) {
        case '%':
            out += "%25";
            break;
        case '\r':
            out += "%0D";
            break;
        case '\n':
            out += "%0A";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

std::string github_property(std::string_view text) {
    std::string out;
    for (char ch : github_data(text)) {
        switch (ch) {
        case ':':
            out += "%3A";
            break;
        case ',':
            out += "%2C";
            break;
        default:
            out += ch;
        }
    }
    return out;
}

std::string render_diagnostics_github(const diag::Diagnostics& diags,
                                      const diag::SourceFiles& files) {
    std::string out;
    for (const diag::Diagnostic& d : diags.items()) {
        const std::string_view level = d.severity == diag::Severity::Error     ? "error"
                                       : d.severity == diag::Severity::Warning ? "warning"
                                                                               : "notice";
        std::string props;
        if (d.location.known()) {
            props =
                fmt::format("file={},line={},col={},", github_property(files.name(d.location.file)),
                            d.location.line, d.location.column);
        }
        props += fmt::format("title={}", github_property("soc2scope: invalid declaration"));
        out += fmt::format("::{} {}::{}\n", level, props,
                           github_data(d.key_path.empty()
                                           ? d.message
                                           : fmt::format("{}: {}", d.key_path, d.message)));
    }
    return out;
}

std::string render_check_github(const CheckReport& r, const diag::SourceFiles& files) {
    // GitHub shows at most 10 annotations of each level per step: the most severe first, and
    // one notice that says what was left out.
    constexpr std::size_t k_per_level = 10;
    std::vector<const rules::Finding*> open;
    for (const rules::Finding& f : r.findings) {
        if (!f.waived()) {
            open.push_back(&f);
        }
    }
    std::stable_sort(open.begin(), open.end(),
                     [](const auto* a, const auto* b) { return a->severity > b->severity; });
    std::string out;
    std::map<rules::Severity, std::size_t> shown;
    std::size_t omitted = 0;
    const bool will_summarize = [&] {
        std::map<rules::Severity, std::size_t> n;
        for (const auto* f : open) {
            ++n[f->severity];
        }
        return n[rules::Severity::Error] > k_per_level ||
               n[rules::Severity::Warning] > k_per_level || n[rules::Severity::Info] >= k_per_level;
    }();
    for (const rules::Finding* f : open) {
        const std::size_t limit =
            f->severity == rules::Severity::Info && will_summarize ? k_per_level - 1 : k_per_level;
        if (shown[f->severity] >= limit) {
            ++omitted;
            continue;
        }
        ++shown[f->severity];
        const std::string_view level = f->severity == rules::Severity::Error     ? "error"
                                       : f->severity == rules::Severity::Warning ? "warning"
                                                                                 : "notice";
        std::string props;
        if (f->location.known()) {
            props = fmt::format("file={},line={},col={},", github_property(file_of(*f, files)),
                                f->location.line, f->location.column);
        }
        props += fmt::format("title={}", github_property(fmt::format("soc2scope {}", f->rule->id)));
        out += fmt::format(
            "::{} {}::{}\n", level, props,
            github_data(fmt::format("{}{}\nFix: {}", key_prefix(*f), f->message, f->remediation)));
    }
    if (omitted > 0) {
        out += fmt::format(
            "::notice title=soc2scope::{}\n",
            github_data(fmt::format("{} more finding{} not shown as annotations (GitHub "
                                    "shows 10 per level); run soc2scope check for all of them",
                                    omitted, omitted == 1 ? "" : "s")));
    }
    out += fmt::format("soc2scope: {}: {} errors, {} warnings, {} info, {} waived\n",
                       r.failed ? "FAIL" : "PASS", r.summary.errors, r.summary.warnings,
                       r.summary.infos, r.summary.waived);
    return out;
}

} // namespace soc2scope::report
