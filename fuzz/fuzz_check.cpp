// libFuzzer target: a fuzzed declaration, loaded, checked against every rule and rendered in
// every format (reports, evidence checklist, statement, diagram, lock).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <soc2scope/drift/snapshot.hpp>
#include <soc2scope/evidence/checklist.hpp>
#include <soc2scope/load/loader.hpp>
#include <soc2scope/report/evidence_render.hpp>
#include <soc2scope/report/render.hpp>
#include <soc2scope/rules/engine.hpp>
#include <soc2scope/statement/statement.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace soc2scope;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto loaded = load::load_string(text, "fuzz.yaml");
    if (!loaded.declaration) {
        return 0;
    }
    const model::Declaration& decl = *loaded.declaration;
    util::MemoryFileSystem files;
    files.add("evidence/a.md", "a");
    rules::CheckOptions options;
    options.as_of = util::Date{2026, 11, 30};
    options.fs = &files;
    options.root_dir = ".";
    options.baseline = drift::snapshot_of(decl);
    options.baseline_name = "itself";
    const auto report = rules::run_check(decl, "fuzz.yaml", options);
    const auto& src = *loaded.sources;
    (void)report::render_check_text(report, src, true);
    (void)report::render_check_json(report, src);
    (void)report::render_check_markdown(report, src);
    (void)report::render_check_sarif(report, src);
    (void)report::render_check_junit(report, src);
    (void)report::render_check_github(report, src);

    evidence::ChecklistOptions copt;
    copt.as_of = options.as_of;
    copt.fs = &files;
    copt.root_dir = ".";
    const auto list = evidence::build_checklist(decl, "fuzz.yaml", copt);
    (void)report::render_evidence_text(list, false);
    (void)report::render_evidence_markdown(list);
    (void)report::render_evidence_csv(list);
    (void)report::render_evidence_json(list);
    (void)report::render_evidence_html(list);

    const auto s = statement::build_statement(decl, report, true);
    (void)statement::render_statement_markdown(s);
    (void)statement::render_statement_html(s);
    (void)statement::render_dot(s.diagram);
    (void)statement::render_svg(s.diagram);

    const auto lock =
        drift::render_lock({"fuzz.yaml", "me", "fuzz", options.as_of, drift::snapshot_of(decl)});
    if (!drift::parse_lock(lock)) {
        __builtin_trap(); // a lock we wrote must read back
    }
    return 0;
}
