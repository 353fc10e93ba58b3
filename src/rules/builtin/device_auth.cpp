#include <fmt/format.h>

#include "builtin.hpp"

namespace soc2scope::rules::builtin {

using model::ComponentKind;

// Trigger 1: a device that authenticates to the cloud puts device identity in the boundary.
void check_device_auth(const Context& ctx, Sink& sink) {
    if (!ctx.device_auth()) {
        return;
    }
    const auto& cap = ctx.decl.capabilities.device_authentication;
    require_in_scope(ctx, sink, "device-auth.identity-service-in-scope",
                     ComponentKind::DeviceIdentity, "the device identity service",
                     "devices authenticate to the cloud", "capabilities.device_authentication",
                     cap.loc);
    const auto services = ctx.in_scope_of_kind(ComponentKind::DeviceIdentity);

    if (cap.credential.present() && cap.credential.value == model::CredentialType::SharedSecret) {
        sink.add("device-auth.unique-identity", nullptr,
                 "capabilities.device_authentication.credential", cap.credential.loc,
                 "devices authenticate with a shared secret: one extracted device can impersonate "
                 "every other device in the fleet");
    }
    require_controls(sink, "device-auth.unique-identity", services, {"unique_device_identity"},
                     "the device identity service");
    require_controls(sink, "device-auth.credential-lifecycle", services, {"credential_rotation"},
                     "the device identity service");
    require_controls(sink, "device-auth.revocation", services, {"revocation_quarantine"},
                     "the device identity service");
    require_controls(sink, "device-auth.tenant-binding", services, {"tenant_binding"},
                     "the device identity service");
    require_controls(sink, "device-auth.provisioning-approval", services, {"provisioning_approval"},
                     "the device identity service");
    require_controls(sink, "device-auth.identity-logging", services, {"identity_logging"},
                     "the device identity service");
}

} // namespace soc2scope::rules::builtin
