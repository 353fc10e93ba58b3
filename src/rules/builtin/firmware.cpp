#include "builtin.hpp"

namespace soc2scope::rules::builtin {

using model::ComponentKind;

void check_firmware(const Context& ctx, Sink& sink) {
    if (!ctx.firmware()) {
        return;
    }
    const auto& cap = ctx.decl.capabilities.firmware_updates;
    require_in_scope(ctx, sink, "firmware.pipeline-in-scope", ComponentKind::FirmwareUpdateService,
                     "the firmware update service", "you push firmware to devices",
                     "capabilities.firmware_updates", cap.loc);
    const auto services = ctx.in_scope_of_kind(ComponentKind::FirmwareUpdateService);
    const char* role = "the firmware update service";
    require_controls(sink, "firmware.signing", services, {"firmware_signing"}, role);
    require_controls(sink, "firmware.release-approval", services, {"release_approval"}, role);
    require_controls(sink, "firmware.staged-rollout", services, {"staged_rollout"}, role);
    require_controls(sink, "firmware.rollback", services, {"rollback"}, role);
    require_controls(sink, "firmware.failure-monitoring", services, {"update_failure_monitoring"},
                     role);
    if (ctx.remote_config()) {
        require_in_scope(ctx, sink, "firmware.remote-config-in-scope", ComponentKind::RemoteCommand,
                         "the remote configuration service", "you configure devices remotely",
                         "capabilities.firmware_updates.remote_configuration",
                         cap.remote_configuration.loc);
    }
}

} // namespace soc2scope::rules::builtin
