#include <algorithm>
#include <array>

#include <soc2scope/rules/rule.hpp>

namespace soc2scope::rules {

std::string_view to_string(Severity s) {
    switch (s) {
    case Severity::Info:
        return "info";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "error";
}

std::optional<Severity> severity_from_string(std::string_view s) {
    if (s == "info") {
        return Severity::Info;
    }
    if (s == "warning") {
        return Severity::Warning;
    }
    if (s == "error") {
        return Severity::Error;
    }
    return std::nullopt;
}

std::string_view family_title(Family f) {
    switch (f) {
    case Family::DeviceAuth:
        return "Trigger 1: devices authenticate to the cloud";
    case Family::Firmware:
        return "Trigger 2: firmware updates and remote configuration";
    case Family::Telemetry:
        return "Trigger 3: customers rely on device telemetry";
    case Family::Support:
        return "Trigger 4: support can see or operate devices";
    case Family::Availability:
        return "Availability";
    case Family::Boundary:
        return "System boundary and shared responsibility";
    case Family::General:
        return "General SaaS scope";
    case Family::Evidence:
        return "Evidence";
    case Family::Drift:
        return "Drift from the approved boundary";
    case Family::Waiver:
        return "Waivers";
    }
    return "";
}

namespace {

using SV = std::string_view;

constexpr SV k_hw = "Hardware-Enabled SaaS and SOC 2 (Canadian Cyber)";
constexpr SV k_scope = "Identifying the Scope of SOC 2, Part 3 (Rohith Sanam)";

// Criteria and evidence lists, named once each so the table below stays readable.
constexpr SV c_6_1[] = {"CC6.1"};
constexpr SV c_6_1_6_6[] = {"CC6.1", "CC6.6"};
constexpr SV c_6_1_6_2[] = {"CC6.1", "CC6.2"};
constexpr SV c_6_1_6_2_7_4[] = {"CC6.1", "CC6.2", "CC7.4"};
constexpr SV c_6_1_6_3[] = {"CC6.1", "CC6.3"};
constexpr SV c_6_2[] = {"CC6.2"};
constexpr SV c_6_2_6_3[] = {"CC6.2", "CC6.3"};
constexpr SV c_6_3[] = {"CC6.3"};
constexpr SV c_6_6_pi[] = {"CC6.6", "PI1.2"};
constexpr SV c_6_6_a[] = {"CC6.6", "A1.1"};
constexpr SV c_6_7[] = {"CC6.7"};
constexpr SV c_7_2[] = {"CC7.2"};
constexpr SV c_7_2_7_3[] = {"CC7.2", "CC7.3"};
constexpr SV c_7_2_pi[] = {"CC7.2", "PI1.2"};
constexpr SV c_7_2_pi3[] = {"CC7.2", "PI1.3"};
constexpr SV c_7_4_7_5[] = {"CC7.4", "CC7.5"};
constexpr SV c_7_5_8_1[] = {"CC7.5", "CC8.1"};
constexpr SV c_8_1[] = {"CC8.1"};
constexpr SV c_8_1_6_8[] = {"CC8.1", "CC6.8"};
constexpr SV c_8_1_6_1[] = {"CC8.1", "CC6.1"};
constexpr SV c_6_1_pi[] = {"CC6.1", "PI1.2"};
constexpr SV c_pi1_1[] = {"PI1.1"};
constexpr SV c_a1_1[] = {"A1.1"};
constexpr SV c_a1_1_7_2[] = {"A1.1", "CC7.2"};
constexpr SV c_a1_2_a1_3[] = {"A1.2", "A1.3"};
constexpr SV c_2_2[] = {"CC2.2"};
constexpr SV c_2_3[] = {"CC2.3"};
constexpr SV c_2_3_9_2[] = {"CC2.3", "CC9.2"};
constexpr SV c_6_1_c1[] = {"CC6.1", "C1.1"};
constexpr SV c_9_2[] = {"CC9.2"};
constexpr SV c_process[] = {"CC6.2", "CC7.2", "CC7.4", "CC8.1"};
constexpr SV c_people[] = {"CC1.4", "CC2.2", "CC6.2"};
constexpr SV c_1_3[] = {"CC1.3"};
constexpr SV c_3_2[] = {"CC3.2"};
constexpr SV c_none[] = {"CC3.2"};
constexpr SV c_evidence[] = {"CC4.1"};
constexpr SV c_drift[] = {"CC8.1", "CC2.3"};
constexpr SV c_inventory[] = {"CC2.2", "CC3.2"};
constexpr SV k_drift_rationale =
    "The lock is the approved boundary and its git history is the boundary's change log, which "
    "is itself change-management evidence. Scope, operators, responsibilities, triggers and "
    "criteria decide what the report covers and what buyers are told, so a change to any of them "
    "is reviewed before it lands; narrowing scope most of all, since it can quietly drop what "
    "customers rely on.";
constexpr SV k_drift_fix =
    "Review the change; if it is right, run `soc2scope lock --approved-by NAME --reason TEXT` "
    "and commit the lock with the change.";
constexpr SV k_lock_source = "soc2scope's change control for the boundary (both sources: scope "
                             "follows responsibility)";

constexpr SV e_none[] = {"boundary.statement"};
constexpr SV e_identity_model[] = {"device-auth.identity-model"};
constexpr SV e_revocation[] = {"device-auth.identity-model", "device-auth.revocation-proof"};
constexpr SV e_provisioning[] = {"device-auth.provisioning-log", "device-auth.provisioner-review"};
constexpr SV e_id_logging[] = {"device-auth.provisioning-log"};
constexpr SV e_fw_pipeline[] = {"firmware.pipeline-verification", "firmware.deployment-logs"};
constexpr SV e_fw_signing[] = {"firmware.signing-approach", "firmware.signing-key-management",
                               "firmware.pipeline-verification"};
constexpr SV e_fw_approval[] = {"firmware.release-approvals", "firmware.branch-protection",
                                "firmware.deployment-logs"};
constexpr SV e_fw_staged[] = {"firmware.rollout-plan-template", "firmware.staged-rollout-record"};
constexpr SV e_fw_rollback[] = {"firmware.rollback-record"};
constexpr SV e_fw_monitoring[] = {"firmware.monitoring-dashboard", "firmware.alert-ticket-sample",
                                  "firmware.failure-detection-rules"};
constexpr SV e_fw_remote[] = {"firmware.deployment-logs"};
constexpr SV e_tel_gateway[] = {"telemetry.gateway-config"};
constexpr SV e_tel_validation[] = {"telemetry.validation-rules"};
constexpr SV e_tel_missing[] = {"telemetry.missing-data-record", "telemetry.alert-tickets"};
constexpr SV e_tel_isolation[] = {"telemetry.validation-rules", "telemetry.review-signoff"};
constexpr SV e_tel_egress[] = {"telemetry.log-retention", "telemetry.review-signoff"};
constexpr SV e_sup_policy[] = {"support.access-policy"};
constexpr SV e_sup_audit[] = {"support.privileged-audit-sample"};
constexpr SV e_sup_review[] = {"support.access-review-record"};
constexpr SV e_av_monitoring[] = {"availability.monitoring-dashboard"};
constexpr SV e_av_restore[] = {"availability.restore-test"};
constexpr SV e_av_runbooks[] = {"availability.runbook-rollout-failure",
                                "availability.runbook-ingestion-outage",
                                "availability.runbook-identity-compromise"};
constexpr SV e_av_tabletop[] = {"availability.tabletop-record"};
constexpr SV e_change[] = {"change.pr-approvals", "change.deploy-logs"};
constexpr SV e_process[] = {"change.pr-approvals", "change.deploy-logs", "logging.retention-proof",
                            "logging.review-signoff"};
constexpr SV e_vendor[] = {"vendor.<id>.soc-report"};
constexpr SV e_empty[] = {"boundary.statement"};

constexpr RuleInfo k_rules[] = {
    // --- Trigger 1 -------------------------------------------------------------------------
    {"device-auth.identity-service-in-scope", Family::DeviceAuth, Severity::Error,
     "The device identity service is in scope", c_6_1, "capabilities.device_authentication.enabled",
     "When devices present credentials or certificates to your ingestion endpoint, the service "
     "that issues and checks those identities is part of your security boundary: it decides which "
     "devices may send data and on behalf of which customer. Leaving it out makes the report say "
     "nothing about how devices are trusted.",
     "Declare the service that issues and verifies device identities as a component of kind "
     "device_identity with scope: in.",
     k_hw, e_identity_model},
    {"device-auth.unique-identity", Family::DeviceAuth, Severity::Error,
     "Every device has its own identity", c_6_1_6_6, "capabilities.device_authentication.enabled",
     "Reviewers want to know a device cannot easily be impersonated. A secret shared across the "
     "fleet means one extracted device can pose as any other; the sources list shared secrets "
     "among the common mistakes and per-device identity with revocation as the fix.",
     "Give each device its own X.509 certificate or token (credential: x509_per_device or "
     "token_per_device) and record unique_device_identity on the device identity component.",
     k_hw, e_identity_model},
    {"device-auth.credential-lifecycle", Family::DeviceAuth, Severity::Error,
     "Device credentials are rotated", c_6_1_6_2, "capabilities.device_authentication.enabled",
     "Certificate and token lifecycle is in scope once devices authenticate: credentials that "
     "never rotate stay valid long after a device is lost, resold or compromised.",
     "Adopt a rotation policy for device certificates or tokens and record credential_rotation "
     "on the device identity component.",
     k_hw, e_identity_model},
    {"device-auth.revocation", Family::DeviceAuth, Severity::Error,
     "Compromised devices can be revoked and quarantined", c_6_1_6_2_7_4,
     "capabilities.device_authentication.enabled",
     "A compromised device must be isolated without putting other customers at risk. Buyers ask "
     "exactly this, and auditors expect a revocation ticket with proof the device was blocked.",
     "Implement a revocation and quarantine process for device identities and record "
     "revocation_quarantine on the device identity component.",
     k_hw, e_revocation},
    {"device-auth.tenant-binding", Family::DeviceAuth, Severity::Error,
     "Each device is bound to one customer", c_6_1_6_3,
     "capabilities.device_authentication.enabled",
     "Tenant binding from device to customer or site is what keeps one customer's device from "
     "writing into another customer's data.",
     "Bind each device identity to its tenant at provisioning and enforce it on every connection; "
     "record tenant_binding on the device identity component.",
     k_hw, e_identity_model},
    {"device-auth.provisioning-approval", Family::DeviceAuth, Severity::Warning,
     "Provisioning of critical fleets is approved", c_6_2,
     "capabilities.device_authentication.enabled",
     "Good device identity includes a provisioning workflow with approvals for critical fleets, "
     "and a quarterly review of who can provision devices.",
     "Require approval to provision devices into production fleets and record "
     "provisioning_approval on the device identity component.",
     k_hw, e_provisioning},
    {"device-auth.identity-logging", Family::DeviceAuth, Severity::Warning,
     "Provisioning, rotation and revocation are logged", c_7_2,
     "capabilities.device_authentication.enabled",
     "Logs of provisioning, rotation and revocation are how you show identity events happened as "
     "designed; a sample provisioning log is part of the evidence pack.",
     "Log every provisioning, rotation and revocation event and record identity_logging on the "
     "device identity component.",
     k_hw, e_id_logging},

    // --- Trigger 2 -------------------------------------------------------------------------
    {"firmware.pipeline-in-scope", Family::Firmware, Severity::Error,
     "The firmware update service is in scope", c_8_1, "capabilities.firmware_updates.enabled",
     "If you can update firmware you operate a change-management and operational-safety system, "
     "not just a web deployment. The release process, signing, rollouts and rollback all come into "
     "scope with it.",
     "Declare the firmware build, signing and rollout service as a component of kind "
     "firmware_update_service with scope: in.",
     k_hw, e_fw_pipeline},
    {"firmware.signing", Family::Firmware, Severity::Error, "Firmware is signed and verified",
     c_8_1_6_8, "capabilities.firmware_updates.enabled",
     "Reviewers expect proof that firmware cannot be modified in transit or by unauthorized "
     "parties: a documented signing approach, key management for release signing, and "
     "verification in the release pipeline.",
     "Sign every release, verify signatures on the device and in the pipeline, and record "
     "firmware_signing on the firmware update service.",
     k_hw, e_fw_signing},
    {"firmware.release-approval", Family::Firmware, Severity::Error,
     "Firmware releases are approved changes", c_8_1, "capabilities.firmware_updates.enabled",
     "Firmware should be treated like production code, not informal operations work: sampled "
     "release approvals, branch protection, CI checks and deployment logs.",
     "Require an approval before each firmware release and record release_approval on the "
     "firmware update service.",
     k_hw, e_fw_approval},
    {"firmware.staged-rollout", Family::Firmware, Severity::Error, "Firmware rolls out in stages",
     c_8_1, "capabilities.firmware_updates.enabled",
     "Firmware failures are availability incidents, so auditors want canaries and phased rollout "
     "by cohort, with a rollout plan template and a sample staged rollout record.",
     "Roll firmware out through canaries and cohorts and record staged_rollout on the firmware "
     "update service.",
     k_hw, e_fw_staged},
    {"firmware.rollback", Family::Firmware, Severity::Error, "Firmware can be rolled back",
     c_7_5_8_1, "capabilities.firmware_updates.enabled",
     "Having no rollback or failure-handling proof is one of the common mistakes: a bad update "
     "that bricks devices needs a rollback mechanism or kill switch.",
     "Build a rollback mechanism or kill switch for firmware and record rollback on the firmware "
     "update service.",
     k_hw, e_fw_rollback},
    {"firmware.failure-monitoring", Family::Firmware, Severity::Warning,
     "Failed updates are detected", c_7_2_7_3, "capabilities.firmware_updates.enabled",
     "Reviewers want proof that you detect failed updates, stalled versions and rollout anomalies "
     "before customers do: a dashboard, alert-to-ticket samples and detection rules.",
     "Monitor update failure rates and outdated versions with alerts, and record "
     "update_failure_monitoring on the firmware update service.",
     k_hw, e_fw_monitoring},
    {"firmware.remote-config-in-scope", Family::Firmware, Severity::Warning,
     "Remote configuration is in scope", c_8_1_6_1,
     "capabilities.firmware_updates.remote_configuration",
     "Configuring devices remotely is a change to customer equipment made by your staff or "
     "systems; the remote command features you operate belong in scope alongside firmware.",
     "Declare the remote configuration or command service as a component of kind remote_command "
     "with scope: in.",
     k_hw, e_fw_remote},

    // --- Trigger 3 -------------------------------------------------------------------------
    {"telemetry.ingestion-in-scope", Family::Telemetry, Severity::Error,
     "Telemetry ingestion is in scope", c_6_1_pi, "capabilities.telemetry_reliance.enabled",
     "When customers rely on telemetry for alerts, decisions, compliance reporting or billing, "
     "telemetry is often the actual data product, and the pipeline that receives it carries the "
     "trust story.",
     "Declare the telemetry ingestion endpoint as a component of kind telemetry_ingestion with "
     "scope: in.",
     k_hw, e_tel_gateway},
    {"telemetry.tls", Family::Telemetry, Severity::Error, "TLS is enforced at ingestion", c_6_7,
     "capabilities.telemetry_reliance.enabled",
     "Buyers ask whether telemetry arrives securely; TLS enforced at the ingestion endpoint is the "
     "first control they look for, shown by the gateway or WAF configuration.",
     "Enforce TLS on every ingestion endpoint and record tls_ingestion on the ingestion component.",
     k_hw, e_tel_gateway},
    {"telemetry.validation", Family::Telemetry, Severity::Error,
     "Payloads are validated and never dropped silently", c_7_2_pi,
     "capabilities.telemetry_reliance.enabled",
     "Schema validation with a dead-letter queue means malformed payloads are rejected and kept "
     "for review instead of disappearing, so completeness can be shown.",
     "Validate payloads against a schema, route failures to a dead-letter queue, and record "
     "schema_validation and dead_letter_queue on the ingestion component.",
     k_hw, e_tel_validation},
    {"telemetry.missing-data-detection", Family::Telemetry, Severity::Error,
     "Missing telemetry is detected", c_7_2_pi3, "capabilities.telemetry_reliance.enabled",
     "Customers care that data arrives completely; a gap in readings has to raise an alert rather "
     "than pass unnoticed.",
     "Detect devices or sites that stop reporting and alert on it; record missing_data_detection "
     "on the ingestion component.",
     k_hw, e_tel_missing},
    {"telemetry.tenant-isolation", Family::Telemetry, Severity::Error,
     "Telemetry stays within its tenant", c_6_1, "capabilities.telemetry_reliance.enabled",
     "Tenant isolation in processing and storage answers the buyer question \"can a compromised "
     "device affect other customers?\" for the data itself: it must hold on ingestion and in every "
     "store that keeps telemetry.",
     "Isolate tenants on the ingestion path and in every telemetry store, and record "
     "tenant_isolation on each of them.",
     k_hw, e_tel_isolation},
    {"telemetry.replay-protection", Family::Telemetry, Severity::Warning,
     "Replayed and duplicate telemetry is rejected", c_6_6_pi,
     "capabilities.telemetry_reliance.enabled",
     "Replay and duplicate protections keep a captured message from being counted twice, which "
     "matters most when telemetry drives alerts or billing.",
     "Reject replayed and duplicate messages (nonces, sequence numbers or idempotency keys) and "
     "record replay_protection on the ingestion component.",
     k_hw, e_tel_validation},
    {"telemetry.rate-limiting", Family::Telemetry, Severity::Warning,
     "Ingestion is rate limited per device and tenant", c_6_6_a,
     "capabilities.telemetry_reliance.enabled",
     "Rate limits per device and tenant keep one noisy or compromised device from degrading the "
     "pipeline for everyone else.",
     "Limit ingestion rates per device and per tenant and record rate_limiting on the ingestion "
     "component.",
     k_hw, e_tel_gateway},
    {"telemetry.egress", Family::Telemetry, Severity::Warning, "Telemetry exports are controlled",
     c_6_7, "capabilities.telemetry_reliance.enabled",
     "Export restrictions and audit logs on the ways telemetry leaves the platform are part of "
     "the telemetry controls buyers ask about.",
     "Restrict and log telemetry exports on each customer-facing component that serves telemetry, "
     "and record export_controls on it.",
     k_hw, e_tel_egress},
    {"telemetry.processing-integrity",
     Family::Telemetry,
     Severity::Info,
     "Billing or compliance reporting suggests Processing Integrity",
     c_pi1_1,
     "capabilities.telemetry_reliance.used_for includes billing or compliance_reporting",
     "When telemetry feeds invoices or compliance reports, customers rely on it being complete, "
     "valid and accurate; the Processing Integrity criteria speak to exactly that.",
     "Consider adding processing_integrity to audit.criteria, or explain to buyers why it is left "
     "out.",
     k_hw,
     {}},

    // --- Trigger 4 -------------------------------------------------------------------------
    {"support.tooling-in-scope", Family::Support, Severity::Error, "Support tooling is in scope",
     c_6_1, "capabilities.support_access.enabled",
     "If support can view telemetry, run diagnostics, change settings or push updates, the tools "
     "they use are a privileged access path into customer devices and data.",
     "Declare the support console or remote access tooling as a component of kind support_tooling "
     "with scope: in.",
     k_hw, e_sup_policy},
    {"support.least-privilege", Family::Support, Severity::Error,
     "Support access is least privilege, with approval", c_6_3,
     "capabilities.support_access.enabled",
     "Letting support access everything without approvals is one of the common mistakes; the "
     "sources ask for least privilege and an approval model.",
     "Scope support roles to what each task needs, require approval for elevated access, and "
     "record least_privilege and access_approval on the support tooling.",
     k_hw, e_sup_policy},
    {"support.privileged-audit-log", Family::Support, Severity::Error,
     "Privileged support actions are logged", c_7_2, "capabilities.support_access.enabled",
     "Audit logs for privileged actions make support access accountable; auditors sample them.",
     "Log every privileged support action with who, what and when, and record "
     "privileged_audit_log on the support tooling.",
     k_hw, e_sup_audit},
    {"support.access-review", Family::Support, Severity::Error, "Support access is reviewed",
     c_6_2_6_3, "capabilities.support_access.enabled",
     "An access review cadence shows that support access shrinks when people change roles; the "
     "sources ask for a review record every quarter.",
     "Review who has support access every 90 days and record access_review on the support tooling.",
     k_hw, e_sup_review},
    {"support.time-bound-access", Family::Support, Severity::Warning,
     "Support access that changes devices is time bound", c_6_3,
     "capabilities.support_access.actions includes change_settings or initiate_updates",
     "When support can change settings or start updates, standing access is a standing risk; the "
     "sources recommend time-bound access alongside least privilege and audit logs.",
     "Grant device-changing support access per ticket with an expiry, and record "
     "time_bound_access on the support tooling.",
     k_hw, e_sup_policy},

    // --- Availability ----------------------------------------------------------------------
    {"availability.criteria-selected",
     Family::Availability,
     Severity::Warning,
     "Availability is among the criteria",
     c_a1_1,
     "capabilities.customer_operations_impact",
     "If firmware failures or telemetry outages affect customer operations, Availability often "
     "becomes part of the trust story buyers expect.",
     "Add availability to audit.criteria, or record why customers do not depend on the service's "
     "uptime.",
     k_hw,
     {}},
    {"availability.monitoring", Family::Availability, Severity::Error,
     "Service health is monitored", c_a1_1_7_2, "availability is in audit.criteria",
     "The first question auditors ask for Availability: do you monitor service health?",
     "Declare the monitoring system as a component of kind monitoring with scope: in.", k_hw,
     e_av_monitoring},
    {"availability.restore-tests", Family::Availability, Severity::Error, "Restores are tested",
     c_a1_2_a1_3, "availability is in audit.criteria",
     "Backups are only as good as the last restore test; auditors ask for restore test records for "
     "every store of customer data and telemetry.",
     "Test restores of each data store at least yearly and record restore_testing on it.", k_hw,
     e_av_restore},
    {"availability.runbooks", Family::Availability, Severity::Warning,
     "Incident runbooks exist for device failures", c_7_4_7_5, "availability is in audit.criteria",
     "The sources name three runbooks for hardware-enabled SaaS: rollout failure, ingestion outage "
     "and device identity compromise, each where its trigger applies.",
     "Write the missing runbooks and list them under processes.incident_response.runbooks.", k_hw,
     e_av_runbooks},
    {"availability.tabletop", Family::Availability, Severity::Warning,
     "An incident tabletop was held this year", c_7_4_7_5, "availability is in audit.criteria",
     "One annual tabletop record at minimum is part of the evidence for recovering from a bad "
     "deployment.",
     "Run a tabletop exercise and record it as evidence satisfying availability.tabletop-record.",
     k_hw, e_av_tabletop},

    // --- Boundary --------------------------------------------------------------------------
    {"boundary.device-underreach", Family::Boundary, Severity::Error,
     "Devices are not simply excluded", c_2_3, "any of the four triggers fires",
     "Excluding devices entirely while the service depends on them for data, commands or safety "
     "makes buyers stop treating the report as meaningful. Saying devices are out of scope with no "
     "shared-responsibility statement is the first common mistake.",
     "Mark devices and gateways as scope: shared with a rationale, or add responsibility rows for "
     "device_identity and physical_access that say what customers do.",
     k_hw, e_none},
    {"boundary.overreach", Family::Boundary, Severity::Warning,
     "Customer-controlled things are not in scope", c_2_3, "always",
     "Including customer networks, customer-controlled physical security or customer-managed "
     "device "
     "handling makes the audit huge and still cannot cover what customers do in their own "
     "environments.",
     "Mark customer networks, sites and customer-managed devices as scope: out (or shared) with a "
     "rationale, unless you provide them as a managed service (operated_by: us).",
     k_hw, e_none},
    {"boundary.out-of-scope-explicit", Family::Boundary, Severity::Warning,
     "Something is explicitly out of scope", c_2_3, "always",
     "A boundary statement buyers accept lists what is outside the boundary: customer networks, "
     "physical security at customer sites, customer device handling.",
     "Declare what you exclude (customer networks, sites, customer-managed devices) as components "
     "with scope: out and a rationale.",
     k_hw, e_empty},
    {"boundary.rationale", Family::Boundary, Severity::Warning,
     "Shared and excluded components say why", c_2_3, "a component is shared or out",
     "Scoping a component out or as shared is a claim about responsibility; without the reason, "
     "buyers and auditors cannot judge it.",
     "Add a rationale that says who operates the component and what you still control.", k_hw,
     e_none},
    {"boundary.kind-capability-mismatch",
     Family::Boundary,
     Severity::Warning,
     "Components agree with the declared capabilities",
     c_2_2,
     "always",
     "A firmware update service while firmware updates are declared disabled (or similar) means "
     "either a component or a capability is wrong, and the triggers that decide scope are off.",
     "Correct the capability (enable the trigger) or the component's kind.",
     k_hw,
     {}},
    {"boundary.relation-in-scope",
     Family::Boundary,
     Severity::Error,
     "Whatever acts on in-scope components is in scope",
     c_8_1_6_1,
     "a component authenticates, deploys, defines or administers an in-scope component",
     "Scope follows responsibility: whatever authenticates, deploys, defines or administers an "
     "in-scope component can change it, so it is itself in scope (a vendor's component may be in "
     "scope as a carved-out subservice organization).",
     "Scope the component in, or remove the relation if it does not exist.",
     k_scope,
     {}},
    {"responsibility.coverage", Family::Boundary, Severity::Error,
     "The shared-responsibility table covers every device domain", c_2_3,
     "each domain where its trigger applies",
     "A shared-responsibility table removes a huge amount of buyer confusion. The sources' table "
     "has five domains: device identity, network exposure, firmware updates, telemetry integrity "
     "and physical access.",
     "Add a responsibilities row for the domain with what you do (vendor) and what customers do "
     "(customer).",
     k_hw, e_none},
    {"responsibility.both-sides", Family::Boundary, Severity::Error,
     "Each responsibility row has both sides", c_2_3, "a responsibilities row exists",
     "A responsibility split names what the vendor does and what the customer does; a row with one "
     "side empty leaves the boundary undefined for that domain.",
     "Fill in both vendor and customer for the row.", k_hw, e_none},

    // --- General SaaS scope ----------------------------------------------------------------
    {"data.customer-data-out-of-scope",
     Family::General,
     Severity::Error,
     "Systems holding customer data are in scope",
     c_6_1_c1,
     "a component holds customer data",
     "The rule of thumb: include every system, vendor and application that stores, processes or "
     "impacts the security of customer data.",
     "Scope the component in (a vendor's system in scope as a carved-out subservice organization), "
     "or correct its data classes.",
     k_scope,
     {}},
    {"access.idp-in-scope",
     Family::General,
     Severity::Error,
     "Identity providers for in-scope systems are in scope",
     c_6_1_6_2,
     "an identity_provider authenticates an in-scope component",
     "Employee access management tools such as Okta or Active Directory control access to "
     "production systems, so they are in scope whenever they authenticate something that is.",
     "Scope the identity provider in (as a carved-out vendor if it is one).",
     k_scope,
     {}},
    {"change.pipeline-in-scope", Family::General, Severity::Error,
     "CI/CD and infrastructure as code for in-scope systems are in scope", c_8_1,
     "a ci_cd component deploys, or an iac component defines, an in-scope component",
     "CI/CD pipelines automate deployments and infrastructure as code defines cloud resources and "
     "security settings; a misconfigured pipeline can push anything anywhere.",
     "Scope the pipeline or IaC in, with branch protection and approvals as its controls.", k_scope,
     e_change},
    {"env.real-data",
     Family::General,
     Severity::Error,
     "Non-production environments with real data are in scope",
     c_6_1_c1,
     "an environment component holds real customer data",
     "Staging and pre-production environments come into scope when they mirror production and "
     "contain real customer data.",
     "Scope the environment in, or stop copying real customer data into it "
     "(real_customer_data: false).",
     k_scope,
     {}},
    {"vendor.declared",
     Family::General,
     Severity::Error,
     "Third-party services are declared as vendors",
     c_9_2,
     "an in-scope hosting, identity_provider, monitoring, communication or crm component",
     "Your vendors' compliance posture affects yours: cloud providers, identity, communication "
     "and monitoring services are evaluated as third parties, which needs them named.",
     "Name the provider with vendor: <id> and declare it under vendors, or say operated_by: us if "
     "you run it yourselves.",
     k_scope,
     {}},
    {"vendor.report-review", Family::General, Severity::Warning,
     "Vendor SOC reports are current and reviewed", c_9_2, "a vendor holds customer data",
     "Any third party that processes, stores or transmits customer data should be evaluated; the "
     "usual evidence is its own SOC 2 report, reviewed within the year, with a bridge letter when "
     "its period ends before yours does.",
     "Obtain and review the vendor's current SOC 2 report (and a bridge letter if its period ends "
     "before your audit period), and record it under soc2_report.",
     k_scope, e_vendor},
    {"process.required", Family::General, Severity::Error, "Required processes are documented",
     c_process, "always",
     "Security is also how people and workflows interact with systems: change management, incident "
     "response, monitoring and access management are in scope for every SOC 2.",
     "Document the process and set documented: true under processes.", k_scope, e_process},
    {"people.access",
     Family::General,
     Severity::Warning,
     "People with access are trained and offboarded",
     c_people,
     "a people group has access to an in-scope component",
     "Employees, contractors and third-party developers who access in-scope systems are in scope; "
     "the classic failure is a contractor without training whose access is never revoked.",
     "Include the group in security training and the offboarding process, and record training: "
     "true and offboarding: true.",
     k_scope,
     {}},
    {"ownership.owner",
     Family::General,
     Severity::Warning,
     "In-scope components have an owner",
     c_1_3,
     "a component is in scope",
     "Evidence needs someone to produce it: every in-scope component needs an accountable owner.",
     "Set owner to the accountable team or person.",
     k_scope,
     {}},

    // --- Evidence --------------------------------------------------------------------------
    {"evidence.missing",
     Family::Evidence,
     Severity::Warning,
     "Required evidence is declared",
     c_evidence,
     "a rule or the minimum evidence set requires an evidence item",
     "Buyers and auditors judge a SOC 2 story by its evidence. Each rule that applies names the "
     "artefacts auditors inspect for it, and the sources give a minimum evidence set that passes "
     "faster.",
     "Collect the artefact and add an evidence entry that satisfies the item, with where it lives "
     "and when it was collected.",
     k_hw,
     {}},
    {"evidence.stale",
     Family::Evidence,
     Severity::Warning,
     "Evidence is current",
     c_evidence,
     "an evidence item is provided",
     "Evidence ages: access and provisioner reviews every 90 days, restore tests, tabletops and "
     "vendor reports yearly, everything else once per audit period. For a type 2 report, evidence "
     "collected outside the audit period does not show the control operating during it.",
     "Collect the artefact again and update its collected date.",
     k_hw,
     {}},
    {"evidence.not-found",
     Family::Evidence,
     Severity::Error,
     "Evidence paths exist",
     c_evidence,
     "an evidence entry has a path",
     "An evidence entry that points at nothing is a claim without proof, and an auditor will ask "
     "for the file.",
     "Fix the path (it is relative to the file that declares it), or add the file.",
     k_hw,
     {}},
    {"evidence.outside-folder",
     Family::Evidence,
     Severity::Error,
     "Evidence stays inside the declaration's folder",
     c_evidence,
     "an evidence entry has a path",
     "Evidence is packed for the auditor from the declaration's folder; a path that climbs out of "
     "it (\"..\", an absolute path, a symlink) could pull in files nobody meant to share, so it is "
     "never followed.",
     "Move the evidence under the declaration's folder, or link to it with url:.",
     k_hw,
     {}},

    // --- Drift -----------------------------------------------------------------------------
    {"drift.component-added",
     Family::Drift,
     Severity::Error,
     "No component joined without approval",
     c_drift,
     "a lock (soc2scope.lock.json) or --baseline is given and a component is in the declaration "
     "but not in the approved boundary",
     k_drift_rationale,
     k_drift_fix,
     k_lock_source,
     {}},
    {"drift.component-removed",
     Family::Drift,
     Severity::Error,
     "No component left without approval",
     c_drift,
     "a lock (soc2scope.lock.json) or --baseline is given and a component of the approved boundary "
     "is no longer declared",
     k_drift_rationale,
     k_drift_fix,
     k_lock_source,
     {}},
    {"drift.scope-narrowed",
     Family::Drift,
     Severity::Error,
     "Scope was not narrowed without approval",
     c_drift,
     "a lock (soc2scope.lock.json) or --baseline is given and a component moved from in towards "
     "out (in, shared, out)",
     k_drift_rationale,
     k_drift_fix,
     k_lock_source,
     {}},
    {"drift.scope-widened",
     Family::Drift,
     Severity::Warning,
     "Scope widening is approved",
     c_drift,
     "a lock (soc2scope.lock.json) or --baseline is given and a component moved from out towards "
     "in",
     k_drift_rationale,
     k_drift_fix,
     k_lock_source,
     {}},
    {"drift.operated-by-changed",
     Family::Drift,
     Severity::Error,
     "Who operates a component did not change unapproved",
     c_drift,
     "a lock (soc2scope.lock.json) or --baseline is given and the operator of a component changed",
     k_drift_rationale,
     k_drift_fix,
     k_lock_source,
     {}},
    {"drift.component-changed",
     Family::Drift,
     Severity::Warning,
     "A component's kind and data did not change unapproved",
     c_drift,
     "a lock (soc2scope.lock.json) or --baseline is given and the kind or data classes of a "
     "component changed",
     k_drift_rationale,
     k_drift_fix,
     k_lock_source,
     {}},
    {"drift.responsibility-changed",
     Family::Drift,
     Severity::Error,
     "The shared-responsibility table did not change unapproved",
     c_drift,
     "a lock (soc2scope.lock.json) or --baseline is given and a responsibilities row was added, "
     "removed or reworded",
     k_drift_rationale,
     k_drift_fix,
     k_lock_source,
     {}},
    {"drift.trigger-changed",
     Family::Drift,
     Severity::Error,
     "No scope trigger switched without approval",
     c_drift,
     "a lock (soc2scope.lock.json) or --baseline is given and one of the triggers (or "
     "customer_operations_impact) switched on or off",
     k_drift_rationale,
     k_drift_fix,
     k_lock_source,
     {}},
    {"drift.criteria-changed",
     Family::Drift,
     Severity::Error,
     "The audit criteria did not change unapproved",
     c_drift,
     "a lock (soc2scope.lock.json) or --baseline is given and the Trust Services Criteria in the "
     "declaration changed",
     k_drift_rationale,
     k_drift_fix,
     k_lock_source,
     {}},

    {"inventory.undeclared",
     Family::Drift,
     Severity::Error,
     "Every real resource is declared",
     c_inventory,
     "check --inventory FILE is given",
     "The declaration is only as good as its match with what actually runs. A resource no "
     "component "
     "claims is a system nobody scoped: it may store, process or impact customer data outside the "
     "boundary (the general rule of thumb).",
     "Claim the resource with a match selector on the component it belongs to, or declare a new "
     "component (scoped out with a rationale if it really is out of scope).",
     k_scope,
     {}},
    {"inventory.unmatched",
     Family::Drift,
     Severity::Warning,
     "Every match selector finds something",
     c_inventory,
     "check --inventory FILE is given and a component has match selectors",
     "A component whose selectors match no real resource was renamed, removed or never existed; "
     "the declaration says more than the infrastructure does.",
     "Fix the selectors (type and name globs, tags), or remove the component if it is gone.",
     k_scope,
     {}},

    // --- Waivers ---------------------------------------------------------------------------
    {"waiver.expired",
     Family::Waiver,
     Severity::Error,
     "Waivers are current",
     c_3_2,
     "a waiver exists",
     "A waiver is a time-bound risk acceptance; once it expires the risk is unaccepted again and "
     "the waived finding fails.",
     "Fix the finding, or have the approver renew the waiver with a new expiry date.",
     k_hw,
     {}},
    {"waiver.unused",
     Family::Waiver,
     Severity::Info,
     "Waivers match a finding",
     c_none,
     "a waiver exists",
     "A waiver that matches no finding documents a risk acceptance that is no longer needed, or "
     "names the wrong rule or component.",
     "Remove the waiver, or correct its rule or component.",
     k_hw,
     {}},
};

} // namespace

std::span<const RuleInfo> all_rules() {
    return k_rules;
}

const RuleInfo* find_rule(std::string_view id) {
    for (const RuleInfo& r : k_rules) {
        if (r.id == id) {
            return &r;
        }
    }
    return nullptr;
}

std::vector<std::string_view> rule_ids() {
    std::vector<std::string_view> ids;
    for (const RuleInfo& r : k_rules) {
        ids.push_back(r.id);
    }
    return ids;
}

} // namespace soc2scope::rules
