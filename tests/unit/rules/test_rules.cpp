#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include <soc2scope/drift/inventory.hpp>
#include <soc2scope/drift/snapshot.hpp>
#include <soc2scope/load/loader.hpp>
#include <soc2scope/rules/engine.hpp>

using namespace soc2scope;

namespace {

// A declaration that satisfies every built-in rule as of k_as_of. Each case below breaks it
// in one place and expects one rule to fire.
const std::string k_clean = R"(version: 1
organization: {name: Acme, system: Acme IoT}
audit:
  type: type2
  period: {start: 2026-01-01, end: 2026-12-31}
  criteria: [security, availability, processing_integrity]
capabilities:
  device_authentication: {enabled: true, credential: x509_per_device}
  firmware_updates: {enabled: true, remote_configuration: true}
  telemetry_reliance: {enabled: true, used_for: [alerts, billing]}
  support_access: {enabled: true, actions: [view_telemetry, change_settings]}
  customer_operations_impact: true
components:
  - id: identity
    kind: device_identity
    scope: in
    owner: sec
    controls: [unique_device_identity, credential_rotation, revocation_quarantine, tenant_binding, provisioning_approval, identity_logging]
  - id: ota
    kind: firmware_update_service
    scope: in
    owner: fw
    controls: [firmware_signing, release_approval, staged_rollout, rollback, update_failure_monitoring]
  - id: remote
    kind: remote_command
    scope: in
    owner: fw
  - id: ingest
    kind: telemetry_ingestion
    scope: in
    owner: data
    data: [telemetry]
    controls: [tls_ingestion, schema_validation, dead_letter_queue, missing_data_detection, tenant_isolation, replay_protection, rate_limiting]
  - id: tsdb
    kind: data_store
    scope: in
    owner: data
    data: [telemetry, customer]
    controls: [tenant_isolation, restore_testing]
  - id: portal
    kind: customer_portal
    scope: in
    owner: web
    data: [customer, telemetry]
    controls: [export_controls]
  - id: support
    kind: support_tooling
    scope: in
    owner: support
    controls: [least_privilege, access_approval, privileged_audit_log, access_review, time_bound_access]
  - id: sso
    kind: identity_provider
    scope: in
    owner: it
    vendor: okta
    relations: {authenticates: [support, portal]}
  - id: ci
    kind: ci_cd
    scope: in
    owner: eng
    relations: {deploys: [ingest, portal]}
  - id: mon
    kind: monitoring
    scope: in
    owner: sre
    operated_by: us
  - id: sensors
    kind: device
    scope: shared
    operated_by: customer
    rationale: Customers install them.
  - id: lan
    kind: customer_network
    scope: out
    rationale: Customer networks.
  - id: stage
    kind: environment
    scope: out
    rationale: Synthetic data only.
    environment: {production: false, real_customer_data: false}
vendors:
  - {id: okta, customer_data: false}
  - {id: aws, customer_data: true, soc2_report: {period_end: 2026-09-30, reviewed: 2026-10-15, bridge_letter: true}}
responsibilities:
  - {domain: device_identity, vendor: Rotate, customer: Protect}
  - {domain: network_exposure, vendor: Secure endpoints, customer: Segment LAN}
  - {domain: firmware_updates, vendor: Sign and stage, customer: Approve windows}
  - {domain: telemetry_integrity, vendor: Validate, customer: Install correctly}
  - {domain: physical_access, vendor: Tamper rules, customer: Lock rooms}
processes:
  change_management: {documented: true}
  incident_response: {documented: true, runbooks: [rollout_failure, ingestion_outage, identity_compromise]}
  monitoring: {documented: true}
  access_management: {documented: true}
people:
  - {group: staff, access_to: [support, ingest], training: true, offboarding: true}
evidence:
  - {satisfies: availability.tabletop-record, url: "https://t.example/1", collected: 2026-05-01}
  - {satisfies: telemetry.alert-tickets, url: "https://t.example/alerts", collected: 2026-10-01, count: 3}
  - satisfies: [boundary.statement, device-auth.identity-model, device-auth.provisioning-log,
                device-auth.revocation-proof, device-auth.provisioner-review, firmware.signing-approach,
                firmware.signing-key-management, firmware.pipeline-verification,
                firmware.release-approvals, firmware.branch-protection, firmware.deployment-logs,
                firmware.rollout-plan-template, firmware.staged-rollout-record,
                firmware.monitoring-dashboard, firmware.alert-ticket-sample,
                firmware.failure-detection-rules, telemetry.gateway-config, telemetry.validation-rules,
                telemetry.missing-data-record, telemetry.log-retention, telemetry.review-signoff,
                support.access-policy, support.privileged-audit-sample, support.access-review-record,
                availability.monitoring-dashboard, availability.restore-test,
                availability.runbook-rollout-failure, availability.runbook-ingestion-outage,
                availability.runbook-identity-compromise, change.pr-approvals, change.deploy-logs,
                logging.retention-proof, logging.review-signoff, vendor.aws.soc-report]
    url: "https://t.example/all"
    collected: 2026-10-01
  - {satisfies: boundary.statement, path: docs/boundary.md, collected: 2026-09-01}
waivers: []
)";

const util::Date k_as_of{2026, 11, 30};

using Patch = std::pair<std::string, std::string>;

std::string patched(const std::vector<Patch>& patches) {
    std::string text = k_clean;
    for (const auto& [from, to] : patches) {
        const auto at = text.find(from);
        REQUIRE(at != std::string::npos);
        REQUIRE(text.find(from, at + 1) == std::string::npos); // patches must be unambiguous
        text.replace(at, from.size(), to);
    }
    return text;
}

// Evidence paths resolve in memory: docs/boundary.md exists, nothing else does.
util::MemoryFileSystem& files() {
    static util::MemoryFileSystem fs = [] {
        util::MemoryFileSystem m;
        m.add("docs/boundary.md", "# Boundary\n");
        m.add("shared/alerts/1.md", "");
        m.add("shared/alerts/2.md", "");
        return m;
    }();
    return fs;
}

rules::CheckOptions at(util::Date as_of,
                       std::optional<rules::Severity> fail_on = rules::Severity::Error) {
    rules::CheckOptions o;
    o.as_of = as_of;
    o.fail_on = fail_on;
    o.fs = &files();
    o.root_dir = ".";
    return o;
}

report::CheckReport check(const std::string& text, rules::CheckOptions options = at(k_as_of)) {
    auto loaded = load::load_string(text, "decl.yaml");
    for (const auto& d : loaded.diagnostics.items()) {
        INFO(d.key_path << ": " << d.message);
        CHECK(d.severity != diag::Severity::Error);
    }
    REQUIRE(loaded.ok());
    return rules::run_check(*loaded.declaration, "decl.yaml", options);
}

std::vector<const rules::Finding*> fired(const report::CheckReport& r, std::string_view id) {
    std::vector<const rules::Finding*> out;
    for (const auto& f : r.findings) {
        if (f.rule->id == id) {
            out.push_back(&f);
        }
    }
    return out;
}

std::string all_ids(const report::CheckReport& r) {
    std::string out;
    for (const auto& f : r.findings) {
        out += std::string(f.rule->id) + ": " + f.message + "\n";
    }
    return out;
}

struct Case {
    const char* rule;
    std::vector<Patch> fire;
    std::vector<Patch> quiet; // a near variant where the rule must stay silent
    bool drift = false;       // compare with the clean declaration as the approved boundary
    std::string inventory;    // JSON resources for check --inventory
};

drift::Snapshot clean_boundary() {
    auto loaded = load::load_string(k_clean, "decl.yaml");
    REQUIRE(loaded.ok());
    return drift::snapshot_of(*loaded.declaration);
}

report::CheckReport check_case(const Case& c, const std::string& text) {
    rules::CheckOptions o = at(k_as_of);
    if (c.drift) {
        o.baseline = clean_boundary();
        o.baseline_name = "the clean lock";
    }
    std::vector<drift::Resource> resources;
    if (!c.inventory.empty()) {
        auto parsed = drift::parse_inventory(c.inventory, "inventory.json");
        REQUIRE(parsed);
        resources = *parsed;
        o.inventory = &resources;
        o.inventory_name = "inventory.json";
    }
    return check(text, o);
}

// Most cases leave the trailing members (drift, inventory) at their defaults.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
const std::vector<Case>& cases() {
    static const std::vector<Case> k_cases = {
        {"device-auth.identity-service-in-scope",
         {{"kind: device_identity\n    scope: in", "kind: device_identity\n    scope: shared"}},
         {{"kind: device_identity\n    scope: in", "kind: device_identity\n    scope: shared"},
          {"device_authentication: {enabled: true", "device_authentication: {enabled: false"}}},
        {"device-auth.unique-identity",
         {{"credential: x509_per_device", "credential: shared_secret"}},
         {{"credential: x509_per_device", "credential: token_per_device"}}},
        {"device-auth.credential-lifecycle", {{"credential_rotation, ", ""}}, {}},
        {"device-auth.revocation", {{"revocation_quarantine, ", ""}}, {}},
        {"device-auth.tenant-binding",
         {{"revocation_quarantine, tenant_binding", "revocation_quarantine"}},
         {}},
        {"device-auth.provisioning-approval", {{"provisioning_approval, ", ""}}, {}},
        {"device-auth.identity-logging", {{", identity_logging]", "]"}}, {}},
        {"firmware.pipeline-in-scope",
         {{"kind: firmware_update_service\n    scope: in",
           "kind: firmware_update_service\n    scope: out"}},
         {}},
        {"firmware.signing",
         {{"firmware_signing, ", ""}},
         {{"firmware_signing, ", ""},
          {"firmware_updates: {enabled: true", "firmware_updates: {enabled: false"}}},
        {"firmware.release-approval", {{"release_approval, ", ""}}, {}},
        {"firmware.staged-rollout", {{"staged_rollout, ", ""}}, {}},
        {"firmware.rollback", {{"rollback, update", "update"}}, {}},
        {"firmware.failure-monitoring", {{", update_failure_monitoring]", "]"}}, {}},
        {"firmware.remote-config-in-scope",
         {{"kind: remote_command\n    scope: in", "kind: remote_command\n    scope: out"}},
         {{"kind: remote_command\n    scope: in", "kind: remote_command\n    scope: out"},
          {"remote_configuration: true", "remote_configuration: false"}}},
        {"telemetry.ingestion-in-scope",
         {{"kind: telemetry_ingestion\n    scope: in",
           "kind: telemetry_ingestion\n    scope: out"}},
         {}},
        {"telemetry.tls",
         {{"tls_ingestion, ", ""}},
         {{"tls_ingestion, ", ""},
          {"telemetry_reliance: {enabled: true", "telemetry_reliance: {enabled: false"}}},
        {"telemetry.validation", {{"dead_letter_queue, ", ""}}, {}},
        {"telemetry.missing-data-detection", {{"missing_data_detection, ", ""}}, {}},
        {"telemetry.tenant-isolation",
         {{"controls: [tenant_isolation, restore_testing]", "controls: [restore_testing]"}},
         {}},
        {"telemetry.replay-protection", {{"replay_protection, ", ""}}, {}},
        {"telemetry.rate-limiting", {{", rate_limiting]", "]"}}, {}},
        {"telemetry.egress", {{"controls: [export_controls]", "controls: []"}}, {}},
        {"telemetry.processing-integrity",
         {{"criteria: [security, availability, processing_integrity]",
           "criteria: [security, availability]"}},
         {{"criteria: [security, availability, processing_integrity]",
           "criteria: [security, availability]"},
          {"used_for: [alerts, billing]", "used_for: [alerts]"}}},
        {"support.tooling-in-scope",
         {{"kind: support_tooling\n    scope: in", "kind: support_tooling\n    scope: out"}},
         {}},
        {"support.least-privilege", {{"[least_privilege, access_approval, ", "["}}, {}},
        {"support.privileged-audit-log", {{"privileged_audit_log, ", ""}}, {}},
        {"support.access-review", {{"access_review, time", "time"}}, {}},
        {"support.time-bound-access",
         {{", time_bound_access]", "]"}},
         {{", time_bound_access]", "]"},
          {"actions: [view_telemetry, change_settings]", "actions: [view_telemetry]"}}},
        {"availability.criteria-selected",
         {{"criteria: [security, availability, processing_integrity]",
           "criteria: [security, processing_integrity]"}},
         {{"criteria: [security, availability, processing_integrity]",
           "criteria: [security, processing_integrity]"},
          {"customer_operations_impact: true", "customer_operations_impact: false"}}},
        {"availability.monitoring",
         {{"kind: monitoring\n    scope: in", "kind: monitoring\n    scope: out"}},
         {}},
        {"availability.restore-tests",
         {{"[tenant_isolation, restore_testing]", "[tenant_isolation]"}},
         {}},
        {"availability.runbooks",
         {{"runbooks: [rollout_failure, ingestion_outage, identity_compromise]",
           "runbooks: [rollout_failure]"}},
         {{"runbooks: [rollout_failure, ingestion_outage, identity_compromise]",
           "runbooks: [rollout_failure]"},
          {"telemetry_reliance: {enabled: true", "telemetry_reliance: {enabled: false"},
          {"device_authentication: {enabled: true", "device_authentication: {enabled: false"}}},
        {"availability.tabletop",
         {{"collected: 2026-05-01", "collected: 2025-11-29"}},
         {{"collected: 2026-05-01", "collected: 2025-11-30"}}},
        {"boundary.device-underreach",
         {{"kind: device\n    scope: shared", "kind: device\n    scope: out"},
          {"  - {domain: device_identity, vendor: Rotate, customer: Protect}\n", ""},
          {"  - {domain: physical_access, vendor: Tamper rules, customer: Lock rooms}\n", ""}},
         {{"kind: device\n    scope: shared", "kind: device\n    scope: out"}}},
        {"boundary.overreach",
         {{"kind: customer_network\n    scope: out", "kind: customer_network\n    scope: in"}},
         {{"kind: customer_network\n    scope: out",
           "kind: customer_network\n    scope: in\n    operated_by: us"}}},
        {"boundary.out-of-scope-explicit",
         {{"kind: customer_network\n    scope: out", "kind: customer_network\n    scope: shared"},
          {"kind: environment\n    scope: out", "kind: environment\n    scope: shared"}},
         {}},
        {"boundary.rationale", {{"    rationale: Customer networks.\n", ""}}, {}},
        {"boundary.kind-capability-mismatch",
         {{"firmware_updates: {enabled: true, remote_configuration: true}",
           "firmware_updates: {enabled: false}"}},
         {}},
        {"boundary.relation-in-scope",
         {{"vendors:\n", "  - {id: vault, kind: other, scope: out, rationale: r, relations: "
                         "{administers: [ci]}}\nvendors:\n"}},
         {{"vendors:\n", "  - {id: vault, kind: other, scope: out, rationale: r, relations: "
                         "{sends_data_to: [ci]}}\nvendors:\n"}}},
        {"responsibility.coverage",
         {{"  - {domain: network_exposure, vendor: Secure endpoints, customer: Segment LAN}\n",
           ""}},
         {}},
        {"responsibility.both-sides", {{", customer: Lock rooms}", "}"}}, {}},
        {"data.customer-data-out-of-scope",
         {{"rationale: Synthetic data only.",
           "rationale: Synthetic data only.\n    data: [customer]"}},
         {{"rationale: Customer networks.",
           "rationale: Customer networks.\n    data: [customer]"}}},
        {"access.idp-in-scope",
         {{"kind: identity_provider\n    scope: in", "kind: identity_provider\n    scope: out"}},
         {}},
        {"change.pipeline-in-scope",
         {{"kind: ci_cd\n    scope: in", "kind: ci_cd\n    scope: out"}},
         {}},
        {"env.real-data",
         {{"real_customer_data: false", "real_customer_data: true"}},
         {{"real_customer_data: false", "real_customer_data: true"},
          {"kind: environment\n    scope: out", "kind: environment\n    scope: in"}}},
        {"vendor.declared",
         {{"    vendor: okta\n", ""}},
         {{"    vendor: okta\n", "    operated_by: us\n"}}},
        {"vendor.report-review",
         {{"period_end: 2026-09-30, reviewed: 2026-10-15",
           "period_end: 2025-09-30, reviewed: 2025-11-29"}},
         {{"period_end: 2026-09-30, reviewed: 2026-10-15",
           "period_end: 2025-09-30, reviewed: 2025-11-30"}}},
        {"process.required",
         {{"monitoring: {documented: true}", "monitoring: {documented: false}"}},
         {}},
        {"people.access",
         {{"training: true, offboarding: true", "training: true, offboarding: false"}},
         {{"training: true, offboarding: true", "training: true, offboarding: false"},
          {"access_to: [support, ingest]", "access_to: [lan]"}}},
        {"ownership.owner",
         {{"    owner: sre\n", ""}},
         {{"    owner: sre\n    operated_by: us\n", "    operated_by: us\n"},
          {"kind: monitoring\n    scope: in", "kind: monitoring\n    scope: in\n    owner: x"}}},
        {"evidence.missing",
         {{"firmware.failure-detection-rules, ", ""}},
         {{"firmware.failure-detection-rules, ", ""},
          {"firmware_updates: {enabled: true", "firmware_updates: {enabled: false"}}},
        {"evidence.stale",
         {{"url: \"https://t.example/all\"\n    collected: 2026-10-01",
           "url: \"https://t.example/all\"\n    collected: 2026-08-31"}},
         {{"url: \"https://t.example/all\"\n    collected: 2026-10-01",
           "url: \"https://t.example/all\"\n    collected: 2026-09-01"}}},
        {"evidence.not-found", {{"path: docs/boundary.md", "path: docs/boundry.md"}}, {}},
        {"evidence.outside-folder",
         {{"path: docs/boundary.md", "path: ../docs/boundary.md"}},
         {{"path: docs/boundary.md", "path: docs/../docs/boundary.md"}}},
        {"drift.component-added",
         {{"vendors:\n", "  - {id: extra, kind: other, scope: out, rationale: r}\nvendors:\n"}},
         {},
         true,
         ""},
        {"drift.component-removed",
         {{"  - id: remote\n    kind: remote_command\n    scope: in\n    owner: fw\n", ""}},
         {},
         true,
         ""},
        {"drift.scope-narrowed",
         {{"kind: device\n    scope: shared", "kind: device\n    scope: out"}},
         {{"kind: customer_network\n    scope: out", "kind: customer_network\n    scope: shared"}},
         true,
         ""},
        {"drift.scope-widened",
         {{"kind: customer_network\n    scope: out", "kind: customer_network\n    scope: shared"}},
         {{"kind: device\n    scope: shared", "kind: device\n    scope: out"}},
         true,
         ""},
        {"drift.operated-by-changed",
         {{"    operated_by: us\n", "    vendor: okta\n"}},
         {{"    owner: sre\n", "    owner: platform\n"}},
         true,
         ""},
        {"drift.component-changed", {{"kind: customer_portal", "kind: public_api"}}, {}, true, ""},
        {"drift.responsibility-changed",
         {{"customer: Lock rooms", "customer: Lock the rooms"}},
         {{"{domain: physical_access", "{domain: Physical access"}},
         true,
         ""},
        {"drift.trigger-changed",
         {{"customer_operations_impact: true", "customer_operations_impact: false"}},
         {},
         true,
         ""},
        {"drift.criteria-changed",
         {{"criteria: [security, availability, processing_integrity]",
           "criteria: [security, processing_integrity, availability, confidentiality]"}},
         {{"criteria: [security, availability, processing_integrity]",
           "criteria: [processing_integrity, security, availability]"}},
         true},
        {"inventory.undeclared",
         {},
         {{"    controls: [export_controls]\n",
           "    controls: [export_controls]\n    match: [{type: aws_s3_*}, {type: "
           "aws_lambda_function, name: ingest}]\n"}},
         false,
         R"([{"type": "aws_s3_bucket", "name": "exports"}, {"type": "aws_lambda_function", "name": "ingest"}])"},
        {"inventory.unmatched",
         {{"    controls: [export_controls]\n",
           "    controls: [export_controls]\n    match: [{type: gcp_*}]\n"}},
         {{"    controls: [export_controls]\n",
           "    controls: [export_controls]\n    match: [{type: aws_s3_*}]\n"}},
         false,
         R"([{"type": "aws_s3_bucket", "name": "exports"}])"},
        {"waiver.expired",
         {{"waivers: []", "waivers:\n  - {rule: ownership.owner, reason: r, approved_by: me, "
                          "expires: 2026-11-29}"}},
         {{"waivers: []", "waivers:\n  - {rule: ownership.owner, reason: r, approved_by: me, "
                          "expires: 2026-11-30}"}}},
        {"waiver.unused",
         {{"waivers: []", "waivers:\n  - {rule: ownership.owner, reason: r, approved_by: me, "
                          "expires: 2027-01-01}"}},
         {{"waivers: []", "waivers:\n  - {rule: ownership.owner, reason: r, approved_by: me, "
                          "expires: 2027-01-01}"},
          {"    owner: sre\n", ""}}},
    };
    return k_cases;
}
#pragma GCC diagnostic pop

} // namespace

TEST_CASE("the clean declaration passes every rule", "[rules]") {
    const auto r = check(k_clean);
    INFO(all_ids(r));
    CHECK(r.findings.empty());
    CHECK_FALSE(r.failed);
}

TEST_CASE("every rule fires on its gap and stays silent next to it", "[rules]") {
    std::set<std::string_view> covered;
    for (const Case& c : cases()) {
        DYNAMIC_SECTION(c.rule) {
            const auto broken = check_case(c, patched(c.fire));
            INFO(all_ids(broken));
            const auto hits = fired(broken, c.rule);
            REQUIRE_FALSE(hits.empty());
            for (const auto* f : hits) {
                CHECK(f->location.known());
                CHECK(f->location.line > 0);
                CHECK_FALSE(f->message.empty());
                CHECK_FALSE(f->remediation.empty());
                CHECK(f->severity == f->rule->severity);
            }
            const auto fine = check_case(c, patched(c.quiet));
            INFO(all_ids(fine));
            CHECK(fired(fine, c.rule).empty());
        }
        covered.insert(c.rule);
    }
    // A rule added to the registry needs a case here.
    for (std::string_view id : rules::rule_ids()) {
        INFO(id);
        CHECK(covered.contains(id));
    }
}

TEST_CASE("findings name the component and where to look", "[rules]") {
    const auto r = check(patched({{"revocation_quarantine, ", ""}}));
    const auto hits = fired(r, "device-auth.revocation");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0]->component == "identity");
    CHECK(hits[0]->subject == "components[0].controls");
    CHECK(hits[0]->location.line == 18);
    CHECK(hits[0]->location.column == 15);
    CHECK(hits[0]->message ==
          "`identity` is the device identity service but does not declare the control "
          "`revocation_quarantine`");
    CHECK(r.failed);
    CHECK(r.summary.errors == 1);
    CHECK(std::find(r.criteria_touched.begin(), r.criteria_touched.end(), "CC7.4") !=
          r.criteria_touched.end());
}

TEST_CASE("scope follows responsibility through relations, transitively", "[rules]") {
    const auto r = check(patched(
        {{"vendors:\n",
          "  - {id: jenkins, kind: ci_cd, scope: out, rationale: r, relations: {deploys: [ota]}}\n"
          "  - {id: vault, kind: other, scope: out, rationale: r, relations: {administers: "
          "[jenkins]}}\n"
          "  - {id: their-idp, kind: identity_provider, scope: out, operated_by: customer, "
          "rationale: r,"
          " relations: {authenticates: [portal]}}\n"
          "vendors:\n"}}));
    const auto pipeline = fired(r, "change.pipeline-in-scope");
    REQUIRE(pipeline.size() == 1);
    CHECK(pipeline[0]->message ==
          "`jenkins` deploys `ota` (scoped `in`), but `jenkins` is scoped `out`");
    const auto transitive = fired(r, "boundary.relation-in-scope");
    REQUIRE(transitive.size() == 1);
    CHECK(transitive[0]->message ==
          "`vault` administers `jenkins`, which deploys `ota` (scoped `in`), but "
          "`vault` is scoped `out`");
    // A customer's own identity provider federating into the portal is the customer's.
    CHECK(fired(r, "access.idp-in-scope").empty());
}

TEST_CASE("an active waiver waives and an expired one fails again", "[rules][waivers]") {
    const std::string no_owner = "    owner: sre\n";
    auto with_waiver = [&](const std::string& expires, const std::string& component) {
        return patched(
            {{no_owner, ""},
             {"waivers: []", "waivers:\n  - {rule: ownership.owner" + component +
                                 ", reason: Reorg, approved_by: ciso, expires: " + expires + "}"}});
    };
    const auto active = check(with_waiver("2026-11-30", ", component: mon"));
    const auto owner = fired(active, "ownership.owner");
    REQUIRE(owner.size() == 1);
    REQUIRE(owner[0]->waived());
    CHECK(owner[0]->waiver->approved_by == "ciso");
    CHECK(owner[0]->waiver->reason == "Reorg");
    CHECK(active.summary.waived == 1);
    CHECK(active.summary.warnings == 0);
    CHECK(fired(active, "waiver.unused").empty());
    CHECK_FALSE(check(with_waiver("2026-11-30", ""), at(k_as_of, rules::Severity::Warning)).failed);

    const auto expired = check(with_waiver("2026-11-29", ""));
    REQUIRE(fired(expired, "ownership.owner").size() == 1);
    CHECK_FALSE(fired(expired, "ownership.owner")[0]->waived());
    REQUIRE(fired(expired, "waiver.expired").size() == 1);
    CHECK(fired(expired, "waiver.expired")[0]->message.find("the waived finding fails again") !=
          std::string::npos);
    CHECK(expired.failed);

    const auto elsewhere = check(with_waiver("2027-01-01", ", component: ota"));
    CHECK_FALSE(fired(elsewhere, "ownership.owner")[0]->waived());
    CHECK(fired(elsewhere, "waiver.unused").size() == 1);
}

TEST_CASE("a waiver covers its rule's findings on its component only, or all of them",
          "[rules][waivers]") {
    // Two components without an owner: two ownership.owner findings.
    const std::vector<Patch> no_owners = {{"    owner: sre\n", ""}, {"    owner: sec\n", ""}};
    auto with = [&](const std::string& waivers) {
        std::vector<Patch> p = no_owners;
        p.push_back({"waivers: []", "waivers:\n" + waivers});
        return check(patched(p));
    };
    auto waived_ids = [](const report::CheckReport& r) {
        std::vector<std::string> out;
        for (const auto* f : fired(r, "ownership.owner")) {
            if (f->waived()) {
                out.push_back(f->component);
            }
        }
        return out;
    };
    const std::string tail = ", reason: r, approved_by: me, expires: 2027-01-01}\n";
    const auto one = with("  - {rule: ownership.owner, component: mon" + tail);
    REQUIRE(fired(one, "ownership.owner").size() == 2);
    CHECK(waived_ids(one) == std::vector<std::string>{"mon"});
    const auto all = with("  - {rule: ownership.owner" + tail);
    CHECK(waived_ids(all).size() == 2);
    // The first waiver to match a finding is the one it records; the second still counts as
    // used, so it is not reported as matching nothing.
    const auto both = with("  - {rule: ownership.owner, component: identity" + tail +
                           "  - {rule: ownership.owner" + tail);
    CHECK(waived_ids(both).size() == 2);
    CHECK(fired(both, "waiver.unused").empty());
    // A waiver naming a component without such a finding waives nothing and is unused.
    const auto other = with("  - {rule: ownership.owner, component: ota" + tail);
    CHECK(waived_ids(other).empty());
    CHECK(fired(other, "waiver.unused").size() == 1);
}

TEST_CASE("vendor reports: missing, unreviewed, or ending early without a bridge letter",
          "[rules]") {
    auto message = [](const std::vector<Patch>& p) {
        const auto r = check(patched(p));
        const auto hits = fired(r, "vendor.report-review");
        REQUIRE(hits.size() == 1);
        return hits[0]->message;
    };
    CHECK(
        message(
            {{", soc2_report: {period_end: 2026-09-30, reviewed: 2026-10-15, bridge_letter: true}",
              ""}}) == "vendor `aws` holds customer data, but no SOC 2 report of theirs is "
                       "recorded (soc2_report)");
    CHECK(message({{"reviewed: 2026-10-15, ", ""}}) ==
          "vendor `aws` holds customer data, but their SOC 2 report is not recorded as reviewed");
    CHECK(
        message({{"bridge_letter: true", "bridge_letter: false"}}) ==
        "vendor `aws` holds customer data, but their report period ends on 2026-09-30, before the "
        "audit period does (2026-12-31), with no bridge letter");
    // A report covering the whole audit period needs no bridge letter.
    const auto covered =
        check(patched({{"period_end: 2026-09-30, reviewed: 2026-10-15, bridge_letter: true",
                        "period_end: 2026-12-31, reviewed: 2027-01-10"}}),
              at(util::Date{2027, 1, 15}));
    CHECK(fired(covered, "vendor.report-review").empty());
}

TEST_CASE("the fail-on threshold decides failure from open findings", "[rules]") {
    const std::string warning_only = patched({{"    owner: sre\n", ""}});
    CHECK_FALSE(check(warning_only, at(k_as_of, rules::Severity::Error)).failed);
    CHECK(check(warning_only, at(k_as_of, rules::Severity::Warning)).failed);
    CHECK(check(warning_only, at(k_as_of, rules::Severity::Info)).failed);
    CHECK_FALSE(
        check(patched({{"revocation_quarantine, ", ""}}), at(k_as_of, std::nullopt)).failed);
}

TEST_CASE("reports are deterministic", "[rules]") {
    const std::string gappy =
        patched({{"revocation_quarantine, ", ""},
                 {"kind: ci_cd\n    scope: in", "kind: ci_cd\n    scope: out"},
                 {"    owner: sre\n", ""}});
    const auto a = check(gappy);
    const auto b = check(gappy);
    REQUIRE(a.findings.size() == b.findings.size());
    for (std::size_t i = 0; i < a.findings.size(); ++i) {
        CHECK(a.findings[i].rule == b.findings[i].rule);
        CHECK(a.findings[i].message == b.findings[i].message);
    }
    // Grouped by family in registry order.
    for (std::size_t i = 1; i < a.findings.size(); ++i) {
        CHECK(a.findings[i - 1].rule->family <= a.findings[i].rule->family);
    }
}

TEST_CASE("a waiver for an unknown rule is an input error with a suggestion", "[rules][waivers]") {
    auto loaded = load::load_string(
        patched({{"waivers: []",
                  "waivers:\n  - {rule: telemetry.rate-limitting, reason: r, approved_by: me, "
                  "expires: 2027-01-01}"}}),
        "decl.yaml");
    REQUIRE(loaded.ok());
    diag::Diagnostics diags;
    rules::check_rule_references(*loaded.declaration, diags);
    REQUIRE(diags.items().size() == 1);
    CHECK(diags.items()[0].key_path == "waivers[0].rule");
    CHECK(diags.items()[0].message ==
          "unknown rule id 'telemetry.rate-limitting' (did you mean 'telemetry.rate-limiting'?); "
          "`soc2scope rules` lists them");
}

TEST_CASE("the registry is well formed", "[rules]") {
    std::set<std::string_view> ids;
    for (const auto& r : rules::all_rules()) {
        INFO(r.id);
        CHECK(ids.insert(r.id).second);
        CHECK(r.id.find('.') != std::string_view::npos);
        CHECK_FALSE(r.title.empty());
        CHECK_FALSE(r.rationale.empty());
        CHECK_FALSE(r.remediation.empty());
        CHECK_FALSE(r.criteria.empty());
        CHECK_FALSE(r.applies_when.empty());
        CHECK(rules::find_rule(r.id) == &r);
    }
    CHECK(rules::find_rule("no.such-rule") == nullptr);
}

TEST_CASE("criteria sort in the AICPA's order", "[report]") {
    std::vector<std::string> c = {"PI1.2", "CC6.10", "A1.2", "CC6.2", "C1.1", "CC1.3", "P1.1"};
    std::sort(c.begin(), c.end(), report::criteria_less);
    CHECK(c ==
          std::vector<std::string>{"CC1.3", "CC6.2", "CC6.10", "A1.2", "PI1.2", "C1.1", "P1.1"});
}
