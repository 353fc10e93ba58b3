#include <algorithm>

#include <fmt/format.h>

#include <soc2scope/statement/statement.hpp>
#include <soc2scope/util/strings.hpp>

namespace soc2scope::statement {

using model::Component;
using model::ComponentKind;
using model::Scope;

namespace {

// What each control token means to a buyer.
std::string_view phrase(std::string_view token) {
    static constexpr std::pair<std::string_view, std::string_view> k_phrases[] = {
        {"unique_device_identity", "every device has its own identity"},
        {"credential_rotation", "device credentials are rotated"},
        {"revocation_quarantine", "a compromised device can be revoked and quarantined"},
        {"tenant_binding", "each device is bound to one customer"},
        {"provisioning_approval", "provisioning into production fleets is approved"},
        {"identity_logging", "provisioning, rotation and revocation are logged"},
        {"firmware_signing", "firmware is signed and verified before it runs"},
        {"release_approval", "every firmware release is an approved change"},
        {"staged_rollout", "releases roll out in stages, canaries first"},
        {"rollback", "a release can be rolled back"},
        {"update_failure_monitoring", "failed and stalled updates are detected and alerted on"},
        {"tls_ingestion", "telemetry arrives over enforced TLS"},
        {"schema_validation", "every payload is validated"},
        {"dead_letter_queue", "rejected payloads are kept for review, never dropped silently"},
        {"replay_protection", "replayed and duplicate messages are rejected"},
        {"missing_data_detection", "missing telemetry raises an alert"},
        {"tenant_isolation", "data is isolated per customer"},
        {"rate_limiting", "ingestion is rate limited per device and customer"},
        {"export_controls", "exports are restricted and logged"},
    };
    for (const auto& [t, p] : k_phrases) {
        if (t == token) {
            return p;
        }
    }
    return token;
}

std::string group_of(const Component& c) {
    switch (c.kind.value) {
    case ComponentKind::CustomerPortal:
    case ComponentKind::PublicApi:
    case ComponentKind::Hosting:
        return "Customer-facing systems";
    case ComponentKind::DataStore:
        return c.holds(model::DataClass::Telemetry) ? "Telemetry pipeline"
                                                    : "Customer-facing systems";
    case ComponentKind::Device:
    case ComponentKind::Gateway:
    case ComponentKind::DeviceIdentity:
    case ComponentKind::FirmwareUpdateService:
    case ComponentKind::RemoteCommand:
        return "Device and firmware platform";
    case ComponentKind::TelemetryIngestion:
        return "Telemetry pipeline";
    case ComponentKind::CiCd:
    case ComponentKind::Iac:
    case ComponentKind::Environment:
        return "Development and testing";
    default:
        return "Internal systems";
    }
}

struct Expect {
    std::vector<ComponentKind> kinds;
    bool telemetry_stores = false; // also data stores holding telemetry
    std::string_view token;
};

// Controls in place (and missing) across in-scope components of the kinds named.
void gather(const model::Declaration& d, const std::vector<Expect>& expected, Answer& a) {
    for (const Expect& e : expected) {
        std::vector<std::string> have;
        std::vector<std::string> lack;
        for (const auto& c : d.components) {
            if (c.scope.value != Scope::In) {
                continue;
            }
            const bool kind =
                std::find(e.kinds.begin(), e.kinds.end(), c.kind.value) != e.kinds.end() ||
                (e.telemetry_stores && c.kind.value == ComponentKind::DataStore &&
                 c.holds(model::DataClass::Telemetry));
            if (!kind) {
                continue;
            }
            (c.has_control(e.token) ? have : lack).push_back(c.name.value);
        }
        if (!have.empty()) {
            a.in_place.push_back(fmt::format("{} ({})", phrase(e.token), util::join(have, ", ")));
        }
        for (const auto& name : lack) {
            a.gaps.push_back(
                fmt::format("{} does not declare `{}` ({})", name, e.token, phrase(e.token)));
        }
        if (have.empty() && lack.empty()) {
            a.gaps.push_back(fmt::format("no in-scope component could carry `{}` ({})", e.token,
                                         phrase(e.token)));
        }
    }
}

const model::Responsibility* row(const model::Declaration& d, std::string_view domain) {
    for (const auto& r : d.responsibilities) {
        if (r.domain_key == domain) {
            return &r;
        }
    }
    return nullptr;
}

std::vector<Answer> answers(const model::Declaration& d) {
    const auto& caps = d.capabilities;
    const bool auth = caps.device_authentication.enabled.value;
    const bool fw = caps.firmware_updates.enabled.value;
    const bool tel = caps.telemetry_reliance.enabled.value;
    const bool any = auth || fw || tel || caps.support_access.enabled.value;
    using K = ComponentKind;
    std::vector<Answer> out;

    Answer secure{"Is the device secure?", any, "", {}, {}};
    if (secure.applies) {
        secure.summary = "What we operate to keep devices trustworthy, and what customers do:";
        std::vector<Expect> e;
        if (auth) {
            e.push_back({{K::DeviceIdentity}, false, "unique_device_identity"});
            e.push_back({{K::DeviceIdentity}, false, "credential_rotation"});
            e.push_back({{K::DeviceIdentity}, false, "revocation_quarantine"});
        }
        if (fw) {
            e.push_back({{K::FirmwareUpdateService}, false, "firmware_signing"});
        }
        gather(d, e, secure);
        for (std::string_view domain : {"device_identity", "physical_access"}) {
            if (const auto* r = row(d, domain); r != nullptr && r->customer.present()) {
                secure.in_place.push_back(fmt::format("customers: {}", r->customer.value));
            }
        }
    } else {
        secure.summary =
            "The service does not depend on devices: none authenticate to it, receive firmware "
            "from it, or feed it telemetry customers rely on.";
    }
    out.push_back(std::move(secure));

    Answer updates{"How do firmware updates work?", fw, "", {}, {}};
    if (fw) {
        updates.summary = "How firmware releases are controlled:";
        gather(d,
               {{{K::FirmwareUpdateService}, false, "release_approval"},
                {{K::FirmwareUpdateService}, false, "firmware_signing"},
                {{K::FirmwareUpdateService}, false, "staged_rollout"},
                {{K::FirmwareUpdateService}, false, "rollback"},
                {{K::FirmwareUpdateService}, false, "update_failure_monitoring"}},
               updates);
        if (const auto* r = row(d, "firmware_updates"); r != nullptr && r->customer.present()) {
            updates.in_place.push_back(fmt::format("customers: {}", r->customer.value));
        }
    } else {
        updates.summary = "We do not push firmware or configuration to devices.";
    }
    out.push_back(std::move(updates));

    Answer blast{"Can a compromised device affect other customers?", auth || tel, "", {}, {}};
    if (blast.applies) {
        blast.summary = "What keeps a compromised device from reaching other customers:";
        std::vector<Expect> e;
        if (auth) {
            e.push_back({{K::DeviceIdentity}, false, "tenant_binding"});
            e.push_back({{K::DeviceIdentity}, false, "revocation_quarantine"});
        }
        if (tel) {
            e.push_back({{K::TelemetryIngestion}, true, "tenant_isolation"});
            e.push_back({{K::TelemetryIngestion}, false, "rate_limiting"});
        }
        gather(d, e, blast);
    } else {
        blast.summary = "Devices do not connect to the service.";
    }
    out.push_back(std::move(blast));

    Answer brick{"What happens if an update bricks devices?", fw, "", {}, {}};
    if (fw) {
        brick.summary = "How a bad firmware release is contained and recovered from:";
        gather(d,
               {{{K::FirmwareUpdateService}, false, "staged_rollout"},
                {{K::FirmwareUpdateService}, false, "update_failure_monitoring"},
                {{K::FirmwareUpdateService}, false, "rollback"}},
               brick);
        const auto* ir = d.find_process(model::ProcessKind::IncidentResponse);
        if (ir != nullptr && ir->runbooks.contains("rollout_failure")) {
            brick.in_place.push_back("an incident runbook covers rollout failures");
        } else {
            brick.gaps.push_back("no `rollout_failure` runbook under processes.incident_response");
        }
        if (d.audit.has(model::Criterion::Availability)) {
            brick.in_place.push_back("Availability is among the criteria of our SOC 2 report");
        }
    } else {
        brick.summary = "We do not push firmware to devices.";
    }
    out.push_back(std::move(brick));

    Answer trust{"Is device telemetry trustworthy?", tel, "", {}, {}};
    if (tel) {
        trust.summary = "How telemetry is protected from the device to our stores:";
        gather(d,
               {{{K::TelemetryIngestion}, false, "tls_ingestion"},
                {{K::TelemetryIngestion}, false, "schema_validation"},
                {{K::TelemetryIngestion}, false, "dead_letter_queue"},
                {{K::TelemetryIngestion}, false, "replay_protection"},
                {{K::TelemetryIngestion}, false, "missing_data_detection"}},
               trust);
        if (d.audit.has(model::Criterion::ProcessingIntegrity)) {
            trust.in_place.push_back(
                "Processing Integrity is among the criteria of our SOC 2 report");
        }
        if (const auto* r = row(d, "telemetry_integrity"); r != nullptr && r->customer.present()) {
            trust.in_place.push_back(fmt::format("customers: {}", r->customer.value));
        }
    } else {
        trust.summary = "Customers do not rely on device telemetry from this service.";
    }
    out.push_back(std::move(trust));

    Answer hw{"Is the hardware part of your SOC 2?", true, "", {}, {}};
    std::vector<const Component*> devices;
    for (const auto& c : d.components) {
        if (c.kind.value == K::Device || c.kind.value == K::Gateway) {
            devices.push_back(&c);
        }
    }
    if (devices.empty()) {
        hw.summary = "No devices or gateways are part of the system.";
    } else {
        hw.summary =
            "Not all devices, and not no devices: the report covers what we operate that makes the "
            "device-plus-cloud system trustworthy.";
        for (const Component* c : devices) {
            hw.in_place.push_back(
                fmt::format("{}: {}{}", c->name.value,
                            c->scope.value == Scope::In       ? "in scope"
                            : c->scope.value == Scope::Shared ? "shared with customers"
                                                              : "out of scope",
                            c->rationale.present() ? " (" + c->rationale.value + ")" : ""));
        }
        if (row(d, "device_identity") == nullptr && row(d, "physical_access") == nullptr) {
            hw.gaps.push_back(
                "no responsibilities row for device_identity or physical_access says what "
                "customers do");
        }
    }
    out.push_back(std::move(hw));
    return out;
}

} // namespace

Statement build_statement(const model::Declaration& d, const report::CheckReport& report,
                          bool internal) {
    Statement s;
    s.decl = &d;
    s.internal = internal;
    s.as_of = report.as_of;
    s.report = &report;
    static constexpr std::pair<std::string_view, std::string_view> k_brings[] = {
        {"device_authentication",
         "identity issuance and provisioning, the certificate and token lifecycle, "
         "revocation and quarantine, and tenant binding from device to customer"},
        {"firmware_updates",
         "the firmware release process, signing and integrity verification, staged "
         "rollouts, rollback and failure handling, approvals and release logging"},
        {"telemetry_reliance",
         "ingestion validation, replay and duplicate controls, missing data detection, "
         "tenant isolation in the telemetry pipeline, and export controls"},
        {"support_access",
         "support access governance, least privilege and approvals, audit logs of "
         "privileged actions, and access reviews"},
        {"customer_operations_impact",
         "service health monitoring, restore tests, incident runbooks and "
         "recovery from bad deployments (Availability)"},
    };
    for (const auto& t : report.triggers) {
        TriggerScope ts{t.title, t.fired, ""};
        for (const auto& [id, brings] : k_brings) {
            if (id == t.id) {
                ts.brings = std::string(brings);
            }
        }
        s.triggers.push_back(std::move(ts));
    }
    static constexpr std::string_view k_groups[] = {
        "Customer-facing systems", "Device and firmware platform", "Telemetry pipeline",
        "Internal systems", "Development and testing"};
    for (std::string_view g : k_groups) {
        Group group{std::string(g), {}};
        for (const auto& c : d.components) {
            if (c.scope.value == Scope::In && group_of(c) == g) {
                group.components.push_back(&c);
            }
        }
        if (!group.components.empty()) {
            s.in_scope.push_back(std::move(group));
        }
    }
    for (const auto& c : d.components) {
        if (c.scope.value == Scope::Shared) {
            s.shared.push_back(&c);
        } else if (c.scope.value == Scope::Out) {
            s.out_of_scope.push_back(&c);
        }
    }
    for (const auto& r : d.responsibilities) {
        s.responsibilities.push_back(&r);
        if (r.customer.present()) {
            s.cuecs.push_back(r.customer.value);
        }
    }
    for (const auto& v : d.vendors) {
        VendorEntry e{&v, {}};
        for (const auto& c : d.components) {
            const auto op = c.effective_operator();
            if (op.kind == model::Operator::Kind::Vendor && op.vendor == v.id.value) {
                e.provides.push_back(&c);
            }
        }
        s.vendors.push_back(std::move(e));
    }
    s.answers = answers(d);
    s.diagram = diagram_of(d);
    return s;
}

} // namespace soc2scope::statement
