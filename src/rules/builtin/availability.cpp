#include <optional>

#include <fmt/format.h>

#include "builtin.hpp"

namespace soc2scope::rules::builtin {

using model::ComponentKind;

namespace {

constexpr std::int64_t k_year_days = 365;

diag::SourceLocation criteria_location(const model::Audit& audit) {
    return audit.criteria.present() ? audit.criteria.loc : audit.loc;
}

} // namespace

void check_availability(const Context& ctx, Sink& sink) {
    const auto& decl = ctx.decl;
    const bool availability = decl.audit.has(model::Criterion::Availability);
    const auto& impact = decl.capabilities.customer_operations_impact;
    if (impact.value && !availability) {
        sink.add("availability.criteria-selected", nullptr, "audit.criteria",
                 criteria_location(decl.audit),
                 "firmware failures or telemetry outages affect customer operations "
                 "(customer_operations_impact), but availability is not among the audit criteria");
    }
    if (!availability) {
        return;
    }

    require_in_scope(ctx, sink, "availability.monitoring", ComponentKind::Monitoring,
                     "the monitoring system", "availability is among the audit criteria",
                     "audit.criteria", criteria_location(decl.audit));

    std::vector<const model::Component*> stores;
    for (const auto* c : ctx.in_scope_of_kind(ComponentKind::DataStore)) {
        if (c->holds(model::DataClass::Customer) || c->holds(model::DataClass::Telemetry)) {
            stores.push_back(c);
        }
    }
    require_controls(sink, "availability.restore-tests", stores, {"restore_testing"},
                     "a store of customer data or telemetry");

    // Each runbook where its trigger applies: a rollout failure needs firmware pushes, and so on.
    std::vector<std::string_view> required;
    if (ctx.firmware()) {
        required.push_back("rollout_failure");
    }
    if (ctx.telemetry()) {
        required.push_back("ingestion_outage");
    }
    if (ctx.device_auth()) {
        required.push_back("identity_compromise");
    }
    const model::Process* ir = decl.find_process(model::ProcessKind::IncidentResponse);
    std::string missing;
    for (std::string_view r : required) {
        if (ir == nullptr || !ir->runbooks.contains(std::string(r))) {
            missing += fmt::format("{}`{}`", missing.empty() ? "" : ", ", r);
        }
    }
    if (!missing.empty()) {
        diag::SourceLocation where = decl.section_location("processes").known()
                                         ? decl.section_location("processes")
                                         : decl.audit.loc;
        std::string path = "processes.incident_response";
        if (ir != nullptr) {
            where = ir->runbooks.present() ? ir->runbooks.loc : ir->loc;
            path += ".runbooks";
        }
        sink.add("availability.runbooks", nullptr, path, where,
                 fmt::format("availability is among the audit criteria, but the incident response "
                             "runbooks do not include {}",
                             missing));
    }

    std::optional<util::Date> latest;
    for (const auto& e : decl.evidence) {
        if (e.satisfies.contains("availability.tabletop-record") && e.collected.present() &&
            e.collected.value <= ctx.as_of && (!latest || *latest < e.collected.value)) {
            latest = e.collected.value;
        }
    }
    if (!latest || latest->plus_days(k_year_days) < ctx.as_of) {
        sink.add("availability.tabletop", nullptr, "evidence", criteria_location(decl.audit),
                 latest ? fmt::format("the last incident tabletop on record is from {}, more than "
                                      "a year before {}",
                                      latest->to_string(), ctx.as_of.to_string())
                        : fmt::format("no incident tabletop is on record for the year before {}",
                                      ctx.as_of.to_string()));
    }
}

} // namespace soc2scope::rules::builtin
