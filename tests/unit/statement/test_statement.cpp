#include <catch2/catch.hpp>

#include <soc2scope/load/loader.hpp>
#include <soc2scope/rules/engine.hpp>
#include <soc2scope/statement/statement.hpp>

using namespace soc2scope;

namespace {

const std::string k_hostile = R"(version: 1
organization: {name: "<script>alert(1)</script>", system: "a|b \"q\" #x"}
audit: {type: type2, period: {start: 2026-01-01, end: 2026-12-31}}
capabilities:
  firmware_updates: {enabled: true}
components:
  - {id: evil, name: "<script>alert(1)</script>", kind: firmware_update_service, scope: in, controls: [release_approval]}
  - {id: pipe, name: "a|b \"q\" [x] {y} #1", kind: device, scope: shared, rationale: "x|y\nz"}
  - {id: ci, name: "C\\I \"deploy\"", kind: ci_cd, scope: in, relations: {deploys: [evil, pipe]}}
responsibilities:
  - {domain: firmware_updates, vendor: "Sign | stage", customer: "<b>approve</b>"}
)";

struct Loaded {
    load::LoadResult result;
    report::CheckReport report;
};

Loaded load_checked(const std::string& text) {
    Loaded l{load::load_string(text, "d.yaml"), {}};
    REQUIRE(l.result.ok());
    rules::CheckOptions o;
    o.as_of = util::Date{2026, 11, 30};
    util::MemoryFileSystem fs;
    o.fs = &fs;
    o.root_dir = ".";
    l.report = rules::run_check(*l.result.declaration, "d.yaml", o);
    return l;
}

} // namespace

TEST_CASE("diagram labels are escaped for Mermaid and DOT", "[statement]") {
    const auto l = load_checked(k_hostile);
    const auto d = statement::diagram_of(*l.result.declaration);
    REQUIRE(d.nodes.size() == 3);
    REQUIRE(d.edges.size() == 2);
    const std::string mermaid = statement::render_mermaid(d);
    CHECK(mermaid.find("<script>") == std::string::npos);
    CHECK(mermaid.find("#lt;script#gt;alert(1)#lt;/script#gt;") != std::string::npos);
    CHECK(mermaid.find("a#124;b #quot;q#quot; [x] {y} #35;1") != std::string::npos);
    CHECK(mermaid.find("-->|\"deploys\"|") != std::string::npos);
    const std::string dot = statement::render_dot(d);
    CHECK(dot.find("label=\"C\\\\I \\\"deploy\\\"\"") != std::string::npos);
    CHECK(dot.find("label=\"a|b \\\"q\\\" [x] {y} #1\"") != std::string::npos);
    const std::string svg = statement::render_svg(d);
    CHECK(svg.find("<script>") == std::string::npos);
    CHECK(svg.find("&lt;script&gt;") != std::string::npos);
}

TEST_CASE("the statement escapes user text in HTML and Markdown", "[statement]") {
    const auto l = load_checked(k_hostile);
    const auto s = statement::build_statement(*l.result.declaration, l.report, false);
    const std::string html = statement::render_statement_html(s);
    CHECK(html.find("<script>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("<b>approve</b>") == std::string::npos);
    const std::string md = statement::render_statement_markdown(s);
    CHECK(md.find("<script>") == std::string::npos);
    CHECK(md.find("| x\\|y<br>z |") != std::string::npos);
    CHECK(md.find("Sign \\| stage") != std::string::npos);
}

TEST_CASE("buyer answers state only what is declared, and gaps show internally", "[statement]") {
    const auto l = load_checked(k_hostile);
    const auto buyer = statement::build_statement(*l.result.declaration, l.report, false);
    const auto& updates = buyer.answers.at(1);
    REQUIRE(updates.question == "How do firmware updates work?");
    REQUIRE(updates.in_place.size() == 2);
    CHECK(updates.in_place[0].find("every firmware release is an approved change") == 0);
    CHECK(updates.in_place[1] == "customers: <b>approve</b>");
    CHECK_FALSE(updates.gaps.empty()); // no signing, staging, rollback or monitoring
    const std::string md = statement::render_statement_markdown(buyer);
    CHECK(md.find("firmware is signed") == std::string::npos); // never overclaimed
    CHECK(md.find("Gap (internal)") == std::string::npos);
    const auto internal = statement::build_statement(*l.result.declaration, l.report, true);
    const std::string md_internal = statement::render_statement_markdown(internal);
    CHECK(md_internal.find("Gap (internal):** <script>alert(1)</script>") == std::string::npos);
    CHECK(md_internal.find("does not declare `firmware_signing`") != std::string::npos);
    CHECK(md_internal.find("## Internal: open gaps") != std::string::npos);
    // Questions whose trigger does not fire say so rather than listing nothing.
    const auto& telemetry = buyer.answers.at(4);
    CHECK_FALSE(telemetry.applies);
    CHECK(telemetry.in_place.empty());
}

TEST_CASE("the statement groups components as the sources do", "[statement]") {
    const auto l = load_checked(k_hostile);
    const auto s = statement::build_statement(*l.result.declaration, l.report, false);
    REQUIRE(s.in_scope.size() == 2);
    CHECK(s.in_scope[0].title == "Device and firmware platform");
    CHECK(s.in_scope[1].title == "Development and testing");
    REQUIRE(s.shared.size() == 1);
    CHECK(s.cuecs == std::vector<std::string>{"<b>approve</b>"});
}
