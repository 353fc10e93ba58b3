#include <string>

#include <catch2/catch.hpp>

#include <soc2scope/yaml/document.hpp>

using namespace soc2scope;
using yaml::NodeKind;
using yaml::NodeRef;

namespace {

yaml::ParseResult parse(const std::string& text, yaml::ParseLimits limits = {}) {
    return yaml::parse(text, 0, limits);
}

std::string first_error(const yaml::ParseResult& r) {
    return r.diagnostics.items().empty() ? std::string() : r.diagnostics.items().front().message;
}

} // namespace

TEST_CASE("the tree keeps kinds, values and 1-based positions", "[yaml]") {
    const auto r = parse("name: Acme\nlist:\n  - a\n  - 'b'\nflow: {x: 1, y: ~}\nempty:\n");
    REQUIRE(r.ok);
    const NodeRef root = r.document.root();
    REQUIRE(root.is_mapping());
    CHECK(root.size() == 4);
    CHECK(root.find("name").scalar() == "Acme");
    CHECK(root.find("name").location().line == 1);
    CHECK(root.find("name").location().column == 7);

    const NodeRef list = root.find("list");
    REQUIRE(list.is_sequence());
    CHECK(list.size() == 2);
    CHECK(list.item(0).scalar() == "a");
    CHECK_FALSE(list.item(0).is_quoted());
    CHECK(list.item(1).is_quoted());
    CHECK(list.item(1).location().line == 4);
    CHECK(list.item(1).location().column == 5);

    const NodeRef flow = root.find("flow");
    CHECK(flow.find("x").scalar() == "1");
    CHECK(flow.find("y").is_null());
    // An empty value is placed at its key, not at whatever token follows it.
    CHECK(root.find("empty").is_null());
    CHECK(root.find("empty").location().line == 6);
    CHECK_FALSE(root.find("missing").valid());
}

TEST_CASE("positions are 1-based newline-separated lines and byte columns", "[yaml]") {
    auto where = [](const std::string& text) {
        const auto r = parse(text);
        REQUIRE_FALSE(r.diagnostics.items().empty());
        const auto loc = r.diagnostics.items().front().location;
        return std::pair{loc.line, loc.column};
    };
    // The parser counts characters; a caret needs bytes ('\xc3\xa9' is one character).
    CHECK(where("a: {\xc3\xa9: 1, b: *nope}\n") == std::pair{1u, 15u});
    // U+2028 and U+0085 are line breaks to the parser but not to an editor or to the quote.
    CHECK(where("a: \"x\xe2\x80\xa8y\"\nb: \"\xc2\x85\"\nc: *nope\n") == std::pair{3u, 4u});
    CHECK(where("a: 1\r\nb: *nope\r\n") == std::pair{2u, 4u});
    // A byte-order mark is not a column.
    CHECK(where("\xef\xbb\xbf"
                "a: *nope\n") == std::pair{1u, 4u});
    // ...nor does it hide the tab that follows it.
    CHECK(first_error(parse("\xef\xbb\xbf\ta: 1\n")).find("a tab character") != std::string::npos);
    // Marks can go back (a later error about an earlier node); the cursor follows.
    CHECK(where("a: 1\nb:\n  c: 1\n  c: 2\n") == std::pair{4u, 3u});
    // The end of the file is the end of its last line, not a line that is not there.
    CHECK(where("a: [1,\n  2\n") == std::pair{2u, 4u});
    // The note about where the list began walks back over a two-byte character.
    const auto open = parse("\xc3\xa9: [1,\n  2\n");
    REQUIRE(open.diagnostics.items().size() == 1);
    REQUIRE(open.diagnostics.items()[0].notes.size() == 1);
    CHECK(open.diagnostics.items()[0].notes[0].location.line == 1);
    CHECK(open.diagnostics.items()[0].notes[0].location.column == 5);
}

TEST_CASE("duplicate keys are errors that name both places", "[yaml]") {
    const auto r = parse("a:\n  b: 1\n  b: 2\n");
    REQUIRE(r.ok);
    REQUIRE(r.diagnostics.items().size() == 1);
    const auto& d = r.diagnostics.items()[0];
    CHECK(d.key_path == "a.b");
    CHECK(d.location.line == 3);
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].location.line == 2);
    // The first value is kept, the duplicate dropped.
    CHECK(r.document.root().find("a").size() == 1);
    CHECK(r.document.root().find("a").find("b").scalar() == "1");
}

TEST_CASE("merge keys, non-scalar keys and unknown tags are refused", "[yaml]") {
    CHECK(first_error(parse("base: &b {x: 1}\nc:\n  <<: *b\n")).find("merge keys") !=
          std::string::npos);
    CHECK(parse("'<<': 1\n").diagnostics.empty()); // a quoted '<<' is just a key
    CHECK(first_error(parse("? [a]\n: 1\n")).find("plain strings") != std::string::npos);
    CHECK(first_error(parse("a: !custom 1\n")).find("unsupported YAML tag") != std::string::npos);
    const auto str = parse("a: !!str 2026-01-01\n");
    CHECK(str.diagnostics.empty());
    CHECK(str.document.root().find("a").is_quoted());
}

TEST_CASE("aliases share the anchored node, and cycles and bombs are refused", "[yaml]") {
    const auto ok = parse("a: &x [1, 2]\nb: *x\n");
    REQUIRE(ok.ok);
    CHECK(ok.document.root().find("b").size() == 2);

    const auto cycle = parse("a: &x [1, *x]\n");
    CHECK_FALSE(cycle.ok);
    CHECK(first_error(cycle).find("recursive alias") != std::string::npos);

    std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 8; ++i) {
        const std::string p = "*a" + std::to_string(i - 1);
        bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + p + ", " + p + ", " +
                p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p + ", " + p +
                "]\n";
    }
    const auto exploded = parse(bomb);
    CHECK_FALSE(exploded.ok);
    CHECK(first_error(exploded).find("alias bomb") != std::string::npos);
}

TEST_CASE("nesting deeper than the limit stops the parse", "[yaml]") {
    CHECK(parse("a: [[[1]]]\n", {.max_depth = 4}).ok);
    const auto deep = parse("a: [[[[1]]]]\n", {.max_depth = 4});
    CHECK_FALSE(deep.ok);
    CHECK(first_error(deep).find("deeper than 4 levels") != std::string::npos);
    // Far past any sane depth: still our message, never a crash or a deep recursion.
    const std::string huge = "a: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
    CHECK(first_error(parse(huge)).find("deeper than 64") != std::string::npos);
}

TEST_CASE("one document per file, and empty files and syntax errors are reported", "[yaml]") {
    CHECK(first_error(parse("a: 1\n---\nb: 2\n")).find("second one") != std::string::npos);
    CHECK(first_error(parse("")).find("empty") != std::string::npos);
    CHECK(first_error(parse("# just a comment\n")).find("only comments") != std::string::npos);
    const auto comma = parse(",");
    CHECK(first_error(comma).find("YAML syntax error") != std::string::npos);
    CHECK(comma.diagnostics.items().at(0).location.column == 1);
    CHECK(first_error(parse("a: 1\n...\nb\n")).find("unexpected 'b' after the end") !=
          std::string::npos);

    const auto broken = parse("a: [1, 2\n");
    CHECK_FALSE(broken.ok);
    const auto& d = broken.diagnostics.items().at(0);
    CHECK(d.message.find("YAML syntax error") != std::string::npos);
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].message == "in the list ([...]) that starts here");
    CHECK(d.notes[0].location.column == 4);
}
