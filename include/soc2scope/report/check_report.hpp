#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soc2scope/rules/rule.hpp>

namespace soc2scope::report {

// Whether one of the scope triggers (or the availability fact) fires, and the declaration's
// words that make it so.
struct TriggerStatus {
    std::string id;    // capabilities key, e.g. "device_authentication"
    std::string title; // e.g. "devices authenticate to the cloud"
    bool fired = false;
    std::string why;
    diag::SourceLocation location;
};

struct Summary {
    std::size_t errors = 0; // open findings only; waived ones are counted apart
    std::size_t warnings = 0;
    std::size_t infos = 0;
    std::size_t waived = 0;
};

// The result of `check` as data. Every renderer draws from this and nothing else.
struct CheckReport {
    std::string command = "check"; // or "diff": only drift from a baseline is reported
    std::string baseline;          // what drift is measured from, if anything
    std::string file;              // the declaration as the user named it
    std::vector<std::string> files;
    std::string organization;
    std::string system;
    util::Date as_of;
    std::optional<rules::Severity> fail_on; // nothing means --fail-on never
    std::vector<std::string> audit_criteria;
    std::vector<TriggerStatus> triggers;
    std::vector<rules::Finding> findings; // deterministic order: family, rule, place
    std::vector<std::string> criteria_touched;
    Summary summary;
    bool failed = false; // an open finding at or above fail_on
};

// "components[1].controls: " for a finding about that key, "" for one about nothing in
// particular: every rendering says which key a finding is about, as loader messages do.
// Unescaped; each renderer escapes it for its medium.
std::string key_prefix(const rules::Finding& f);

// "CC6.1" < "CC6.10" < "CC7.1" < "A1.1" < "PI1.1" < "C1.1" < "P1.1": the order the AICPA
// presents the criteria in.
bool criteria_less(const std::string& a, const std::string& b);

} // namespace soc2scope::report
