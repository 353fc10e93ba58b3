// Writes a large, realistic soc2scope declaration: gen_declaration N FILE
// N components across every kind and scope, with relations, vendors, evidence entries,
// waivers and people, all valid, so the benchmark measures real loading and checking.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: gen_declaration N FILE\n");
        return 2;
    }
    const long n = std::strtol(argv[1], nullptr, 10);
    std::ofstream out(argv[2]);
    static const char* kinds[] = {"device_identity",
                                  "firmware_update_service",
                                  "telemetry_ingestion",
                                  "data_store",
                                  "admin_tooling",
                                  "support_tooling",
                                  "customer_portal",
                                  "public_api",
                                  "hosting",
                                  "monitoring",
                                  "ci_cd",
                                  "iac",
                                  "other",
                                  "gateway"};
    static const char* controls[] = {
        "unique_device_identity, credential_rotation, revocation_quarantine, tenant_binding",
        "firmware_signing, release_approval, staged_rollout, rollback",
        "tls_ingestion, schema_validation, dead_letter_queue, tenant_isolation",
        "tenant_isolation, restore_testing", "least_privilege, access_review"};
    const long vendors = n / 50 + 1;
    out << "version: 1\norganization:\n  name: Bench Devices Inc.\n  system: Bench Platform\n"
           "  description: A generated declaration for the soc2scope benchmark.\n"
           "audit:\n  type: type2\n  period: {start: 2026-01-01, end: 2026-12-31}\n"
           "  criteria: [security, availability, processing_integrity]\n"
           "capabilities:\n  device_authentication: {enabled: true, credential: x509_per_device}\n"
           "  firmware_updates: {enabled: true, remote_configuration: true}\n"
           "  telemetry_reliance: {enabled: true, used_for: [alerts, billing]}\n"
           "  support_access: {enabled: true, actions: [view_telemetry, change_settings]}\n"
           "  customer_operations_impact: true\n"
           "components:\n";
    for (long i = 0; i < n; ++i) {
        const char* kind = kinds[i % 14];
        const char* scope = i % 7 == 0 ? "out" : (i % 11 == 0 ? "shared" : "in");
        out << "  - id: c" << i << "\n    name: Component number " << i
            << " of the platform\n    kind: " << kind << "\n    scope: " << scope
            << "\n    owner: team-" << i % 40 << "\n";
        if (std::string(scope) != "in") {
            out << "    rationale: Generated component " << i << " is operated elsewhere.\n";
        }
        if (i % 3 == 0) {
            out << "    vendor: v" << i % vendors << "\n";
        }
        out << "    data: [" << (i % 2 == 0 ? "customer, telemetry" : "telemetry") << "]\n";
        out << "    controls: [" << controls[i % 5] << "]\n";
        if (i > 10) {
            out << "    relations: {sends_data_to: [c" << i - 1 << ", c" << i - 7 << "]";
            if (i % 5 == 0) {
                out << ", administers: [c" << i - 3 << "]";
            }
            out << "}\n";
        }
        out << "    match:\n      - {type: aws_lambda_function, name: \"svc-" << i << "-*\"}\n";
    }
    out << "vendors:\n";
    for (long v = 0; v < vendors; ++v) {
        out << "  - id: v" << v << "\n    name: Vendor " << v
            << "\n    customer_data: " << (v % 2 ? "true" : "false")
            << "\n    soc2_report: {period_end: 2026-06-30, reviewed: 2026-08-01, bridge_letter: "
               "true}\n"
            << "    csocs: [\"Vendor " << v << " restricts access to its service.\"]\n";
    }
    out << "responsibilities:\n"
           "  - {domain: device_identity, vendor: Issue and revoke, customer: Protect devices}\n"
           "  - {domain: network_exposure, vendor: Secure endpoints, customer: Segment networks}\n"
           "  - {domain: firmware_updates, vendor: Sign and stage, customer: Approve windows}\n"
           "  - {domain: telemetry_integrity, vendor: Validate, customer: Install correctly}\n"
           "  - {domain: physical_access, vendor: Tamper rules, customer: Lock rooms}\n"
           "processes:\n  change_management: {documented: true}\n  incident_response: {documented: "
           "true, "
           "runbooks: [rollout_failure, ingestion_outage, identity_compromise]}\n"
           "  monitoring: {documented: true}\n  access_management: {documented: true}\npeople:\n";
    for (long g = 0; g < n / 100 + 1; ++g) {
        out << "  - {group: group-" << g << ", access_to: [c" << g % n << ", c" << (g * 7 + 1) % n
            << "], training: true, offboarding: true}\n";
    }
    out << "evidence:\n";
    for (long e = 0; e < n / 10 + 1; ++e) {
        out << "  - {satisfies: [change.pr-approvals, change.deploy-logs], url: "
               "\"https://tickets.example/CH-"
            << e << "\", collected: 2026-10-01, owner: team-" << e % 40 << "}\n";
    }
    out << "waivers:\n";
    for (long w = 0; w < n / 100 + 1; ++w) {
        out << "  - {rule: ownership.owner, component: c" << (w * 13) % n
            << ", reason: Generated waiver, approved_by: ciso, expires: 2027-06-30}\n";
    }
    return out ? 0 : 1;
}
