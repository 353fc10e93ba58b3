#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <soc2scope/evidence/bundle.hpp>
#include <soc2scope/evidence/checklist.hpp>
#include <soc2scope/load/loader.hpp>
#include <soc2scope/report/evidence_render.hpp>
#include <soc2scope/rules/rule.hpp>
#include <soc2scope/util/sha256.hpp>

using namespace soc2scope;
using evidence::Status;

namespace {

std::string declaration(const std::string& type, const std::string& period,
                        const std::string& evidence) {
    return "version: 1\norganization: {name: A, system: B}\naudit: {type: " + type +
           ", period: " + period +
           "}\ncapabilities:\n  support_access: {enabled: true}\ncomponents:\n  - {id: c, kind: "
           "support_tooling, scope: in}\nvendors:\n  - {id: aws, customer_data: "
           "true}\nevidence:\n" +
           evidence;
}

const std::string k_type2 = "{start: 2026-01-01, end: 2026-12-31}";

evidence::Checklist checklist(const std::string& text, util::Date as_of,
                              util::FileSystem* fs = nullptr) {
    static util::MemoryFileSystem empty;
    auto loaded = load::load_string(text, "decl.yaml");
    REQUIRE(loaded.ok());
    diag::Diagnostics d;
    evidence::check_evidence_references(*loaded.declaration, d);
    REQUIRE(d.empty());
    evidence::ChecklistOptions o;
    o.as_of = as_of;
    o.fs = fs != nullptr ? fs : &empty;
    o.root_dir = ".";
    // The checklist points into the declaration; keep it alive for the test's duration.
    static std::vector<std::unique_ptr<model::Declaration>> keep;
    keep.push_back(std::make_unique<model::Declaration>(std::move(*loaded.declaration)));
    return evidence::build_checklist(*keep.back(), "decl.yaml", o);
}

const evidence::ChecklistItem& item(const evidence::Checklist& c, std::string_view id) {
    auto it =
        std::find_if(c.items.begin(), c.items.end(), [&](const auto& i) { return i.id == id; });
    REQUIRE(it != c.items.end());
    return *it;
}

} // namespace

TEST_CASE("a 90-day item is due 90 days after collection", "[evidence]") {
    const auto text = declaration("type2", k_type2,
                                  "  - {satisfies: support.access-review-record, url: "
                                  "\"https://t.example/1\", collected: 2026-03-01}\n");
    const util::Date due = util::Date{2026, 3, 1}.plus_days(90);
    CHECK(due == util::Date{2026, 5, 30});
    CHECK(item(checklist(text, due.plus_days(-1)), "support.access-review-record").status ==
          Status::Provided);
    const auto on_the_day = item(checklist(text, due), "support.access-review-record");
    CHECK(on_the_day.status == Status::Provided);
    CHECK(on_the_day.due == due);
    const auto after = item(checklist(text, due.plus_days(1)), "support.access-review-record");
    CHECK(after.status == Status::Stale);
    CHECK(after.reason == "collected 2026-03-01; due again 2026-05-30 (every 90 days)");
}

TEST_CASE("a yearly item is due a year after collection", "[evidence]") {
    const auto text = declaration("type1", "{start: 2026-06-30, end: 2026-06-30}",
                                  "  - {satisfies: vendor.aws.soc-report, url: "
                                  "\"https://t.example/1\", collected: 2026-02-01}\n");
    const util::Date due{2027, 2, 1};
    CHECK(item(checklist(text, due.plus_days(-1)), "vendor.aws.soc-report").status ==
          Status::Provided);
    CHECK(item(checklist(text, due), "vendor.aws.soc-report").status == Status::Provided);
    CHECK(item(checklist(text, due.plus_days(1)), "vendor.aws.soc-report").status == Status::Stale);
}

TEST_CASE("for a type 2 report, evidence from outside the audit period is stale", "[evidence]") {
    auto status_for = [](const std::string& type, const std::string& collected) {
        const auto text =
            declaration(type, type == "type2" ? k_type2 : "{start: 2026-06-30, end: 2026-06-30}",
                        "  - {satisfies: boundary.statement, url: \"https://t.example/b\", "
                        "collected: " +
                            collected + "}\n");
        return item(checklist(text, util::Date{2026, 12, 31}), "boundary.statement");
    };
    CHECK(status_for("type2", "2025-12-31").status == Status::Stale);
    CHECK(status_for("type2", "2025-12-31").reason ==
          "collected 2025-12-31, outside the audit period 2026-01-01 to 2026-12-31");
    CHECK(status_for("type2", "2026-01-01").status == Status::Provided);
    CHECK(status_for("type2", "2026-12-31").status == Status::Provided);
    CHECK(status_for("type2", "2026-01-01").due == util::Date{2026, 12, 31});
    // A type 1 report is a point in time: earlier design evidence is fine within its cadence.
    CHECK(status_for("type1", "2026-01-05").status == Status::Provided);
    CHECK(status_for("type1", "2025-12-30").status == Status::Stale);
}

TEST_CASE("the most recent entry wins, and missing items say so", "[evidence]") {
    const auto text =
        declaration("type2", k_type2,
                    "  - {satisfies: support.access-policy, url: \"https://t.example/old\", "
                    "collected: 2026-01-10}\n"
                    "  - {satisfies: [support.access-policy, boundary.statement], url: "
                    "\"https://t.example/new\", collected: 2026-06-10, owner: sec}\n");
    const auto c = checklist(text, util::Date{2026, 7, 1});
    CHECK(item(c, "support.access-policy").where == "https://t.example/new");
    CHECK(item(c, "support.access-policy").owner == "sec");
    const auto& missing = item(c, "support.privileged-audit-sample");
    CHECK(missing.status == Status::Missing);
    CHECK(missing.required_by == std::vector<std::string>{"support.privileged-audit-log"});
    CHECK(missing.entry == nullptr);
    // Items of triggers that do not fire are not asked for.
    CHECK(std::none_of(c.items.begin(), c.items.end(),
                       [](const auto& i) { return i.area == "firmware"; }));
    CHECK(item(c, "vendor.aws.soc-report").required_by ==
          std::vector<std::string>{"vendor.report-review"});
}

TEST_CASE("paths resolve inside the declaration's folder only", "[evidence]") {
    util::MemoryFileSystem fs;
    fs.add("ev/a.md", "a");
    fs.add("ev/alerts/1.md", "1");
    fs.add("ev/alerts/2.md", "2");
    fs.add("other.md", "x");
    const auto text = declaration(
        "type2", k_type2,
        "  - {satisfies: boundary.statement, path: ev/a.md, collected: 2026-03-01}\n"
        "  - {satisfies: support.access-policy, path: ev/../../other.md, collected: 2026-03-01}\n"
        "  - {satisfies: support.privileged-audit-sample, path: /etc/passwd, collected: "
        "2026-03-01}\n"
        "  - {satisfies: support.access-review-record, path: ev/gone.md, collected: 2026-11-01}\n"
        "  - {satisfies: change.pr-approvals, path: ev/alerts, collected: 2026-03-01}\n");
    const auto c = checklist(text, util::Date{2026, 11, 30}, &fs);
    CHECK(item(c, "boundary.statement").status == Status::Provided);
    CHECK(item(c, "support.access-policy").status == Status::NotFound);
    CHECK(item(c, "support.access-policy").outside_folder);
    CHECK(item(c, "support.privileged-audit-sample").outside_folder);
    CHECK(item(c, "support.access-review-record").status == Status::NotFound);
    CHECK_FALSE(item(c, "support.access-review-record").outside_folder);
    CHECK(item(c, "change.pr-approvals").count == 2);
    REQUIRE(c.path_problems.size() == 3);
}

TEST_CASE("items that need several examples count them", "[evidence]") {
    const std::string base =
        "version: 1\norganization: {name: A, system: B}\naudit: {type: type2, period: " + k_type2 +
        "}\ncapabilities:\n  telemetry_reliance: {enabled: true}\ncomponents: []\nevidence:\n";
    auto alerts = [&](const std::string& entry) {
        return item(checklist(base + entry, util::Date{2026, 11, 30}), "telemetry.alert-tickets");
    };
    const auto one = alerts("  - {satisfies: telemetry.alert-tickets, url: "
                            "\"https://t.example/a\", collected: 2026-10-01}\n");
    CHECK(one.status == Status::Missing);
    CHECK(one.reason == "1 of at least 2 examples");
    CHECK(alerts("  - {satisfies: telemetry.alert-tickets, url: \"https://t.example/a\", "
                 "collected: 2026-10-01, count: 3}\n")
              .status == Status::Provided);
}

TEST_CASE("unknown evidence ids are input errors with a suggestion", "[evidence]") {
    auto loaded = load::load_string(
        declaration("type2", k_type2,
                    "  - {satisfies: [support.access-reveiw-record, vendor.azure.soc-report], "
                    "url: \"https://t.example/1\", collected: 2026-03-01}\n"),
        "decl.yaml");
    REQUIRE(loaded.ok());
    diag::Diagnostics d;
    evidence::check_evidence_references(*loaded.declaration, d);
    REQUIRE(d.items().size() == 2);
    CHECK(d.items()[0].key_path == "evidence[0].satisfies[0]");
    CHECK(d.items()[0].message.find("did you mean 'support.access-review-record'?") !=
          std::string::npos);
    CHECK(d.items()[1].message.find("names vendor 'azure', which is not declared") !=
          std::string::npos);
}

TEST_CASE("the catalogue is well formed and never shares an id with a rule", "[evidence]") {
    for (const auto& i : evidence::catalogue()) {
        INFO(i.id);
        CHECK(evidence::find_area(i.id.substr(0, i.id.find('.'))) != nullptr);
        CHECK(rules::find_rule(i.id) == nullptr);
    }
    for (const auto& r : rules::all_rules()) {
        for (std::string_view e : r.evidence) {
            INFO(r.id << " -> " << e);
            CHECK(evidence::find_item(e) != nullptr);
        }
    }
    CHECK(evidence::find_item("vendor.aws.soc-report") ==
          evidence::find_item(evidence::k_vendor_report_template));
    CHECK(evidence::minimum_set().size() == 8);
}

TEST_CASE("CSV cells are quoted per RFC 4180 and never run as formulas", "[evidence][report]") {
    CHECK(report::csv_field("plain") == "plain");
    CHECK(report::csv_field("a,b") == "\"a,b\"");
    CHECK(report::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(report::csv_field("two\nlines") == "\"two\nlines\"");
    CHECK(report::csv_field("=1+1") == "'=1+1");
    CHECK(report::csv_field("+1") == "'+1");
    CHECK(report::csv_field("-1") == "'-1");
    CHECK(report::csv_field("@SUM(A1)") == "'@SUM(A1)");
    CHECK(report::csv_field("\tx") == "'\tx");
    CHECK(report::csv_field("\rx") == "\"'\rx\"");
    CHECK(report::csv_field("=HYPERLINK(\"u\",\"c\")") == "\"'=HYPERLINK(\"\"u\"\",\"\"c\"\")\"");
}

TEST_CASE("HTML escaping covers text and attributes", "[evidence][report]") {
    CHECK(report::html_escape("<script>alert('x')</script> & \"q\"") ==
          "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
}

TEST_CASE("SHA-256 is computed in chunks and matches known digests", "[evidence]") {
    CHECK(util::sha256_hex("") ==
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(util::sha256_hex("abc") ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    char tmpl[] = "/tmp/soc2scope-sha-XXXXXX";
    const int fd = ::mkstemp(tmpl);
    REQUIRE(fd >= 0);
    ::close(fd);
    // Larger than one read chunk, so the streaming path is the one tested.
    std::string big(3 * 1024 * 1024 + 17, 'x');
    std::ofstream(tmpl, std::ios::binary) << big;
    const auto digest = util::sha256_file(tmpl);
    REQUIRE(digest);
    CHECK(*digest == util::sha256_hex(big));
    std::filesystem::remove(tmpl);
    CHECK_FALSE(util::sha256_file("/nonexistent/file"));
}

TEST_CASE("docs/evidence.md documents every catalogue item", "[evidence][docs]") {
    std::ifstream in(std::string(SOC2SCOPE_SOURCE_DIR) + "/docs/evidence.md");
    REQUIRE(in);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string doc = buffer.str();
    for (const auto& i : evidence::catalogue()) {
        INFO(i.id);
        CHECK(doc.find("| `" + std::string(i.id) + "` |") != std::string::npos);
    }
    for (const auto& m : evidence::minimum_set()) {
        CHECK(doc.find(std::to_string(m.number) + ". " + std::string(m.title)) !=
              std::string::npos);
    }
}
