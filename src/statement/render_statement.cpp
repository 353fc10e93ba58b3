#include <cctype>
#include <functional>

#include <fmt/format.h>

#include <soc2scope/report/evidence_render.hpp>
#include <soc2scope/report/render.hpp>
#include <soc2scope/statement/statement.hpp>
#include <soc2scope/util/strings.hpp>

namespace soc2scope::statement {

using model::Component;

namespace {

// A domain written as a token ("device_identity") reads to a buyer as "Device identity";
// one written in words stays as written.
std::string domain_label(const model::Responsibility& r) {
    if (r.domain.value != r.domain_key || r.domain_key.empty()) {
        return r.domain.value;
    }
    std::string out = r.domain_key;
    for (char& c : out) {
        c = c == '_' ? ' ' : c;
    }
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

std::string criterion_name(model::Criterion c) {
    switch (c) {
    case model::Criterion::Security:
        return "Security";
    case model::Criterion::Availability:
        return "Availability";
    case model::Criterion::ProcessingIntegrity:
        return "Processing Integrity";
    case model::Criterion::Confidentiality:
        return "Confidentiality";
    case model::Criterion::Privacy:
        return "Privacy";
    }
    return "";
}

std::string criteria(const model::Declaration& d) {
    std::vector<std::string> names;
    for (const auto& c : d.audit.criteria) {
        names.push_back(criterion_name(c.value));
    }
    return util::join(names, ", ");
}

std::string operator_text(const model::Declaration& d, const Component& c) {
    const auto op = c.effective_operator();
    switch (op.kind) {
    case model::Operator::Kind::Us:
        return d.organization.name.value;
    case model::Operator::Kind::Customer:
        return "Customers";
    case model::Operator::Kind::Shared:
        return d.organization.name.value + " and customers";
    case model::Operator::Kind::Vendor: {
        const auto* v = d.find_vendor(op.vendor);
        return v != nullptr ? v->name.value : op.vendor;
    }
    }
    return "";
}

// "firmware_update_service" -> "Firmware update service", for people.
std::string humanize(std::string_view token) {
    std::string out(token);
    for (char& ch : out) {
        ch = ch == '_' ? ' ' : ch;
    }
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

std::string what(const Component& c) {
    if (c.description.present()) {
        return c.description.value;
    }
    switch (c.kind.value) {
    case model::ComponentKind::PublicApi:
        return "Public API";
    case model::ComponentKind::CiCd:
        return "CI/CD";
    case model::ComponentKind::Iac:
        return "Infrastructure as code";
    case model::ComponentKind::Crm:
        return "CRM";
    default:
        return humanize(model::to_string(c.kind.value));
    }
}

std::string audit_line(const model::Declaration& d) {
    const auto& a = d.audit;
    const bool type2 = a.type.value == model::AuditType::Type2;
    return type2 ? fmt::format("SOC 2 Type 2, period {} to {}", a.period.start->to_string(),
                               a.period.end->to_string())
                 : fmt::format("SOC 2 Type 1, as of {}", a.period.start->to_string());
}

std::string report_coverage(const model::Vendor& v) {
    const auto& r = v.soc2_report;
    if (!r.present()) {
        return "no report on record";
    }
    std::string out = fmt::format("period ending {}", r.period_end->to_string());
    if (r.reviewed.present()) {
        out += fmt::format(", reviewed {}", r.reviewed->to_string());
    }
    if (r.bridge_letter.value) {
        out += ", bridge letter";
    }
    return out;
}

using Esc = std::function<std::string(std::string_view)>;

} // namespace

std::string render_statement_markdown(const Statement& s) {
    const model::Declaration& d = *s.decl;
    const Esc e = [](std::string_view t) { return report::markdown_cell(t); };
    const std::string org = d.organization.name.value;
    std::string out;
    out += fmt::format("# System boundary statement: {}\n\n", e(d.organization.system.value));
    out += fmt::format("**{}** · {} · Trust Services Criteria: {}{}\n\n", e(org), audit_line(d),
                       criteria(d), s.internal ? " · **internal version**" : "");
    if (d.organization.description.present()) {
        out += e(d.organization.description.value) + "\n\n";
    }
    out +=
        "Scope follows responsibility: this report covers what we operate and control, shares with "
        "customers what depends on who manages it, and explicitly excludes what customers "
        "control.\n\n";

    out += "## What brings devices into scope\n\n| Trigger | Applies | What it brings into scope "
           "|\n|---|---|---|\n";
    for (const auto& t : s.triggers) {
        out += fmt::format("| {} | {} | {} |\n", e(t.title), t.applies ? "yes" : "no",
                           t.applies ? e(t.brings) : "");
    }

    auto owner_head = s.internal ? " Owner |" : "";
    auto owner_rule = s.internal ? "---|" : "";
    out += "\n## In scope\n";
    for (const Group& g : s.in_scope) {
        out +=
            fmt::format("\n### {}\n\n| Component | What it is | Operated by |{}\n|---|---|---|{}\n",
                        g.title, owner_head, owner_rule);
        for (const Component* c : g.components) {
            out += fmt::format("| {} | {} | {} |{}\n", e(c->name.value), e(what(*c)),
                               e(operator_text(d, *c)),
                               s.internal ? " " + e(c->owner.value) + " |" : "");
        }
    }
    if (!d.processes.empty() || !d.people.empty()) {
        out += "\n### Processes and people\n\n";
        for (const auto& [kind, p] : d.processes) {
            out += fmt::format("- {}: {}{}\n", humanize(model::to_string(kind)),
                               p.documented.value ? "documented" : "not documented",
                               p.description.present() ? " — " + e(p.description.value) : "");
        }
        for (const auto& g : d.people) {
            out += fmt::format("- People: {} ({}{})\n", e(g.group.value),
                               g.training.value ? "security training"
                                                : "no security training on record",
                               g.offboarding.value ? ", offboarding" : "");
        }
    }

    out += "\n## Shared with customers\n\n";
    if (s.shared.empty()) {
        out += "Nothing is shared.\n";
    } else {
        out += "| Component | Operated by | Who does what |\n|---|---|---|\n";
        for (const Component* c : s.shared) {
            out += fmt::format("| {} | {} | {} |\n", e(c->name.value), e(operator_text(d, *c)),
                               e(c->rationale.value));
        }
    }
    out += "\n## Out of scope\n\n";
    if (s.out_of_scope.empty()) {
        out += "Nothing is declared out of scope.\n";
    } else {
        out += "| Component | Why it is outside the boundary |\n|---|---|\n";
        for (const Component* c : s.out_of_scope) {
            out += fmt::format("| {} | {} |\n", e(c->name.value), e(c->rationale.value));
        }
    }

    out += fmt::format("\n## Shared responsibility\n\n| Domain | {} | Customers |\n|---|---|---|\n",
                       e(org));
    for (const auto* r : s.responsibilities) {
        out += fmt::format("| {} | {} | {} |\n", e(domain_label(*r)), e(r->vendor.value),
                           e(r->customer.value));
    }
    out += "\n## Complementary user entity controls\n\nCustomers are expected to:\n\n";
    for (const auto& c : s.cuecs) {
        out += fmt::format("- {}\n", e(c));
    }
    if (s.cuecs.empty()) {
        out += "- (none declared)\n";
    }

    out += "\n## Subservice organizations\n\n";
    if (s.vendors.empty()) {
        out += "None.\n";
    } else {
        out += "| Organization | Method | Provides | SOC 2 report | Complementary subservice "
               "organization controls |\n"
               "|---|---|---|---|---|\n";
        for (const auto& v : s.vendors) {
            std::vector<std::string> provides;
            for (const Component* c : v.provides) {
                provides.push_back(e(c->name.value));
            }
            std::vector<std::string> csocs;
            for (const auto& c : v.vendor->csocs) {
                csocs.push_back(e(c.value));
            }
            out += fmt::format(
                "| {} | {} | {} | {} | {} |\n", e(v.vendor->name.value),
                v.vendor->method.value == model::VendorMethod::CarveOut ? "carve-out" : "inclusive",
                util::join(provides, ", "), report_coverage(*v.vendor), util::join(csocs, "<br>"));
        }
    }

    out += "\n## What buyers ask\n";
    for (const Answer& a : s.answers) {
        out += fmt::format("\n### {}\n\n{}\n", a.question, e(a.summary));
        if (!a.in_place.empty()) {
            out += "\n";
            for (const auto& i : a.in_place) {
                out += fmt::format("- {}\n", e(i));
            }
        } else if (a.applies) {
            out += "\nNo control for this is declared yet.\n";
        }
        if (s.internal && !a.gaps.empty()) {
            out += "\n";
            for (const auto& g : a.gaps) {
                out += fmt::format("> **Gap (internal):** {}\n>\n", e(g));
            }
        }
    }

    out += "\n## Boundary diagram\n\n```mermaid\n" + render_mermaid(s.diagram) + "```\n";

    if (s.internal) {
        out += "\n## Internal: open gaps\n\n";
        std::size_t n = 0;
        for (const auto& f : s.report->findings) {
            if (f.waived() || f.severity == rules::Severity::Info) {
                continue;
            }
            if (n++ == 0) {
                out += "| Severity | Rule | Finding |\n|---|---|---|\n";
            }
            out += fmt::format("| {} | `{}` | {} |\n", rules::to_string(f.severity), f.rule->id,
                               e(f.message));
        }
        if (n == 0) {
            out += "None.\n";
        }
        out += "\n## Internal: waivers\n\n";
        if (d.waivers.empty()) {
            out += "None.\n";
        } else {
            out += "| Rule | Component | Reason | Approved by | Expires |\n|---|---|---|---|---|\n";
            for (const auto& w : d.waivers) {
                out += fmt::format("| `{}` | {} | {} | {} | {} |\n", w.rule.value,
                                   e(w.component.value), e(w.reason.value), e(w.approved_by.value),
                                   w.expires->to_string());
            }
        }
    }
    out += fmt::format("\n---\nGenerated by soc2scope {} from the declaration, as of {}.\n",
                       SOC2SCOPE_VERSION, s.as_of.to_string());
    return out;
}

std::string render_statement_html(const Statement& s) {
    const model::Declaration& d = *s.decl;
    const Esc h = [](std::string_view t) { return report::html_escape(t); };
    const std::string org = d.organization.name.value;
    std::string out;
    out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += fmt::format("<title>System boundary statement: {}</title>\n",
                       h(d.organization.system.value));
    out += R"(<style>
:root{--ink:#1d2330;--muted:#5a6375;--line:#e1e5ec;--in:#2e7d46;--in-bg:#e6f4ea;--sh:#b7791f;--sh-bg:#fff4d6;--out:#7a8499;--out-bg:#eef0f4}
*{box-sizing:border-box}body{font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);max-width:1040px;margin:0 auto;padding:2.5rem 1.75rem}
header{border-bottom:3px solid var(--ink);padding-bottom:1rem;margin-bottom:1.5rem}header .eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:.75rem;color:var(--muted);margin:0}
h1{font-size:1.9rem;margin:.2rem 0 .4rem;line-height:1.2}h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.3rem;border-bottom:1px solid var(--line)}h3{font-size:1.02rem;margin:1.4rem 0 .4rem}
.meta{color:var(--muted);margin:.2rem 0}.badge{display:inline-block;padding:.1rem .55rem;border-radius:999px;font-size:.78rem;font-weight:600;background:#1d2330;color:#fff;margin-left:.4rem}
.lead{font-size:1.02rem}.principle{background:#f6f7f9;border-left:4px solid var(--ink);padding:.7rem 1rem;margin:1rem 0}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0 .8rem}th,td{text-align:left;vertical-align:top;padding:.45rem .55rem;border-bottom:1px solid var(--line)}th{background:#f4f6f9;font-weight:600}
.zone{display:inline-block;width:.7rem;height:.7rem;border-radius:2px;margin-right:.4rem;vertical-align:baseline}.z-in{background:var(--in-bg);border:1px solid var(--in)}.z-shared{background:var(--sh-bg);border:1px solid var(--sh)}.z-out{background:var(--out-bg);border:1px solid var(--out)}
.yes{color:var(--in);font-weight:600}.no{color:var(--muted)}
.qa{border:1px solid var(--line);border-radius:8px;padding:.2rem 1rem .6rem;margin:.8rem 0;break-inside:avoid}.qa h3{margin-top:.8rem}.qa ul{margin:.3rem 0;padding-left:1.2rem}
.gap{background:#fde2e1;color:#8a1c16;border-radius:6px;padding:.35rem .6rem;margin:.3rem 0;font-size:.88rem}
.internal{border:2px dashed #a3231c;border-radius:8px;padding:0 1rem .5rem;margin-top:2rem}
figure{margin:.5rem 0}figcaption{color:var(--muted);font-size:.85rem}footer{margin-top:3rem;color:var(--muted);font-size:.8rem;border-top:1px solid var(--line);padding-top:.6rem}
@media print{body{padding:0;max-width:none;font-size:11pt}h2{break-after:avoid}tr,.qa{break-inside:avoid}a{color:inherit}}
</style>
</head>
<body>
)";
    out += "<header>\n<p class=\"eyebrow\">System boundary statement</p>\n";
    out += fmt::format("<h1>{}{}</h1>\n", h(d.organization.system.value),
                       s.internal ? "<span class=\"badge\">internal</span>" : "");
    out += fmt::format(
        "<p class=\"meta\"><strong>{}</strong> · {} · Trust Services Criteria: {}</p>\n", h(org),
        h(audit_line(d)), h(criteria(d)));
    out += "</header>\n";
    if (d.organization.description.present()) {
        out += fmt::format("<p class=\"lead\">{}</p>\n", h(d.organization.description.value));
    }
    out += "<p class=\"principle\">Scope follows responsibility: this report covers what we "
           "operate and control, "
           "shares with customers what depends on who manages it, and explicitly excludes what "
           "customers "
           "control.</p>\n";

    out += "<h2>What brings devices into "
           "scope</h2>\n<table><thead><tr><th>Trigger</th><th>Applies</th>"
           "<th>What it brings into scope</th></tr></thead><tbody>\n";
    for (const auto& t : s.triggers) {
        out += fmt::format("<tr><td>{}</td><td class=\"{}\">{}</td><td>{}</td></tr>\n", h(t.title),
                           t.applies ? "yes" : "no", t.applies ? "yes" : "no",
                           t.applies ? h(t.brings) : "");
    }
    out += "</tbody></table>\n";

    out += "<h2><span class=\"zone z-in\"></span>In scope</h2>\n";
    for (const Group& g : s.in_scope) {
        out += fmt::format("<h3>{}</h3>\n<table><thead><tr><th>Component</th><th>What it "
                           "is</th><th>Operated by</th>{}"
                           "</tr></thead><tbody>\n",
                           h(g.title), s.internal ? "<th>Owner</th>" : "");
        for (const Component* c : g.components) {
            out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td>{}</tr>\n", h(c->name.value),
                               h(what(*c)), h(operator_text(d, *c)),
                               s.internal ? "<td>" + h(c->owner.value) + "</td>" : "");
        }
        out += "</tbody></table>\n";
    }
    if (!d.processes.empty() || !d.people.empty()) {
        out += "<h3>Processes and people</h3>\n<ul>\n";
        for (const auto& [kind, p] : d.processes) {
            out += fmt::format("<li>{}: {}{}</li>\n", h(humanize(model::to_string(kind))),
                               p.documented.value ? "documented" : "not documented",
                               p.description.present() ? " — " + h(p.description.value) : "");
        }
        for (const auto& g : d.people) {
            out += fmt::format("<li>People: {} ({}{})</li>\n", h(g.group.value),
                               g.training.value ? "security training"
                                                : "no security training on record",
                               g.offboarding.value ? ", offboarding" : "");
        }
        out += "</ul>\n";
    }

    out += "<h2><span class=\"zone z-shared\"></span>Shared with customers</h2>\n";
    if (s.shared.empty()) {
        out += "<p>Nothing is shared.</p>\n";
    } else {
        out += "<table><thead><tr><th>Component</th><th>Operated by</th><th>Who does "
               "what</th></tr></thead><tbody>\n";
        for (const Component* c : s.shared) {
            out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", h(c->name.value),
                               h(operator_text(d, *c)), h(c->rationale.value));
        }
        out += "</tbody></table>\n";
    }
    out += "<h2><span class=\"zone z-out\"></span>Out of scope</h2>\n";
    if (s.out_of_scope.empty()) {
        out += "<p>Nothing is declared out of scope.</p>\n";
    } else {
        out += "<table><thead><tr><th>Component</th><th>Why it is outside the "
               "boundary</th></tr></thead><tbody>\n";
        for (const Component* c : s.out_of_scope) {
            out += fmt::format("<tr><td>{}</td><td>{}</td></tr>\n", h(c->name.value),
                               h(c->rationale.value));
        }
        out += "</tbody></table>\n";
    }

    out +=
        fmt::format("<h2>Shared responsibility</h2>\n<table><thead><tr><th>Domain</th><th>{}</th>"
                    "<th>Customers</th></tr></thead><tbody>\n",
                    h(org));
    for (const auto* r : s.responsibilities) {
        out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", h(domain_label(*r)),
                           h(r->vendor.value), h(r->customer.value));
    }
    out += "</tbody></table>\n<h2>Complementary user entity controls</h2>\n<p>Customers are "
           "expected to:</p>\n<ul>\n";
    for (const auto& c : s.cuecs) {
        out += fmt::format("<li>{}</li>\n", h(c));
    }
    out += s.cuecs.empty() ? "<li>(none declared)</li>\n</ul>\n" : "</ul>\n";

    out += "<h2>Subservice organizations</h2>\n";
    if (s.vendors.empty()) {
        out += "<p>None.</p>\n";
    } else {
        out += "<table><thead><tr><th>Organization</th><th>Method</th><th>Provides</th><th>SOC 2 "
               "report</th>"
               "<th>Complementary subservice organization controls</th></tr></thead><tbody>\n";
        for (const auto& v : s.vendors) {
            std::vector<std::string> provides;
            for (const Component* c : v.provides) {
                provides.push_back(h(c->name.value));
            }
            std::string csocs;
            for (const auto& c : v.vendor->csocs) {
                csocs += "<div>" + h(c.value) + "</div>";
            }
            out += fmt::format(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                h(v.vendor->name.value),
                v.vendor->method.value == model::VendorMethod::CarveOut ? "carve-out" : "inclusive",
                util::join(provides, ", "), h(report_coverage(*v.vendor)), csocs);
        }
        out += "</tbody></table>\n";
    }

    out += "<h2>What buyers ask</h2>\n";
    for (const Answer& a : s.answers) {
        out += fmt::format("<section class=\"qa\"><h3>{}</h3>\n<p>{}</p>\n", h(a.question),
                           h(a.summary));
        if (!a.in_place.empty()) {
            out += "<ul>\n";
            for (const auto& i : a.in_place) {
                out += fmt::format("<li>{}</li>\n", h(i));
            }
            out += "</ul>\n";
        } else if (a.applies) {
            out += "<p>No control for this is declared yet.</p>\n";
        }
        if (s.internal) {
            for (const auto& g : a.gaps) {
                out += fmt::format("<div class=\"gap\"><strong>Gap (internal):</strong> {}</div>\n",
                                   h(g));
            }
        }
        out += "</section>\n";
    }

    out += "<h2>Boundary diagram</h2>\n<figure>\n" + render_svg(s.diagram) +
           "<figcaption>Components in, shared and out of scope; arrows show what authenticates, "
           "deploys, "
           "defines, administers or sends data to what.</figcaption>\n</figure>\n";

    if (s.internal) {
        out += "<section class=\"internal\"><h2>Internal: open gaps</h2>\n";
        std::string rows;
        for (const auto& f : s.report->findings) {
            if (!f.waived() && f.severity != rules::Severity::Info) {
                rows += fmt::format("<tr><td>{}</td><td><code>{}</code></td><td>{}</td></tr>\n",
                                    rules::to_string(f.severity), h(f.rule->id), h(f.message));
            }
        }
        out += rows.empty() ? "<p>None.</p>\n"
                            : "<table><thead><tr><th>Severity</th><th>Rule</th><th>Finding</th></"
                              "tr></thead><tbody>\n" +
                                  rows + "</tbody></table>\n";
        out += "<h2>Internal: waivers</h2>\n";
        if (d.waivers.empty()) {
            out += "<p>None.</p>\n";
        } else {
            out += "<table><thead><tr><th>Rule</th><th>Component</th><th>Reason</th><th>Approved "
                   "by</th>"
                   "<th>Expires</th></tr></thead><tbody>\n";
            for (const auto& w : d.waivers) {
                out += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</"
                                   "td><td>{}</td></tr>\n",
                                   h(w.rule.value), h(w.component.value), h(w.reason.value),
                                   h(w.approved_by.value), w.expires->to_string());
            }
            out += "</tbody></table>\n";
        }
        out += "</section>\n";
    }
    out += fmt::format("<footer>Generated by soc2scope {} from the declaration, as of "
                       "{}.</footer>\n</body>\n</html>\n",
                       SOC2SCOPE_VERSION, s.as_of.to_string());
    return out;
}

} // namespace soc2scope::statement
