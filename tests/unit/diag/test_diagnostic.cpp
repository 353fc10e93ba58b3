#include <catch2/catch.hpp>

#include <soc2scope/diag/diagnostic.hpp>
#include <soc2scope/diag/json.hpp>

using namespace soc2scope::diag;

TEST_CASE("a diagnostic renders as file:line:col, the line, and a caret", "[diag]") {
    SourceFiles files;
    const FileId id = files.add("decl.yaml", "version: 1\ncomponents:\n  - {id: a, scope: inn}\n");
    Diagnostic d{Severity::Error, {id, 3, 20}, "components[0].scope", "unknown scope 'inn'", {}};
    d.notes.push_back({{id, 1, 1}, "declared here"});
    CHECK(render_text(d, files, {}) ==
          "decl.yaml:3:20: error: components[0].scope: unknown scope 'inn'\n"
          "    3 |   - {id: a, scope: inn}\n"
          "      |                    ^\n"
          "decl.yaml:1:1: note: declared here\n"
          "    1 | version: 1\n"
          "      | ^\n");
}

TEST_CASE("the quoted line cannot smuggle terminal escapes and keeps the caret aligned", "[diag]") {
    SourceFiles files;
    const FileId id = files.add("x.yaml", "\ta: \x1b[31mred\r\n");
    Diagnostic d{Severity::Warning, {id, 1, 14}, "", "m", {}};
    const std::string out = render_text(d, files, {});
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out == "x.yaml:1:14: warning: m\n"
                 "    1 |  a: ?[31mred\n"
                 "      |              ^\n");
}

TEST_CASE("colour is used only when asked for", "[diag]") {
    SourceFiles files;
    const FileId id = files.add("x.yaml", "a: 1\n");
    Diagnostic d{Severity::Error, {id, 1, 1}, "", "m", {}};
    CHECK(render_text(d, files, {.color = true}).find("\x1b[1;31merror") != std::string::npos);
    CHECK(render_text(d, files, {.color = false}).find('\x1b') == std::string::npos);
}

TEST_CASE("file-level problems have no source line to quote", "[diag]") {
    SourceFiles files;
    const FileId id = files.add("gone.yaml", "");
    Diagnostic d{Severity::Error, {id, 1, 1}, "", "cannot read the file: no such file", {}};
    CHECK(render_text(d, files, {}) ==
          "gone.yaml:1:1: error: cannot read the file: no such file\n");
}

TEST_CASE("diagnostics sort by file, line and column, keeping report order on ties", "[diag]") {
    Diagnostics ds;
    ds.error({1, 1, 1}, "", "b-file");
    ds.error({0, 5, 1}, "", "line 5");
    ds.warning({0, 2, 9}, "", "line 2 first");
    ds.error({0, 2, 9}, "", "line 2 second");
    ds.sort();
    REQUIRE(ds.items().size() == 4);
    CHECK(ds.items()[0].message == "line 2 first");
    CHECK(ds.items()[1].message == "line 2 second");
    CHECK(ds.items()[2].message == "line 5");
    CHECK(ds.items()[3].message == "b-file");
    CHECK(ds.error_count() == 3);
    CHECK(ds.warning_count() == 1);
}

TEST_CASE("diagnostics as JSON carry every field", "[diag]") {
    SourceFiles files;
    const FileId id = files.add("d.yaml", "a: 1\n");
    Diagnostics ds;
    ds.error({id, 1, 4}, "a", "bad \"value\"").notes.push_back({{id, 1, 1}, "here"});
    const auto j = to_json(ds, files);
    REQUIRE(j.size() == 1);
    CHECK(j[0]["severity"] == "error");
    CHECK(j[0]["file"] == "d.yaml");
    CHECK(j[0]["line"] == 1);
    CHECK(j[0]["column"] == 4);
    CHECK(j[0]["path"] == "a");
    CHECK(j[0]["message"] == "bad \"value\"");
    CHECK(j[0]["notes"][0]["message"] == "here");
}
