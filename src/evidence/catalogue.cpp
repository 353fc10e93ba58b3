#include <soc2scope/evidence/catalogue.hpp>

namespace soc2scope::evidence {

namespace {

using C = Cadence;
using K = Condition;

constexpr CatalogueItem k_items[] = {
    {"boundary.statement", "System boundary and shared responsibility statement",
     C::PerAuditPeriod},

    {"device-auth.identity-model", "Device identity model document", C::PerAuditPeriod},
    {"device-auth.provisioning-log", "Sample provisioning log", C::PerAuditPeriod},
    {"device-auth.revocation-proof", "Sample revocation ticket with proof the device was blocked",
     C::PerAuditPeriod},
    {"device-auth.provisioner-review", "Review of who can provision devices", C::Days90},

    {"firmware.signing-approach", "Firmware signing approach, documented", C::PerAuditPeriod},
    {"firmware.signing-key-management", "Key management controls for release signing",
     C::PerAuditPeriod},
    {"firmware.pipeline-verification", "Verification steps in the release pipeline",
     C::PerAuditPeriod},
    {"firmware.release-approvals", "Sample firmware release approvals", C::PerAuditPeriod},
    {"firmware.branch-protection", "Branch protections and CI checks", C::PerAuditPeriod},
    {"firmware.deployment-logs", "Firmware deployment logs", C::PerAuditPeriod},
    {"firmware.rollout-plan-template", "Rollout plan template", C::PerAuditPeriod},
    {"firmware.staged-rollout-record", "Sample staged rollout record", C::PerAuditPeriod},
    {"firmware.rollback-record", "Sanitized rollback incident record, if a rollback happened",
     C::PerAuditPeriod, true},
    {"firmware.monitoring-dashboard", "Update monitoring dashboard snapshot", C::PerAuditPeriod},
    {"firmware.alert-ticket-sample", "Alert to ticket to resolution sample", C::PerAuditPeriod},
    {"firmware.failure-detection-rules",
     "Rules that detect elevated failure rates and outdated device versions", C::PerAuditPeriod},

    {"telemetry.gateway-config", "Gateway or WAF configuration", C::PerAuditPeriod},
    {"telemetry.validation-rules", "Validation rules summary", C::PerAuditPeriod},
    {"telemetry.missing-data-record", "Missing data detection evidence", C::PerAuditPeriod},
    {"telemetry.log-retention", "Telemetry log retention proof", C::PerAuditPeriod},
    {"telemetry.review-signoff", "Telemetry review sign-offs", C::PerAuditPeriod},
    {"telemetry.alert-tickets", "Alert-to-ticket examples (2 to 3)", C::PerAuditPeriod, false, 2},

    {"support.access-policy", "Support access policy: least privilege and approvals",
     C::PerAuditPeriod},
    {"support.privileged-audit-sample", "Sample of audit logs for privileged support actions",
     C::PerAuditPeriod},
    {"support.access-review-record", "Support access review record", C::Days90},

    {"availability.monitoring-dashboard", "Service health monitoring dashboard", C::PerAuditPeriod},
    {"availability.restore-test", "Restore test record", C::Yearly},
    {"availability.runbook-rollout-failure", "Incident runbook: firmware rollout failure",
     C::PerAuditPeriod, false, 1, K::Firmware},
    {"availability.runbook-ingestion-outage", "Incident runbook: telemetry ingestion outage",
     C::PerAuditPeriod, false, 1, K::Telemetry},
    {"availability.runbook-identity-compromise", "Incident runbook: device identity compromise",
     C::PerAuditPeriod, false, 1, K::DeviceAuth},
    {"availability.tabletop-record", "Incident tabletop exercise record", C::Yearly},

    {"change.pr-approvals", "Change samples with pull-request approvals", C::PerAuditPeriod},
    {"change.deploy-logs", "Deploy logs", C::PerAuditPeriod},

    {"logging.retention-proof", "Logging and retention proof", C::PerAuditPeriod},
    {"logging.review-signoff", "Log review sign-offs", C::PerAuditPeriod},

    {k_vendor_report_template, "Vendor SOC 2 report, reviewed", C::Yearly},
};

constexpr Area k_areas[] = {
    {"boundary", "System boundary"},
    {"device-auth", "Device identity"},
    {"firmware", "Firmware governance"},
    {"telemetry", "Telemetry pipeline"},
    {"support", "Privileged support access"},
    {"availability", "Availability and incident response"},
    {"change", "Change management"},
    {"logging", "Logging and review"},
    {"vendor", "Vendors"},
};

constexpr std::string_view m1[] = {"boundary.statement"};
constexpr std::string_view m2[] = {"device-auth.identity-model", "device-auth.provisioning-log",
                                   "device-auth.revocation-proof"};
constexpr std::string_view m3[] = {"firmware.release-approvals", "firmware.staged-rollout-record"};
constexpr std::string_view m4[] = {"telemetry.validation-rules", "telemetry.missing-data-record"};
constexpr std::string_view m5[] = {"support.access-review-record",
                                   "device-auth.provisioner-review"};
constexpr std::string_view m6[] = {"logging.retention-proof", "logging.review-signoff"};
constexpr std::string_view m7[] = {
    "availability.runbook-rollout-failure", "availability.runbook-ingestion-outage",
    "availability.runbook-identity-compromise", "availability.tabletop-record"};
constexpr std::string_view m8[] = {"change.pr-approvals", "change.deploy-logs"};

constexpr MinimumSetEntry k_minimum[] = {
    {1, "System boundary and shared responsibility statement", m1, K::Always},
    {2, "Device identity model with provisioning and revocation proof", m2, K::DeviceAuth},
    {3, "Firmware release governance and staged rollout proof", m3, K::Firmware},
    {4, "Telemetry pipeline controls: validation, isolation and missing data detection", m4,
     K::Telemetry},
    {5, "Privileged access review evidence for device and admin tooling", m5, K::Always},
    {6, "Logging and retention proof plus log review sign-offs", m6, K::Always},
    {7, "Incident response runbooks and one tabletop record", m7, K::Always},
    {8, "Change management samples with PR approvals and deploy logs", m8, K::Always},
};

} // namespace

std::span<const CatalogueItem> catalogue() {
    return k_items;
}

std::span<const Area> areas() {
    return k_areas;
}

const Area* find_area(std::string_view id) {
    for (const Area& a : k_areas) {
        if (a.id == id) {
            return &a;
        }
    }
    return nullptr;
}

std::optional<std::string_view> vendor_of(std::string_view id) {
    constexpr std::string_view prefix = "vendor.";
    constexpr std::string_view suffix = ".soc-report";
    if (id.size() > prefix.size() + suffix.size() && id.starts_with(prefix) &&
        id.ends_with(suffix)) {
        return id.substr(prefix.size(), id.size() - prefix.size() - suffix.size());
    }
    return std::nullopt;
}

const CatalogueItem* find_item(std::string_view id) {
    const std::string_view key = vendor_of(id) ? k_vendor_report_template : id;
    for (const CatalogueItem& item : k_items) {
        if (item.id == key) {
            return &item;
        }
    }
    return nullptr;
}

int cadence_days(Cadence c) {
    switch (c) {
    case Cadence::Days90:
        return 90;
    case Cadence::Yearly:
        return 365;
    case Cadence::PerAuditPeriod:
        return 0;
    }
    return 0;
}

std::string_view cadence_name(Cadence c) {
    switch (c) {
    case Cadence::Days90:
        return "every 90 days";
    case Cadence::Yearly:
        return "yearly";
    case Cadence::PerAuditPeriod:
        return "each audit period";
    }
    return "";
}

std::span<const MinimumSetEntry> minimum_set() {
    return k_minimum;
}

} // namespace soc2scope::evidence
