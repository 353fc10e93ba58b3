#include <fmt/format.h>

#include <soc2scope/report/render.hpp>
#include <soc2scope/util/strings.hpp>

namespace soc2scope::report {

namespace {

struct Palette {
    bool on;
    std::string paint(std::string_view code, std::string_view text) const {
        return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
    }
    std::string severity(rules::Severity s, bool waived) const {
        if (waived) {
            return paint("1;32", "waived");
        }
        switch (s) {
        case rules::Severity::Error:
            return paint("1;31", "error");
        case rules::Severity::Warning:
            return paint("1;35", "warning");
        case rules::Severity::Info:
            return paint("1;36", "info");
        }
        return "";
    }
};

std::string where(const diag::SourceLocation& loc, const diag::SourceFiles& files) {
    if (!loc.known()) {
        return "soc2scope";
    }
    return fmt::format("{}:{}:{}", terminal_text(files.name(loc.file)), loc.line, loc.column);
}

std::string counts(const Summary& s) {
    auto n = [](std::size_t count, std::string_view one, std::string_view many) {
        return fmt::format("{} {}", count, count == 1 ? one : many);
    };
    return fmt::format("{}, {}, {}, {}", n(s.errors, "error", "errors"),
                       n(s.warnings, "warning", "warnings"), n(s.infos, "info", "info"),
                       n(s.waived, "waived", "waived"));
}

} // namespace

std::string render_check_text(const CheckReport& r, const diag::SourceFiles& files, bool color) {
    const Palette p{color};
    std::string out;
    out += p.paint("1", fmt::format("soc2scope {}: {} ({})", r.command, terminal_text(r.system),
                                    terminal_text(r.organization)));
    out += '\n';
    if (!r.baseline.empty()) {
        out += fmt::format("compared with {}\n", terminal_text(r.baseline));
    }
    out += fmt::format("declaration {} ({} file{}), as of {}, criteria: {}\n",
                       terminal_text(r.file), r.files.size(), r.files.size() == 1 ? "" : "s",
                       r.as_of.to_string(), util::join(r.audit_criteria, ", "));

    out += "\nTriggers\n";
    for (const TriggerStatus& t : r.triggers) {
        out += fmt::format("  {}  {}: {}\n", t.fired ? p.paint("1", "on ") : "off", t.title, t.why);
    }

    std::optional<rules::Family> family;
    for (const rules::Finding& f : r.findings) {
        if (family != f.rule->family) {
            family = f.rule->family;
            out += '\n';
            out += p.paint("1;4", rules::family_title(*family));
            out += '\n';
        }
        out += fmt::format("{}: {}: [{}] {}{}\n", p.paint("1", where(f.location, files)),
                           p.severity(f.severity, f.waived()), f.rule->id,
                           terminal_text(key_prefix(f)), terminal_text(f.message));
        if (f.waived()) {
            const auto& w = *f.waiver;
            out += fmt::format("    waived by {} until {}: {}\n", terminal_text(w.approved_by),
                               w.expires.to_string(), terminal_text(w.reason));
        } else {
            out += fmt::format("    fix: {}\n", terminal_text(f.remediation));
        }
        out += fmt::format("    criteria: {}\n",
                           util::join(std::span<const std::string_view>(f.rule->criteria), ", "));
    }
    if (r.findings.empty()) {
        out += r.command == "diff"
                   ? "\nNo changes to the boundary.\n"
                   : "\nNo findings: the declared scope is consistent with every built-in rule.\n";
    }

    out += fmt::format("\nCriteria touched: {}\n",
                       r.criteria_touched.empty() ? "none" : util::join(r.criteria_touched, ", "));
    const std::string verdict = r.failed ? p.paint("1;31", "FAIL") : p.paint("1;32", "PASS");
    const std::string threshold =
        r.fail_on ? fmt::format("--fail-on {}", rules::to_string(*r.fail_on)) : "--fail-on never";
    out += fmt::format("{}: {} ({})\n", verdict, counts(r.summary), threshold);
    return out;
}

} // namespace soc2scope::report
