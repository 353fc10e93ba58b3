#include "builtin.hpp"

namespace soc2scope::rules::builtin {

using model::ComponentKind;

// Trigger 4: support that can see or operate devices is a privileged access path.
void check_support(const Context& ctx, Sink& sink) {
    if (!ctx.support()) {
        return;
    }
    const auto& cap = ctx.decl.capabilities.support_access;
    require_in_scope(ctx, sink, "support.tooling-in-scope", ComponentKind::SupportTooling,
                     "the support tooling", "support staff can reach devices and their data",
                     "capabilities.support_access", cap.loc);
    const auto tools = ctx.in_scope_of_kind(ComponentKind::SupportTooling);
    const char* role = "support tooling";
    require_controls(sink, "support.least-privilege", tools, {"least_privilege", "access_approval"},
                     role);
    require_controls(sink, "support.privileged-audit-log", tools, {"privileged_audit_log"}, role);
    require_controls(sink, "support.access-review", tools, {"access_review"}, role);
    if (cap.actions.contains(model::SupportAction::ChangeSettings) ||
        cap.actions.contains(model::SupportAction::InitiateUpdates)) {
        require_controls(sink, "support.time-bound-access", tools, {"time_bound_access"},
                         "support tooling that can change devices");
    }
}

} // namespace soc2scope::rules::builtin
