#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace soc2scope::model {

// Every enumeration of the declaration, with the spelling used in YAML. The spellings are
// the public interface (see docs/declaration.md); the order is the order of the arrays.

enum class AuditType { Type1, Type2 };
enum class Criterion { Security, Availability, ProcessingIntegrity, Confidentiality, Privacy };
enum class CredentialType { X509PerDevice, TokenPerDevice, SharedSecret };
enum class TelemetryUse { Alerts, Billing, ComplianceReporting, OperationalDecisions };
enum class SupportAction { ViewTelemetry, RunDiagnostics, ChangeSettings, InitiateUpdates };
enum class ComponentKind {
    Device,
    Gateway,
    DeviceIdentity,
    FirmwareUpdateService,
    RemoteCommand,
    TelemetryIngestion,
    DataStore,
    AdminTooling,
    SupportTooling,
    CustomerPortal,
    PublicApi,
    Hosting,
    IdentityProvider,
    CiCd,
    Iac,
    Environment,
    Monitoring,
    Communication,
    Crm,
    CustomerNetwork,
    CustomerSite,
    Other
};
enum class Scope { In, Shared, Out };
enum class DataClass { Customer, Telemetry, Credentials, None };
enum class RelationKind { Authenticates, Deploys, Defines, Administers, SendsDataTo };
enum class VendorMethod { CarveOut, Inclusive };
enum class ProcessKind {
    ChangeManagement,
    IncidentResponse,
    Monitoring,
    AccessManagement,
    VendorManagement,
    RiskAssessment,
    SecurityAwareness,
    BusinessContinuity
};

template <typename E>
struct EnumNames;

#define SOC2SCOPE_ENUM_NAMES(E, ...)                                                               \
    template <>                                                                                    \
    struct EnumNames<E> {                                                                          \
        static constexpr std::string_view k_names[] = {__VA_ARGS__};                               \
    }

SOC2SCOPE_ENUM_NAMES(AuditType, "type1", "type2");
SOC2SCOPE_ENUM_NAMES(Criterion, "security", "availability", "processing_integrity",
                     "confidentiality", "privacy");
SOC2SCOPE_ENUM_NAMES(CredentialType, "x509_per_device", "token_per_device", "shared_secret");
SOC2SCOPE_ENUM_NAMES(TelemetryUse, "alerts", "billing", "compliance_reporting",
                     "operational_decisions");
SOC2SCOPE_ENUM_NAMES(SupportAction, "view_telemetry", "run_diagnostics", "change_settings",
                     "initiate_updates");
SOC2SCOPE_ENUM_NAMES(ComponentKind, "device", "gateway", "device_identity",
                     "firmware_update_service", "remote_command", "telemetry_ingestion",
                     "data_store", "admin_tooling", "support_tooling", "customer_portal",
                     "public_api", "hosting", "identity_provider", "ci_cd", "iac", "environment",
                     "monitoring", "communication", "crm", "customer_network", "customer_site",
                     "other");
SOC2SCOPE_ENUM_NAMES(Scope, "in", "shared", "out");
SOC2SCOPE_ENUM_NAMES(DataClass, "customer", "telemetry", "credentials", "none");
SOC2SCOPE_ENUM_NAMES(RelationKind, "authenticates", "deploys", "defines", "administers",
                     "sends_data_to");
SOC2SCOPE_ENUM_NAMES(VendorMethod, "carve_out", "inclusive");
SOC2SCOPE_ENUM_NAMES(ProcessKind, "change_management", "incident_response", "monitoring",
                     "access_management", "vendor_management", "risk_assessment",
                     "security_awareness", "business_continuity");

#undef SOC2SCOPE_ENUM_NAMES

template <typename E>
constexpr std::span<const std::string_view> enum_names() {
    return std::span<const std::string_view>(EnumNames<E>::k_names);
}

template <typename E>
constexpr std::string_view to_string(E value) {
    return EnumNames<E>::k_names[static_cast<std::size_t>(value)];
}

template <typename E>
constexpr std::optional<E> enum_from_string(std::string_view text) {
    const auto names = enum_names<E>();
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text) {
            return static_cast<E>(i);
        }
    }
    return std::nullopt;
}

// The runbooks the availability rules look for, and the shared-responsibility domains the
// coverage rule looks for (the first article's table).
inline constexpr std::string_view k_known_runbooks[] = {"rollout_failure", "ingestion_outage",
                                                        "identity_compromise"};
inline constexpr std::string_view k_known_domains[] = {"device_identity", "network_exposure",
                                                       "firmware_updates", "telemetry_integrity",
                                                       "physical_access"};

// Control tokens the built-in rules look for. Others are allowed (a team's own controls);
// a near miss of one of these draws a warning, since a rule would silently not see it.
inline constexpr std::string_view k_known_controls[] = {"unique_device_identity",
                                                        "credential_rotation",
                                                        "revocation_quarantine",
                                                        "tenant_binding",
                                                        "provisioning_approval",
                                                        "identity_logging",
                                                        "firmware_signing",
                                                        "release_approval",
                                                        "staged_rollout",
                                                        "rollback",
                                                        "update_failure_monitoring",
                                                        "tls_ingestion",
                                                        "schema_validation",
                                                        "dead_letter_queue",
                                                        "replay_protection",
                                                        "missing_data_detection",
                                                        "tenant_isolation",
                                                        "rate_limiting",
                                                        "export_controls",
                                                        "least_privilege",
                                                        "access_approval",
                                                        "privileged_audit_log",
                                                        "access_review",
                                                        "time_bound_access",
                                                        "restore_testing"};

} // namespace soc2scope::model
