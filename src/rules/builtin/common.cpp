#include <stdexcept>

#include <fmt/format.h>

#include "builtin.hpp"

namespace soc2scope::rules::builtin {

void Sink::add(std::string_view rule_id, const model::Component* component, std::string subject,
               diag::SourceLocation location, std::string message, std::string remediation) {
    const RuleInfo* rule = find_rule(rule_id);
    if (rule == nullptr) {
        throw std::logic_error(fmt::format("finding for unregistered rule '{}'", rule_id));
    }
    Finding f;
    f.rule = rule;
    f.severity = rule->severity;
    if (component != nullptr) {
        f.component = component->id.value;
    }
    f.subject = std::move(subject);
    f.location = location;
    f.message = std::move(message);
    f.remediation = remediation.empty() ? std::string(rule->remediation) : std::move(remediation);
    m_findings.push_back(std::move(f));
}

std::vector<const model::Component*> Context::of_kind(model::ComponentKind kind) const {
    std::vector<const model::Component*> out;
    for (const auto& c : decl.components) {
        if (c.kind.value == kind) {
            out.push_back(&c);
        }
    }
    return out;
}

std::vector<const model::Component*> Context::in_scope_of_kind(model::ComponentKind kind) const {
    std::vector<const model::Component*> out;
    for (const auto& c : decl.components) {
        if (c.kind.value == kind && in_scope(c)) {
            out.push_back(&c);
        }
    }
    return out;
}

diag::SourceLocation Context::capability_location(const diag::SourceLocation& specific) const {
    if (specific.known()) {
        return specific;
    }
    if (decl.capabilities.loc.known()) {
        return decl.capabilities.loc;
    }
    return decl.organization.loc;
}

diag::SourceLocation controls_location(const model::Component& c) {
    return c.controls.present() ? c.controls.loc : c.at.loc;
}

std::string controls_path(const model::Component& c) {
    return c.at.path + ".controls";
}

namespace {

std::string code_list(const std::vector<std::string_view>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out += i + 1 == items.size() ? " and " : ", ";
        }
        out += fmt::format("`{}`", items[i]);
    }
    return out;
}

} // namespace

void require_controls(Sink& sink, std::string_view rule_id,
                      const std::vector<const model::Component*>& components,
                      std::initializer_list<std::string_view> tokens, std::string_view role) {
    for (const model::Component* c : components) {
        std::vector<std::string_view> missing;
        for (std::string_view t : tokens) {
            if (!c->has_control(t)) {
                missing.push_back(t);
            }
        }
        if (missing.empty()) {
            continue;
        }
        sink.add(rule_id, c, controls_path(*c), controls_location(*c),
                 fmt::format("`{}` is {} but does not declare the control{} {}", c->id.value, role,
                             missing.size() == 1 ? "" : "s", code_list(missing)));
    }
}

// Reports an in-scope component of `kind` that is missing, pointing at an out-of-scope one
// when there is one.
void require_in_scope(const Context& ctx, Sink& sink, std::string_view rule_id,
                      model::ComponentKind kind, std::string_view role, std::string_view because,
                      const std::string& cap_path, diag::SourceLocation cap_loc) {
    if (!ctx.in_scope_of_kind(kind).empty()) {
        return;
    }
    const auto all = ctx.of_kind(kind);
    if (!all.empty()) {
        const auto* c = all.front();
        sink.add(rule_id, c, c->at.path + ".scope", c->scope.loc,
                 fmt::format("`{}` is {} but is scoped `{}`, while {}", c->id.value, role,
                             model::to_string(c->scope.value), because));
        return;
    }
    sink.add(rule_id, nullptr, cap_path, ctx.capability_location(cap_loc),
             fmt::format("{}, but no in-scope component of kind `{}` is declared", because,
                         model::to_string(kind)));
}

} // namespace soc2scope::rules::builtin
