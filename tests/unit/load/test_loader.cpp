#include <algorithm>
#include <string>

#include <catch2/catch.hpp>

#include <soc2scope/load/loader.hpp>

using namespace soc2scope;
using model::ComponentKind;
using model::Criterion;
using model::Scope;

namespace {

const std::string k_head = "version: 1\n"
                           "organization: {name: Acme, system: Acme Cloud}\n"
                           "audit: {type: type2, period: {start: 2026-01-01, end: 2026-12-31}}\n";

load::LoadResult load_text(const std::string& text) {
    return load::load_string(text, "decl.yaml");
}

// Every error message, in order, as "line:col path: message".
std::vector<std::string> errors(const load::LoadResult& r) {
    std::vector<std::string> out;
    for (const auto& d : r.diagnostics.items()) {
        if (d.severity == diag::Severity::Error) {
            out.push_back(std::to_string(d.location.line) + ":" +
                          std::to_string(d.location.column) + " " + d.key_path + ": " + d.message);
        }
    }
    return out;
}

bool has_error(const load::LoadResult& r, const std::string& fragment) {
    const auto all = errors(r);
    return std::any_of(all.begin(), all.end(),
                       [&](const std::string& e) { return e.find(fragment) != std::string::npos; });
}

} // namespace

TEST_CASE("a full declaration decodes into the typed model", "[load]") {
    const auto r = load_text(k_head + R"(capabilities:
  device_authentication: {enabled: true, credential: x509_per_device}
  firmware_updates: {enabled: true, remote_configuration: true}
  telemetry_reliance: {enabled: true, used_for: [alerts, billing]}
  support_access: {enabled: false}
  customer_operations_impact: true
components:
  - id: idp
    kind: identity_provider
    scope: in
    vendor: okta
    relations: {authenticates: [console]}
  - id: console
    name: Admin console
    kind: admin_tooling
    scope: in
    owner: sec
    data: [customer, telemetry]
    controls: [least_privilege, my_own_control]
  - id: sensors
    kind: device
    scope: shared
    operated_by: customer
    rationale: Customers install them.
  - id: stage
    kind: environment
    scope: out
    environment: {production: false, real_customer_data: true}
    rationale: Test only.
vendors:
  - {id: okta, name: Okta, customer_data: false, soc2_report: {period_end: 2026-01-31, reviewed: 2026-03-02, bridge_letter: true}, csocs: [MFA]}
responsibilities:
  - {domain: Device Identity, vendor: Rotate, customer: Protect}
processes:
  incident_response: {documented: true, runbooks: [rollout_failure]}
people:
  - {group: support, access_to: [console], training: true, offboarding: false}
evidence:
  - {satisfies: [device-auth.identity-model, boundary.statement], path: e/model.md, collected: 2026-09-14}
  - {satisfies: vendor.okta.soc-report, url: "https://t.example/1", collected: 2026-03-02, owner: sec}
waivers:
  - {rule: telemetry.rate-limiting, component: console, reason: WAF, approved_by: ciso, expires: 2027-02-01}
)");
    INFO(errors(r).size());
    REQUIRE(r.ok());
    const auto& d = *r.declaration;
    CHECK(d.version.value == 1);
    CHECK(d.organization.name.value == "Acme");
    CHECK(d.audit.type.value == model::AuditType::Type2);
    CHECK(d.audit.period.end.value == util::Date{2026, 12, 31});
    CHECK(d.audit.has(Criterion::Security)); // the default when criteria is left out
    CHECK_FALSE(d.audit.criteria.present());
    CHECK(d.capabilities.device_authentication.credential.value ==
          model::CredentialType::X509PerDevice);
    CHECK(d.capabilities.firmware_updates.remote_configuration.value);
    CHECK(d.capabilities.telemetry_reliance.used_for.contains(model::TelemetryUse::Billing));
    CHECK_FALSE(d.capabilities.support_access.enabled.value);
    CHECK(d.capabilities.customer_operations_impact.value);

    REQUIRE(d.components.size() == 4);
    const auto* idp = d.find_component("idp");
    REQUIRE(idp != nullptr);
    CHECK(idp->name.value == "idp"); // defaults to the id
    CHECK_FALSE(idp->name.present());
    CHECK(idp->effective_operator() == model::Operator{model::Operator::Kind::Vendor, "okta"});
    REQUIRE(idp->relations.size() == 1);
    CHECK(idp->relations[0].kind == model::RelationKind::Authenticates);
    CHECK(idp->relations[0].target.value == "console");
    CHECK(idp->relations[0].target.loc.line == 15);

    const auto* console = d.find_component("console");
    REQUIRE(console != nullptr);
    CHECK(console->at.path == "components[1]");
    CHECK(console->at.loc.line == 16);
    CHECK(console->kind.value == ComponentKind::AdminTooling);
    CHECK(console->holds(model::DataClass::Telemetry));
    CHECK(console->has_control("my_own_control"));
    CHECK(console->owner.loc.line == 20);
    CHECK(console->effective_operator().kind == model::Operator::Kind::Us);

    CHECK(d.find_component("sensors")->effective_operator().kind ==
          model::Operator::Kind::Customer);
    CHECK(d.find_component("stage")->environment.real_customer_data.value);
    CHECK(d.find_vendor("okta")->soc2_report.bridge_letter.value);
    CHECK(d.responsibilities[0].domain_key == "device_identity");
    CHECK(
        d.find_process(model::ProcessKind::IncidentResponse)->runbooks.contains("rollout_failure"));
    CHECK(d.find_process(model::ProcessKind::Monitoring) == nullptr);
    CHECK_FALSE(d.people[0].offboarding.value);
    CHECK(d.evidence[0].satisfies.size() == 2);
    CHECK(d.evidence[1].satisfies.items[0].value == "vendor.okta.soc-report");
    CHECK(d.waivers[0].expires.value == util::Date{2027, 2, 1});
    CHECK(d.files == std::vector<std::string>{"decl.yaml"});
}

TEST_CASE("every error is reported, not just the first", "[load]") {
    const auto r = load_text(k_head + R"(components:
  - {id: a, kind: devise, scope: inn}
  - {id: b, kind: device, scpoe: in}
  - {id: a, kind: device, scope: in, relations: {deploys: [zz]}}
)");
    CHECK_FALSE(r.ok());
    const auto all = errors(r);
    REQUIRE(all.size() == 6);
    CHECK(all[0] ==
          "5:19 components[0].kind: unknown component kind 'devise' (did you mean 'device'?); "
          "expected one of: device, gateway, device_identity, firmware_update_service, "
          "remote_command, telemetry_ingestion, data_store, admin_tooling, "
          "support_tooling, customer_portal, public_api, hosting, identity_provider, "
          "ci_cd, iac, environment, monitoring, communication, crm, customer_network, "
          "customer_site, other");
    CHECK(all[1] ==
          "5:34 components[0].scope: unknown scope 'inn' (did you mean 'in'?); expected one "
          "of: in, shared, out");
    CHECK(all[2] == "6:5 components[1]: missing required key 'scope'");
    CHECK(all[3] == "6:27 components[1].scpoe: unknown key (did you mean 'scope'?)");
    CHECK(all[4] == "7:10 components[2].id: duplicate component id 'a'");
    CHECK(all[5] == "7:60 components[2].relations.deploys: relation target 'zz' is not a declared "
                    "component");
}

TEST_CASE("block scalars lose their final line break, not their inner ones", "[load]") {
    const auto r = load_text(R"(version: 1
organization:
  name: Acme
  system: Acme Cloud
  description: >
    Folded onto
    one line.
audit: {type: type2, period: {start: 2026-01-01, end: 2026-12-31}}
components:
  - id: api
    kind: public_api
    scope: out
    rationale: |
      Two lines,
      kept.
)");
    REQUIRE(r.ok());
    CHECK(r.declaration->organization.description.value == "Folded onto one line.");
    CHECK(r.declaration->components.at(0).rationale.value == "Two lines,\nkept.");
    // Nothing but line breaks is still empty.
    CHECK(has_error(load_text(k_head + "components:\n  - {id: a, kind: device, scope: out, "
                                       "rationale: \"\\n\"}\n"),
                    "expected a non-empty string"));
}

TEST_CASE("a list left empty is an empty list, except where one item is required", "[load]") {
    const auto r = load_text(k_head + R"(components:
  - id: api
    kind: public_api
    scope: in
    controls:
    relations:
      deploys:
waivers:
  # - {rule: ownership.owner, reason: r, approved_by: me, expires: 2027-01-01}
)");
    CHECK(errors(r).empty());
    REQUIRE(r.ok());
    CHECK(r.declaration->components.at(0).controls.items.empty());
    CHECK(r.declaration->waivers.empty());

    const auto no_ids = load_text(k_head + "components: []\nevidence:\n  - satisfies:\n    "
                                           "path: x.md\n    collected: 2026-01-01\n");
    CHECK(errors(no_ids) ==
          std::vector<std::string>{"6:5 evidence[0].satisfies: names no evidence item"});
}

TEST_CASE("kinds people call by another name get a suggestion", "[load]") {
    const auto r = load_text(k_head + R"(components:
  - {id: a, kind: Database, scope: in}
  - {id: b, kind: sensors, scope: in}
  - {id: c, kind: terraform, scope: in}
  - {id: d, kind: quantum, scope: in}
)");
    CHECK(has_error(r, "unknown component kind 'Database' (did you mean 'data_store'?)"));
    CHECK(has_error(r, "unknown component kind 'sensors' (did you mean 'device'?)"));
    CHECK(has_error(r, "unknown component kind 'terraform' (did you mean 'iac'?)"));
    CHECK(has_error(r, "unknown component kind 'quantum'; expected one of"));
}

TEST_CASE("a section written with capitals is one error, not also 'missing section'", "[load]") {
    const auto r =
        load_text("version: 1\nOrganization: {name: A, system: B}\naudit: {type: type2, period: "
                  "{start: 2026-01-01, end: 2026-12-31}}\ncomponents: []\n");
    CHECK(errors(r) ==
          std::vector<std::string>{"2:1 Organization: unknown key (did you mean 'organization'?)"});
}

TEST_CASE("a misspelt criterion is one error, not also 'security is missing'", "[load]") {
    const std::string head = "version: 1\norganization: {name: Acme, system: Acme Cloud}\n";
    const auto misspelt =
        load_text(head + "audit: {type: type2, period: {start: 2026-01-01, end: 2026-12-31}, "
                         "criteria: [Security, availability]}\ncomponents: []\n");
    CHECK(errors(misspelt) ==
          std::vector<std::string>{"3:79 audit.criteria[0]: unknown criterion 'Security' (did you "
                                   "mean 'security'?); expected one of: security, availability, "
                                   "processing_integrity, confidentiality, privacy"});
    const auto left_out =
        load_text(head + "audit: {type: type2, period: {start: 2026-01-01, end: 2026-12-31}, "
                         "criteria: [availability]}\ncomponents: []\n");
    CHECK(has_error(left_out, "'security' is missing"));
}

TEST_CASE("types are checked the way the schema says", "[load]") {
    CHECK(has_error(
        load_text(k_head + "capabilities:\n  firmware_updates: {enabled: yes}\ncomponents: []\n"),
        "expected true or false, got 'yes'"));
    CHECK(has_error(
        load_text(k_head +
                  "capabilities:\n  firmware_updates: {enabled: \"true\"}\ncomponents: []\n"),
        "expected true or false"));
    CHECK(has_error(
        load_text(k_head + "components:\n  - {id: a, kind: device, scope: in, data: customer}\n"),
        "expected a list (write [customer] for a list of one)"));
    CHECK(has_error(
        load_text(k_head + "components:\n  - {id: a, kind: device, scope: in, owner: [x]}\n"),
        "expected a string, got a list"));
    CHECK(has_error(load_text("version: \"1\"\n"), "expected a whole number"));
    CHECK(has_error(load_text("version: 2\n"), "unsupported version 2"));
    CHECK(has_error(load_text(k_head + "components: {a: 1}\n"),
                    "components: expected a list, got a mapping"));
}

TEST_CASE("dates must be real and periods must run forwards", "[load]") {
    auto with_period = [](const std::string& type, const std::string& start,
                          const std::string& end) {
        return load_text("version: 1\norganization: {name: A, system: B}\naudit: {type: " + type +
                         ", period: {start: " + start + ", end: " + end + "}}\ncomponents: []\n");
    };
    CHECK(with_period("type2", "2026-01-01", "2026-12-31").ok());
    CHECK(with_period("type1", "2026-06-30", "2026-06-30").ok());
    CHECK(has_error(with_period("type2", "2026-06-30", "2026-06-30"),
                    "ends (2026-06-30) on the day"));
    CHECK(has_error(with_period("type2", "2026-12-31", "2026-01-01"), "before it starts"));
    CHECK(has_error(with_period("type2", "2026-02-29", "2026-12-31"), "not a real calendar date"));
    CHECK(has_error(with_period("type2", "2026-1-1", "2026-12-31"),
                    "expected a date written YYYY-MM-DD"));
}

TEST_CASE("references are resolved after every file is loaded", "[load]") {
    const auto r = load_text(k_head + R"(components:
  - {id: api, kind: public_api, scope: in, vendor: aws, operated_by: awz}
  - {id: ci, kind: ci_cd, scope: in, relations: {deploys: [apj, ci]}}
vendors:
  - {id: aws, customer_data: true}
people:
  - {group: ops, access_to: [api, db]}
  - {group: ops}
waivers:
  - {rule: ownership.owner, component: nope, reason: r, approved_by: me, expires: 2027-01-01}
)");
    CHECK(has_error(
        r, "components[0].operated_by: 'awz' is neither us, customer, shared nor a declared "
           "vendor id (did you mean 'aws'?)"));
    CHECK(has_error(r, "relation target 'apj' is not a declared component (did you mean 'api'?)"));
    CHECK(has_error(r, "a component cannot relate to itself"));
    CHECK(has_error(r, "people[0].access_to: access_to 'db' is not a declared component"));
    CHECK(has_error(r, "people[1].group: duplicate people group 'ops'"));
    CHECK(
        has_error(r, "waivers[0].component: waived component 'nope' is not a declared component"));
}

TEST_CASE("security is always among the criteria", "[load]") {
    const auto r = load_text(
        "version: 1\norganization: {name: A, system: B}\naudit: {type: type2, period: "
        "{start: 2026-01-01, end: 2026-12-31}, criteria: [availability]}\ncomponents: []\n");
    CHECK(has_error(r, "'security' is missing"));
}

TEST_CASE("near misses of the tokens rules look for are warnings", "[load]") {
    const auto r =
        load_text(k_head + "components:\n  - {id: a, kind: device, scope: in, controls: "
                           "[firmware_signng, my_control]}\nresponsibilities:\n  - {domain: "
                           "phisical_access}\n");
    REQUIRE(r.ok());
    REQUIRE(r.diagnostics.warning_count() == 2);
    CHECK(r.diagnostics.items()[0].message.find("did you mean 'firmware_signing'?") !=
          std::string::npos);
    CHECK(r.diagnostics.items()[0].key_path == "components[0].controls[0]");
    CHECK(r.diagnostics.items()[1].message.find("did you mean 'physical_access'?") !=
          std::string::npos);
}

TEST_CASE("extension keys are ignored but unknown keys are not", "[load]") {
    CHECK(load_text(
              k_head +
              "x-owner-team: sec\ncomponents:\n  - {id: a, kind: device, scope: in, x-tf: m.a}\n")
              .ok());
    CHECK(has_error(load_text(k_head + "componets: []\n"),
                    "componets: unknown key (did you mean 'components'?)"));
}

TEST_CASE("includes load relative to the including file, in order, once each", "[load][include]") {
    util::MemoryFileSystem fs;
    fs.add("root/soc2scope.yaml", k_head +
                                      "include: [parts/*.yaml, shared.yaml]\ncomponents:\n  - {id: "
                                      "root-c, kind: other, scope: in}\n");
    fs.add("root/parts/b.yaml", "version: 1\ncomponents:\n  - {id: b, kind: other, scope: in}\n");
    fs.add("root/parts/a.yaml", "version: 1\ninclude: [../shared.yaml]\ncomponents:\n  - {id: a, "
                                "kind: other, scope: in}\n");
    fs.add("root/shared.yaml", "version: 1\nvendors:\n  - {id: v, customer_data: false}\n");
    const auto r = load::load_file("root/soc2scope.yaml", fs);
    REQUIRE(r.ok());
    const auto& d = *r.declaration;
    CHECK(d.files == std::vector<std::string>{"root/soc2scope.yaml", "root/parts/a.yaml",
                                              "root/shared.yaml", "root/parts/b.yaml"});
    REQUIRE(d.components.size() == 3);
    CHECK(d.components[0].id.value == "root-c");
    CHECK(d.components[1].id.value == "a");
    CHECK(d.components[2].id.value == "b");
    CHECK(d.vendors.size() == 1);
    CHECK(r.sources->name(d.components[2].id.loc.file) == "root/parts/b.yaml");
}

TEST_CASE("include cycles, missing files and repeated sections are errors", "[load][include]") {
    util::MemoryFileSystem fs;
    fs.add("a.yaml", k_head + "include: [b.yaml, missing.yaml]\ncomponents: []\n");
    fs.add("b.yaml", "version: 1\ninclude: [a.yaml]\naudit: {type: type1, period: {start: "
                     "2026-01-01, end: 2026-01-01}}\n");
    const auto r = load::load_file("a.yaml", fs);
    CHECK(has_error(r, "include cycle: a.yaml -> b.yaml -> a.yaml"));
    CHECK(has_error(r, "cannot read included file missing.yaml: no such file"));
    CHECK(has_error(r, "audit: this section is already declared in another file"));
    CHECK(has_error(load::load_file("nope.yaml", fs), "cannot read the file: no such file"));
}

TEST_CASE("an included file may leave out its version, but not state another", "[load][include]") {
    util::MemoryFileSystem fs;
    fs.add("a.yaml", k_head + "include: [b.yaml, c.yaml]\ncomponents: []\n");
    fs.add("b.yaml", "components:\n  - {id: api, kind: public_api, scope: out, rationale: r}\n");
    fs.add("c.yaml", "version: 1\nvendors: []\n");
    const auto ok = load::load_file("a.yaml", fs);
    CHECK(errors(ok).empty());
    REQUIRE(ok.ok());
    CHECK(ok.declaration->components.size() == 1);

    fs.add("c.yaml", "version: 2\nvendors: []\n");
    CHECK(errors(load::load_file("a.yaml", fs)) ==
          std::vector<std::string>{"1:10 version: unsupported version 2; this soc2scope reads "
                                   "version 1"});
}

TEST_CASE("file size is limited per file", "[load]") {
    load::LoadOptions options;
    options.max_file_size = 16;
    util::MemoryFileSystem fs;
    fs.add("a.yaml", k_head);
    CHECK(has_error(load::load_file("a.yaml", fs, options), "over the 16 bytes limit"));
}
