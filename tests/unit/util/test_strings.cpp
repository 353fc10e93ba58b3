#include <string>
#include <string_view>

#include <catch2/catch.hpp>

#include <soc2scope/util/strings.hpp>
#include <soc2scope/util/utf8.hpp>

using namespace soc2scope::util;

TEST_CASE("edit distance counts a transposition as one edit", "[util][strings]") {
    CHECK(edit_distance("scope", "scope") == 0);
    CHECK(edit_distance("scpoe", "scope") == 1);
    CHECK(edit_distance("scop", "scope") == 1);
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("", "abc") == 3);
}

TEST_CASE("closest_match suggests only plausible typos", "[util][strings]") {
    constexpr std::string_view keys[] = {"scope", "owner", "kind", "controls"};
    CHECK(closest_match("scpoe", keys) == std::optional<std::string>("scope"));
    CHECK(closest_match("contrls", keys) == std::optional<std::string>("controls"));
    CHECK_FALSE(closest_match("audit_firm", keys));
    CHECK_FALSE(closest_match("x", keys));
    // Case and separators do not count against a match.
    constexpr std::string_view values[] = {"in", "shared", "out", "public_api", "type2"};
    CHECK(closest_match("IN", values) == std::optional<std::string>("in"));
    CHECK(closest_match("Public-API", values) == std::optional<std::string>("public_api"));
    CHECK(closest_match("Type 2", values) == std::optional<std::string>("type2"));
    CHECK(same_word("Public-API", "public_api"));
    CHECK(same_word("", "-_ "));
    CHECK_FALSE(same_word("public_api", "public_apis"));
    CHECK_FALSE(same_word("in", "on"));
}

TEST_CASE("quote_for_message neutralizes control characters and cuts long text",
          "[util][strings]") {
    CHECK(quote_for_message("a\nb\x1b[31m") == "a\\x0ab\\x1b[31m");
    CHECK(quote_for_message(std::string(100, 'x'), 10) == std::string(10, 'x') + "...");
}

TEST_CASE("check_text finds the first byte that is not YAML text", "[util][utf8]") {
    CHECK_FALSE(check_text("plain ascii\n\ttabs\r\n"));
    CHECK_FALSE(check_text("caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x94\x92"));
    CHECK_FALSE(check_text("next line \xc2\x85 is allowed"));

    auto at = [](std::string_view s) { return check_text(s).value().offset; };
    CHECK(at(std::string_view("ab\0c", 4)) == 2);
    CHECK(at("ab\x07") == 2);
    CHECK(at("ab\x7f") == 2);
    CHECK(at("caf\xe9") == 3);           // Latin-1
    CHECK(at("x\xc0\xaf") == 1);         // overlong '/'
    CHECK(at("x\xe0\x80\xaf") == 1);     // overlong, three bytes
    CHECK(at("x\xed\xa0\x80") == 1);     // surrogate
    CHECK(at("x\xf4\x90\x80\x80") == 1); // above U+10FFFF
    CHECK(at("x\xe2\x82") == 1);         // truncated
    CHECK(at("x\xc2\x9b") == 1);         // C1 control (CSI)
    CHECK(at("x\xef\xbf\xbe") == 1);     // U+FFFE, which YAML does not allow either
    CHECK(at("x\xef\xbf\xbf") == 1);     // U+FFFF
    CHECK(check_text("\xff\xfe")->what.find("0xff") != std::string::npos);
}
