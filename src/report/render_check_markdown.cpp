#include <fmt/format.h>

#include <soc2scope/report/render.hpp>
#include <soc2scope/util/strings.hpp>

namespace soc2scope::report {

namespace {

std::string where(const diag::SourceLocation& loc, const diag::SourceFiles& files) {
    if (!loc.known()) {
        return "";
    }
    return fmt::format("`{}:{}:{}`", files.name(loc.file), loc.line, loc.column);
}

const char* severity_badge(const rules::Finding& f) {
    if (f.waived()) {
        return "waived";
    }
    switch (f.severity) {
    case rules::Severity::Error:
        return "**error**";
    case rules::Severity::Warning:
        return "warning";
    case rules::Severity::Info:
        return "info";
    }
    return "";
}

} // namespace

std::string render_check_markdown(const CheckReport& r, const diag::SourceFiles& files) {
    std::string out;
    out += fmt::format("# SOC 2 scope {}: {}\n\n", r.command, markdown_cell(r.system));
    if (!r.baseline.empty()) {
        out += fmt::format("Compared with {}.\n\n", markdown_cell(r.baseline));
    }
    out += fmt::format("{} · `{}` · as of {} · criteria: {} · **{}** (fail-on: {})\n\n",
                       markdown_cell(r.organization), markdown_cell(r.file), r.as_of.to_string(),
                       util::join(r.audit_criteria, ", "), r.failed ? "FAIL" : "PASS",
                       r.fail_on ? rules::to_string(*r.fail_on) : "never");
    out += "| Errors | Warnings | Info | Waived |\n|---:|---:|---:|---:|\n";
    out += fmt::format("| {} | {} | {} | {} |\n\n", r.summary.errors, r.summary.warnings,
                       r.summary.infos, r.summary.waived);

    out += "## Triggers\n\n| Trigger | Fires | Why |\n|---|---|---|\n";
    for (const TriggerStatus& t : r.triggers) {
        out += fmt::format("| {} | {} | {} |\n", markdown_cell(t.title), t.fired ? "yes" : "no",
                           markdown_cell(t.why));
    }

    out += "\n## Findings\n";
    if (r.findings.empty()) {
        out += r.command == "diff"
                   ? "\nNo changes to the boundary.\n"
                   : "\nNo findings: the declared scope is consistent with every built-in rule.\n";
    }
    std::optional<rules::Family> family;
    for (const rules::Finding& f : r.findings) {
        if (family != f.rule->family) {
            family = f.rule->family;
            out += fmt::format("\n### {}\n\n", rules::family_title(*family));
            out += "| Severity | Rule | Where | Finding | Fix | Criteria |\n"
                   "|---|---|---|---|---|---|\n";
        }
        std::string fix = markdown_cell(f.remediation);
        if (f.waived()) {
            fix = fmt::format("Waived by {} until {}: {}", markdown_cell(f.waiver->approved_by),
                              f.waiver->expires.to_string(), markdown_cell(f.waiver->reason));
        }
        out +=
            fmt::format("| {} | `{}` | {} | {} | {} | {} |\n", severity_badge(f), f.rule->id,
                        markdown_cell(where(f.location, files) +
                                      (f.subject.empty() ? "" : fmt::format("\n`{}`", f.subject))),
                        markdown_cell(f.message), fix,
                        util::join(std::span<const std::string_view>(f.rule->criteria), ", "));
    }
    out += fmt::format("\n## Criteria touched\n\n{}\n",
                       r.criteria_touched.empty() ? "None." : util::join(r.criteria_touched, ", "));
    return out;
}

} // namespace soc2scope::report
