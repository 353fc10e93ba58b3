#pragma once

#include <string>

#include <soc2scope/diag/diagnostic.hpp>
#include <soc2scope/diag/source.hpp>
#include <soc2scope/report/check_report.hpp>
#include <soc2scope/rules/rule.hpp>

namespace soc2scope::report {

// One renderer per format; each is a pure function of the report and escapes user text for
// its medium (terminal, JSON, Markdown).
std::string render_check_text(const CheckReport& r, const diag::SourceFiles& files, bool color);
std::string render_check_json(const CheckReport& r, const diag::SourceFiles& files);
std::string render_check_markdown(const CheckReport& r, const diag::SourceFiles& files);

// For CI: SARIF 2.1.0 for code scanning, JUnit XML for test dashboards, and GitHub workflow
// commands (annotations).
std::string render_check_sarif(const CheckReport& r, const diag::SourceFiles& files);
std::string render_check_junit(const CheckReport& r, const diag::SourceFiles& files);
std::string render_check_github(const CheckReport& r, const diag::SourceFiles& files);
// Loader errors and warnings as GitHub annotations, so a declaration that does not load is
// still marked on the pull request's lines (the run ends with exit 2 all the same).
std::string render_diagnostics_github(const diag::Diagnostics& diags,
                                      const diag::SourceFiles& files);

// XML text and attribute values; characters XML 1.0 cannot carry are dropped.
std::string xml_escape(std::string_view text);
// GitHub workflow command escaping: the message, and a property value (also ':' and ',').
std::string github_data(std::string_view text);
std::string github_property(std::string_view text);

std::string render_rules_text();
std::string render_rules_json();
std::string render_rules_markdown(); // docs/rules.md is this, byte for byte
std::string render_explain(const rules::RuleInfo& rule);
// An evidence item ("device-auth.identity-model", "vendor.aws.soc-report"): what it is, how
// often it is collected, which rules and which minimum-set entry ask for it. Empty if unknown.
std::string render_explain_evidence(std::string_view id);

// Markdown table cell: pipes escaped, line breaks as <br>, HTML-significant characters as
// entities, so user text renders as text in GitHub and cannot break the table.
std::string markdown_cell(std::string_view text);
// Plain text for a terminal: control characters shown as \xNN.
std::string terminal_text(std::string_view text);
// Wraps `text` at `width` columns, each line prefixed by `indent`.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent);

} // namespace soc2scope::report
