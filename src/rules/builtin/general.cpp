#include <fmt/format.h>

#include "builtin.hpp"

namespace soc2scope::rules::builtin {

using model::ComponentKind;
using model::Operator;
using model::Scope;

namespace {

constexpr std::int64_t k_review_window_days = 365;

void check_components(const Context& ctx, Sink& sink) {
    for (const auto& c : ctx.decl.components) {
        const Scope scope = c.scope.value;
        const bool customer_run = c.effective_operator().kind == Operator::Kind::Customer;
        if (c.holds(model::DataClass::Customer) && scope == Scope::Out && !customer_run) {
            sink.add("data.customer-data-out-of-scope", &c, c.at.path + ".scope", c.scope.loc,
                     fmt::format("`{}` stores or processes customer data but is scoped `out`",
                                 c.id.value));
        }
        if (c.kind.value == ComponentKind::Environment && c.environment.real_customer_data.value &&
            !c.environment.production.value && scope == Scope::Out) {
            sink.add("env.real-data", &c, c.at.path + ".scope", c.scope.loc,
                     fmt::format("`{}` is a non-production environment holding real customer data, "
                                 "but is scoped `out`",
                                 c.id.value));
        }
        if (scope != Scope::In) {
            continue;
        }
        switch (c.kind.value) {
        case ComponentKind::Hosting:
        case ComponentKind::IdentityProvider:
        case ComponentKind::Monitoring:
        case ComponentKind::Communication:
        case ComponentKind::Crm:
            if (!c.vendor.present() && !c.operated_by.present()) {
                sink.add("vendor.declared", &c, c.at.path + ".vendor", c.kind.loc,
                         fmt::format("`{}` is {} service, usually a third party's, but names no "
                                     "vendor and does not say operated_by: us",
                                     c.id.value,
                                     c.kind.value == ComponentKind::IdentityProvider ? "an identity"
                                     : c.kind.value == ComponentKind::Crm
                                         ? "a CRM"
                                         : fmt::format("a {}", model::to_string(c.kind.value))));
            }
            break;
        default:
            break;
        }
        if (!c.owner.present()) {
            sink.add("ownership.owner", &c, c.at.path + ".owner", c.at.loc,
                     fmt::format("`{}` is in scope but has no owner", c.id.value));
        }
    }
}

void check_vendors(const Context& ctx, Sink& sink) {
    const auto& period_end = ctx.decl.audit.period.end;
    for (const auto& v : ctx.decl.vendors) {
        if (!v.customer_data.value) {
            continue;
        }
        const auto& r = v.soc2_report;
        std::vector<std::string> problems;
        diag::SourceLocation where = r.present() ? r.loc : v.at.loc;
        if (!r.present()) {
            problems.push_back("no SOC 2 report of theirs is recorded (soc2_report)");
        } else {
            if (!r.reviewed.present()) {
                problems.push_back("their SOC 2 report is not recorded as reviewed");
            } else if (r.reviewed.value.plus_days(k_review_window_days) < ctx.as_of) {
                where = r.reviewed.loc;
                problems.push_back(fmt::format("their SOC 2 report was last reviewed on {}, more "
                                               "than 12 months before {}",
                                               r.reviewed->to_string(), ctx.as_of.to_string()));
            }
            if (period_end.present() && r.period_end.value < period_end.value &&
                !r.bridge_letter.value) {
                problems.push_back(fmt::format("their report period ends on {}, before the audit "
                                               "period does ({}), with no bridge letter",
                                               r.period_end->to_string(), period_end->to_string()));
            }
        }
        if (problems.empty()) {
            continue;
        }
        std::string message = fmt::format("vendor `{}` holds customer data, but ", v.id.value);
        for (std::size_t i = 0; i < problems.size(); ++i) {
            message += (i == 0 ? "" : "; ") + problems[i];
        }
        sink.add("vendor.report-review", nullptr, v.at.path + ".soc2_report", where, message);
    }
}

void check_processes(const Context& ctx, Sink& sink) {
    using model::ProcessKind;
    const diag::SourceLocation declared = ctx.decl.section_location("processes");
    // With no processes section at all, the finding is about the file as a whole: point at
    // its start (the root's version key) rather than at some other section.
    const diag::SourceLocation top = ctx.decl.section_location("version");
    const diag::SourceLocation section = declared.known() ? declared
                                         : top.known()    ? top
                                                          : ctx.decl.organization.loc;
    for (ProcessKind k : {ProcessKind::ChangeManagement, ProcessKind::IncidentResponse,
                          ProcessKind::Monitoring, ProcessKind::AccessManagement}) {
        const std::string name(model::to_string(k));
        const model::Process* p = ctx.decl.find_process(k);
        if (p == nullptr) {
            sink.add("process.required", nullptr, "processes." + name, section,
                     fmt::format("`{}` is not declared under processes", name));
        } else if (!p->documented.value) {
            sink.add("process.required", nullptr, "processes." + name + ".documented",
                     p->documented.loc,
                     fmt::format("`{}` is declared but not documented (documented: false)", name));
        }
    }
}

void check_people(const Context& ctx, Sink& sink) {
    for (const auto& g : ctx.decl.people) {
        std::string reaches;
        for (const auto& id : g.access_to) {
            const model::Component* c = ctx.decl.find_component(id.value);
            if (c != nullptr && c->scope.value != Scope::Out) {
                reaches += fmt::format("{}`{}`", reaches.empty() ? "" : ", ", id.value);
            }
        }
        if (reaches.empty() || (g.training.value && g.offboarding.value)) {
            continue;
        }
        const char* lacks = !g.training.value && !g.offboarding.value
                                ? "security training and an offboarding process"
                            : !g.training.value ? "security training"
                                                : "an offboarding process";
        sink.add("people.access", nullptr, g.at.path, g.at.loc,
                 fmt::format("group `{}` can access in-scope {} but lacks {}", g.group.value,
                             reaches, lacks));
    }
}

} // namespace

void check_general(const Context& ctx, Sink& sink) {
    check_components(ctx, sink);
    check_vendors(ctx, sink);
    check_processes(ctx, sink);
    check_people(ctx, sink);
}

} // namespace soc2scope::rules::builtin
