#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include <soc2scope/evidence/checklist.hpp>
#include <soc2scope/rules/engine.hpp>
#include <soc2scope/util/strings.hpp>

#include "builtin/builtin.hpp"

namespace soc2scope::rules {

using builtin::Context;
using builtin::Sink;

namespace {

std::size_t rule_index(const RuleInfo* r) {
    return static_cast<std::size_t>(r - all_rules().data());
}

// Waivers turn matching findings into waived ones while they are active; an expired waiver
// is an error of its own and its findings fail again; a waiver that matches nothing is info.
void apply_waivers(const model::Declaration& decl, util::Date as_of, Sink& sink) {
    auto& findings = sink.findings();
    // Findings by rule, and by rule and component, in the order produced: a waiver looks at
    // its own findings only, so thousands of waivers over thousands of findings stay linear.
    using Key = std::pair<std::string_view, std::string_view>;
    std::map<Key, std::vector<std::size_t>> by_rule;
    std::map<Key, std::vector<std::size_t>> by_component;
    for (std::size_t i = 0; i < findings.size(); ++i) {
        const Finding& f = findings[i];
        if (f.rule->family != Family::Waiver) {
            by_rule[Key{f.rule->id, {}}].push_back(i);
            by_component[Key{f.rule->id, f.component}].push_back(i);
        }
    }
    static const std::vector<std::size_t> k_none;
    // The keys view the findings' own strings, so nothing is added to `findings` until every
    // waiver has been applied.
    std::vector<bool> used(decl.waivers.size(), false);
    for (std::size_t k = 0; k < decl.waivers.size(); ++k) {
        const auto& w = decl.waivers[k];
        const bool expired = w.expires.value < as_of;
        const auto& index = w.component.present() ? by_component : by_rule;
        const auto hits =
            index.find(Key{w.rule.value, w.component.present() ? w.component.value : ""});
        for (std::size_t i : hits == index.end() ? k_none : hits->second) {
            Finding& f = findings[i];
            used[k] = true;
            if (!expired && !f.waived()) {
                f.waiver =
                    WaiverRef{w.reason.value, w.approved_by.value, w.expires.value, w.at.loc};
            }
        }
    }
    for (std::size_t k = 0; k < decl.waivers.size(); ++k) {
        const auto& w = decl.waivers[k];
        const std::string what = w.component.present()
                                     ? fmt::format("`{}` on `{}`", w.rule.value, w.component.value)
                                     : fmt::format("`{}`", w.rule.value);
        if (w.expires.value < as_of) {
            sink.add("waiver.expired", nullptr, w.at.path + ".expires", w.expires.loc,
                     fmt::format("the waiver for {} (approved by {}) expired on {}{}", what,
                                 w.approved_by.value, w.expires->to_string(),
                                 used[k] ? "; the waived finding fails again" : ""));
        } else if (!used[k]) {
            sink.add("waiver.unused", nullptr, w.at.path, w.at.loc,
                     fmt::format("the waiver for {} matches no finding", what));
        }
    }
}

void check_evidence(const model::Declaration& decl, const CheckOptions& options, Sink& sink) {
    evidence::ChecklistOptions copt;
    copt.as_of = options.as_of;
    copt.fs = options.fs;
    copt.root_dir = options.root_dir;
    const evidence::Checklist list = evidence::build_checklist(decl, "", copt);
    const diag::SourceLocation section = decl.section_location("evidence").known()
                                             ? decl.section_location("evidence")
                                             : decl.organization.loc;
    for (const evidence::ChecklistItem& item : list.items) {
        const auto* e = item.entry;
        const std::string by = util::join(item.required_by, ", ");
        switch (item.status) {
        case evidence::Status::Provided:
            break;
        case evidence::Status::Missing:
            if (item.optional()) {
                break;
            }
            if (e != nullptr) {
                sink.add("evidence.missing", nullptr, e->at.path, e->at.loc,
                         fmt::format("`{}` ({}) holds {}; required by {}", item.id, item.def->title,
                                     item.reason, by));
            } else {
                sink.add("evidence.missing", nullptr, "evidence", section,
                         fmt::format("no evidence for `{}` ({}); required by {}", item.id,
                                     item.def->title, by));
            }
            break;
        case evidence::Status::Stale:
            sink.add("evidence.stale", nullptr, e->at.path + ".collected", e->collected.loc,
                     fmt::format("`{}` is stale: {}", item.id, item.reason));
            break;
        case evidence::Status::NotFound:
            break; // reported once per entry below
        }
    }
    for (const evidence::PathProblem& p : list.path_problems) {
        const auto& e = *p.entry;
        std::vector<std::string> ids;
        for (const auto& id : e.satisfies) {
            ids.push_back(fmt::format("`{}`", id.value));
        }
        if (p.outside_folder) {
            sink.add("evidence.outside-folder", nullptr, e.at.path + ".path", e.path.loc,
                     fmt::format("the evidence for {} points at `{}`, outside the declaration's "
                                 "folder; it was not followed",
                                 util::join(ids, ", "), e.path.value));
        } else {
            sink.add("evidence.not-found", nullptr, e.at.path + ".path", e.path.loc,
                     fmt::format("the evidence for {} points at `{}`, but {}",
                                 util::join(ids, ", "), e.path.value, p.reason));
        }
    }
}

void check_drift(const model::Declaration& decl, const CheckOptions& options, Sink& sink) {
    const drift::Snapshot now = drift::snapshot_of(decl);
    const std::string& base = options.baseline_name;
    auto component_at = [&](const std::string& id, auto member) {
        const model::Component* c = decl.find_component(id);
        if (c == nullptr) {
            return std::pair<const model::Component*, diag::SourceLocation>{
                nullptr, decl.section_location("components")};
        }
        const diag::SourceLocation specific = (c->*member).loc;
        return std::pair<const model::Component*, diag::SourceLocation>{
            c, specific.known() ? specific : c->at.loc};
    };
    auto capability_at = [&](const std::string& id) -> diag::SourceLocation {
        const auto& caps = decl.capabilities;
        const model::Located<bool>* flag =
            id == "device_authentication"  ? &caps.device_authentication.enabled
            : id == "firmware_updates"     ? &caps.firmware_updates.enabled
            : id == "remote_configuration" ? &caps.firmware_updates.remote_configuration
            : id == "telemetry_reliance"   ? &caps.telemetry_reliance.enabled
            : id == "support_access"       ? &caps.support_access.enabled
                                           : &caps.customer_operations_impact;
        if (flag->present()) {
            return flag->loc;
        }
        return caps.loc.known() ? caps.loc : decl.organization.loc;
    };
    for (const drift::Change& ch : drift::diff(*options.baseline, now)) {
        const std::string_view rule = drift::rule_id(ch.kind);
        using K = drift::ChangeKind;
        switch (ch.kind) {
        case K::ComponentAdded: {
            auto [c, at] = component_at(ch.subject, &model::Component::scope);
            sink.add(rule, c, c->at.path, at,
                     fmt::format("`{}` (scoped `{}`) is not in the approved boundary ({})",
                                 ch.subject, ch.after, base));
            break;
        }
        case K::ComponentRemoved:
            sink.add(
                rule, nullptr, "components", decl.section_location("components"),
                fmt::format("`{}` (scoped `{}` in the approved boundary, {}) is no longer declared",
                            ch.subject, ch.before, base));
            break;
        case K::ScopeNarrowed:
        case K::ScopeWidened: {
            auto [c, at] = component_at(ch.subject, &model::Component::scope);
            sink.add(rule, c, c->at.path + ".scope", at,
                     fmt::format("`{}` {} from `{}` to `{}` since the approved boundary ({})",
                                 ch.subject, ch.kind == K::ScopeNarrowed ? "narrowed" : "widened",
                                 ch.before, ch.after, base));
            break;
        }
        case K::OperatedByChanged: {
            auto [c, at] = component_at(ch.subject, &model::Component::operated_by);
            sink.add(rule, c, c->at.path + ".operated_by", at,
                     fmt::format("`{}` is now operated by `{}`, not `{}` as approved ({})",
                                 ch.subject, ch.after, ch.before, base));
            break;
        }
        case K::ComponentChanged: {
            auto [c, at] = component_at(ch.subject, &model::Component::kind);
            sink.add(rule, c, c->at.path, at,
                     fmt::format("`{}` changed from {} to {} since the approved boundary ({})",
                                 ch.subject, ch.before, ch.after, base));
            break;
        }
        case K::ResponsibilityChanged: {
            diag::SourceLocation at = decl.section_location("responsibilities");
            std::string path = "responsibilities";
            for (const auto& r : decl.responsibilities) {
                if (r.domain_key == ch.subject) {
                    at = r.at.loc;
                    path = r.at.path;
                }
            }
            if (!at.known()) {
                at = decl.organization.loc;
            }
            sink.add(rule, nullptr, path, at,
                     fmt::format(
                         "the `{}` responsibility changed from \"{}\" to \"{}\" since the approved "
                         "boundary ({})",
                         ch.subject, ch.before, ch.after, base));
            break;
        }
        case K::TriggerChanged:
            sink.add(rule, nullptr, "capabilities." + ch.subject, capability_at(ch.subject),
                     fmt::format("`{}` switched {} since the approved boundary ({})", ch.subject,
                                 ch.after, base));
            break;
        case K::CriteriaChanged: {
            const auto& a = decl.audit;
            sink.add(
                rule, nullptr, "audit.criteria", a.criteria.present() ? a.criteria.loc : a.loc,
                fmt::format(
                    "the audit criteria changed from [{}] to [{}] since the approved boundary ({})",
                    ch.before, ch.after, base));
            break;
        }
        }
    }
}

void check_inventory(const model::Declaration& decl, const CheckOptions& options, Sink& sink) {
    const auto result = drift::compare_inventory(decl, *options.inventory);
    const diag::SourceLocation components = decl.section_location("components");
    for (const drift::Resource* r : result.undeclared) {
        sink.add("inventory.undeclared", nullptr, r->address, components,
                 fmt::format("`{}` ({}) in {} is claimed by no component's match selectors",
                             r->address, r->type, options.inventory_name));
    }
    for (const model::Component* c : result.unmatched) {
        sink.add(
            "inventory.unmatched", c, c->at.path + ".match", c->match_loc,
            fmt::format(
                "`{}` claims resources by match selectors, but none of them matches a resource "
                "in {}",
                c->id.value, options.inventory_name));
    }
}

std::vector<report::TriggerStatus> trigger_statuses(const model::Declaration& decl) {
    const auto& c = decl.capabilities;
    auto status = [](std::string id, std::string title, const model::Located<bool>& enabled,
                     diag::SourceLocation loc, std::string detail) {
        report::TriggerStatus t;
        t.id = std::move(id);
        t.title = std::move(title);
        t.fired = enabled.value;
        t.location = enabled.present() ? enabled.loc : loc;
        if (!enabled.present()) {
            t.why = fmt::format("capabilities.{} is not declared", t.id);
        } else {
            t.why = fmt::format("capabilities.{}{} is {}{}", t.id,
                                t.id == "customer_operations_impact" ? "" : ".enabled",
                                enabled.value ? "true" : "false",
                                enabled.value && !detail.empty() ? " (" + detail + ")" : "");
        }
        return t;
    };
    auto joined = [](const auto& list) {
        std::vector<std::string> names;
        for (const auto& item : list) {
            names.emplace_back(model::to_string(item.value));
        }
        return util::join(names, ", ");
    };
    std::vector<report::TriggerStatus> out;
    const auto& auth = c.device_authentication;
    out.push_back(
        status("device_authentication", "devices authenticate to the cloud", auth.enabled, auth.loc,
               auth.credential.present()
                   ? fmt::format("credential: {}", model::to_string(auth.credential.value))
                   : ""));
    const auto& fw = c.firmware_updates;
    out.push_back(status("firmware_updates", "firmware is pushed to devices", fw.enabled, fw.loc,
                         fw.remote_configuration.value ? "with remote configuration" : ""));
    const auto& tel = c.telemetry_reliance;
    out.push_back(status("telemetry_reliance", "customers rely on device telemetry", tel.enabled,
                         tel.loc, tel.used_for.empty() ? "" : "used for " + joined(tel.used_for)));
    const auto& sup = c.support_access;
    out.push_back(status("support_access", "support can see or operate devices", sup.enabled,
                         sup.loc, sup.actions.empty() ? "" : "actions: " + joined(sup.actions)));
    out.push_back(status("customer_operations_impact",
                         "failures affect customer operations (availability)",
                         c.customer_operations_impact, c.loc, ""));
    return out;
}

} // namespace

report::CheckReport run_check(const model::Declaration& decl, const std::string& file,
                              const CheckOptions& options) {
    const Context ctx{decl, options.as_of};
    Sink sink;
    if (!options.drift_only) {
        builtin::check_device_auth(ctx, sink);
        builtin::check_firmware(ctx, sink);
        builtin::check_telemetry(ctx, sink);
        builtin::check_support(ctx, sink);
        builtin::check_availability(ctx, sink);
        builtin::check_boundary(ctx, sink);
        builtin::check_general(ctx, sink);
        check_evidence(decl, options, sink);
    }
    if (options.baseline) {
        check_drift(decl, options, sink);
    }
    if (options.inventory != nullptr) {
        check_inventory(decl, options, sink);
    }
    if (!options.drift_only) {
        apply_waivers(decl, options.as_of, sink);
    }

    report::CheckReport r;
    r.command = options.drift_only ? "diff" : "check";
    r.baseline = options.baseline ? options.baseline_name : "";
    r.file = file;
    r.files = decl.files;
    r.organization = decl.organization.name.value;
    r.system = decl.organization.system.value;
    r.as_of = options.as_of;
    r.fail_on = options.fail_on;
    for (const auto& c : decl.audit.criteria) {
        r.audit_criteria.emplace_back(model::to_string(c.value));
    }
    r.triggers = trigger_statuses(decl);
    r.findings = std::move(sink.findings());
    std::stable_sort(r.findings.begin(), r.findings.end(), [](const Finding& a, const Finding& b) {
        return std::tuple(a.rule->family, rule_index(a.rule), a.location.file, a.location.line,
                          a.location.column, a.component) <
               std::tuple(b.rule->family, rule_index(b.rule), b.location.file, b.location.line,
                          b.location.column, b.component);
    });
    std::set<std::string> touched;
    for (const Finding& f : r.findings) {
        if (f.waived()) {
            ++r.summary.waived;
            continue;
        }
        switch (f.severity) {
        case Severity::Error:
            ++r.summary.errors;
            break;
        case Severity::Warning:
            ++r.summary.warnings;
            break;
        case Severity::Info:
            ++r.summary.infos;
            break;
        }
        for (std::string_view c : f.rule->criteria) {
            touched.emplace(c);
        }
        if (options.fail_on && f.severity >= *options.fail_on) {
            r.failed = true;
        }
    }
    r.criteria_touched.assign(touched.begin(), touched.end());
    std::sort(r.criteria_touched.begin(), r.criteria_touched.end(), report::criteria_less);
    return r;
}

bool rule_applies(const RuleInfo& rule, const model::Declaration& decl) {
    const Context ctx{decl, {}};
    const auto& caps = decl.capabilities;
    const std::string_view id = rule.id;
    switch (rule.family) {
    case Family::DeviceAuth:
        return ctx.device_auth();
    case Family::Firmware:
        return id == "firmware.remote-config-in-scope" ? ctx.remote_config() : ctx.firmware();
    case Family::Telemetry:
        if (id == "telemetry.processing-integrity") {
            return ctx.telemetry() &&
                   (caps.telemetry_reliance.used_for.contains(model::TelemetryUse::Billing) ||
                    caps.telemetry_reliance.used_for.contains(
                        model::TelemetryUse::ComplianceReporting));
        }
        return ctx.telemetry();
    case Family::Support:
        if (id == "support.time-bound-access") {
            return ctx.support() &&
                   (caps.support_access.actions.contains(model::SupportAction::ChangeSettings) ||
                    caps.support_access.actions.contains(model::SupportAction::InitiateUpdates));
        }
        return ctx.support();
    case Family::Availability:
        return id == "availability.criteria-selected"
                   ? caps.customer_operations_impact.value
                   : decl.audit.has(model::Criterion::Availability);
    case Family::Boundary:
        if (id == "boundary.device-underreach" || id == "responsibility.coverage") {
            return ctx.any_device_trigger();
        }
        return true;
    case Family::General:
        if (id == "vendor.report-review") {
            return std::any_of(decl.vendors.begin(), decl.vendors.end(),
                               [](const auto& v) { return v.customer_data.value; });
        }
        return true;
    case Family::Evidence:
        return true;
    case Family::Drift:
        return false; // only with a baseline, and it asks for no evidence
    case Family::Waiver:
        return !decl.waivers.empty();
    }
    return true;
}

void check_rule_references(const model::Declaration& decl, diag::Diagnostics& diags) {
    const auto ids = rule_ids();
    for (const auto& w : decl.waivers) {
        if (find_rule(w.rule.value) != nullptr) {
            continue;
        }
        const auto near = util::closest_match(w.rule.value, ids);
        diags.error(w.rule.loc, w.at.path + ".rule",
                    fmt::format("unknown rule id '{}'{}; `soc2scope rules` lists them",
                                util::quote_for_message(w.rule.value),
                                near ? fmt::format(" (did you mean '{}'?)", *near) : ""));
    }
}

} // namespace soc2scope::rules
