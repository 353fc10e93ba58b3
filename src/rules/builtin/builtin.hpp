#pragma once

// Internal to the rules module: what every rule family sees and how it reports.

#include <string>
#include <vector>

#include <soc2scope/model/declaration.hpp>
#include <soc2scope/rules/rule.hpp>

namespace soc2scope::rules::builtin {

class Sink {
public:
    // `rule_id` must be in the registry: a typo here is a bug, so it throws.
    void add(std::string_view rule_id, const model::Component* component, std::string subject,
             diag::SourceLocation location, std::string message, std::string remediation = {});
    std::vector<Finding>& findings() { return m_findings; }

private:
    std::vector<Finding> m_findings;
};

struct Context {
    const model::Declaration& decl;
    util::Date as_of;

    bool device_auth() const { return decl.capabilities.device_authentication.enabled.value; }
    bool firmware() const { return decl.capabilities.firmware_updates.enabled.value; }
    bool remote_config() const {
        return firmware() && decl.capabilities.firmware_updates.remote_configuration.value;
    }
    bool telemetry() const { return decl.capabilities.telemetry_reliance.enabled.value; }
    bool support() const { return decl.capabilities.support_access.enabled.value; }
    bool any_device_trigger() const {
        return device_auth() || firmware() || telemetry() || support();
    }

    std::vector<const model::Component*> of_kind(model::ComponentKind kind) const;
    std::vector<const model::Component*> in_scope_of_kind(model::ComponentKind kind) const;
    // The mapping that declares a capability, or the capabilities section, or the file.
    diag::SourceLocation capability_location(const diag::SourceLocation& specific) const;
};

inline bool in_scope(const model::Component& c) {
    return c.scope.value == model::Scope::In;
}

// Where a finding about a missing control token points: the controls list if there is one,
// else the component.
diag::SourceLocation controls_location(const model::Component& c);
std::string controls_path(const model::Component& c);

// One finding per component in `components` that lacks any of `tokens`.
void require_controls(Sink& sink, std::string_view rule_id,
                      const std::vector<const model::Component*>& components,
                      std::initializer_list<std::string_view> tokens, std::string_view role);

// Reports that no in-scope component of `kind` exists, pointing at an out-of-scope one of
// that kind when there is one, else at the capability that requires it.
void require_in_scope(const Context& ctx, Sink& sink, std::string_view rule_id,
                      model::ComponentKind kind, std::string_view role, std::string_view because,
                      const std::string& cap_path, diag::SourceLocation cap_loc);

void check_device_auth(const Context& ctx, Sink& sink);
void check_firmware(const Context& ctx, Sink& sink);
void check_telemetry(const Context& ctx, Sink& sink);
void check_support(const Context& ctx, Sink& sink);
void check_availability(const Context& ctx, Sink& sink);
void check_boundary(const Context& ctx, Sink& sink);
void check_general(const Context& ctx, Sink& sink);

} // namespace soc2scope::rules::builtin
