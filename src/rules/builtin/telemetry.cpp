#include <fmt/format.h>

#include "builtin.hpp"

namespace soc2scope::rules::builtin {

using model::ComponentKind;

// Trigger 3: when customers rely on telemetry, its integrity, completeness and isolation are
// part of the trust story.
void check_telemetry(const Context& ctx, Sink& sink) {
    if (!ctx.telemetry()) {
        return;
    }
    const auto& cap = ctx.decl.capabilities.telemetry_reliance;
    require_in_scope(ctx, sink, "telemetry.ingestion-in-scope", ComponentKind::TelemetryIngestion,
                     "the telemetry ingestion endpoint", "customers rely on device telemetry",
                     "capabilities.telemetry_reliance", cap.loc);
    const auto ingest = ctx.in_scope_of_kind(ComponentKind::TelemetryIngestion);
    const char* role = "a telemetry ingestion endpoint";
    require_controls(sink, "telemetry.tls", ingest, {"tls_ingestion"}, role);
    require_controls(sink, "telemetry.validation", ingest,
                     {"schema_validation", "dead_letter_queue"}, role);
    require_controls(sink, "telemetry.missing-data-detection", ingest, {"missing_data_detection"},
                     role);
    require_controls(sink, "telemetry.tenant-isolation", ingest, {"tenant_isolation"}, role);

    std::vector<const model::Component*> stores;
    std::vector<const model::Component*> exits;
    bool any_export_controls = false;
    for (const auto& c : ctx.decl.components) {
        if (!in_scope(c)) {
            continue;
        }
        any_export_controls = any_export_controls || c.has_control("export_controls");
        if (!c.holds(model::DataClass::Telemetry)) {
            continue;
        }
        if (c.kind.value == ComponentKind::DataStore) {
            stores.push_back(&c);
        } else if (c.kind.value == ComponentKind::CustomerPortal ||
                   c.kind.value == ComponentKind::PublicApi) {
            exits.push_back(&c);
        }
    }
    require_controls(sink, "telemetry.tenant-isolation", stores, {"tenant_isolation"},
                     "a store of telemetry");
    require_controls(sink, "telemetry.replay-protection", ingest, {"replay_protection"}, role);
    require_controls(sink, "telemetry.rate-limiting", ingest, {"rate_limiting"}, role);

    require_controls(sink, "telemetry.egress", exits, {"export_controls"},
                     "a customer-facing way out for telemetry");
    if (exits.empty() && !any_export_controls) {
        sink.add("telemetry.egress", nullptr, "capabilities.telemetry_reliance",
                 ctx.capability_location(cap.loc),
                 "customers rely on telemetry, but no in-scope component declares "
                 "`export_controls` over how it leaves the platform");
    }

    const bool billing = cap.used_for.contains(model::TelemetryUse::Billing);
    const bool compliance = cap.used_for.contains(model::TelemetryUse::ComplianceReporting);
    if ((billing || compliance) && !ctx.decl.audit.has(model::Criterion::ProcessingIntegrity)) {
        sink.add("telemetry.processing-integrity", nullptr,
                 "capabilities.telemetry_reliance.used_for", cap.used_for.loc,
                 fmt::format("telemetry is used for {} but processing_integrity is not among the "
                             "audit criteria",
                             billing && compliance ? "billing and compliance reporting"
                             : billing             ? "billing"
                                                   : "compliance reporting"));
    }
}

} // namespace soc2scope::rules::builtin
