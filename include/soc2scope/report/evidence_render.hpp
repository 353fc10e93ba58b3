#pragma once

#include <string>

#include <soc2scope/evidence/checklist.hpp>

namespace soc2scope::report {

// The evidence checklist in each format; every one escapes user text for its medium.
std::string render_evidence_text(const evidence::Checklist& c, bool color);
std::string render_evidence_markdown(const evidence::Checklist& c); // a GitHub task list
std::string render_evidence_csv(const evidence::Checklist& c);      // RFC 4180, formula-safe
std::string render_evidence_json(const evidence::Checklist& c);
std::string render_evidence_html(const evidence::Checklist& c); // one self-contained page

// A CSV field per RFC 4180, with cells that a spreadsheet would run as a formula (starting
// with = + - @, tab or CR) neutralized by a leading apostrophe.
std::string csv_field(std::string_view text);
// HTML text and attribute values: & < > " ' escaped.
std::string html_escape(std::string_view text);

} // namespace soc2scope::report
