#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <soc2scope/diag/source.hpp>
#include <soc2scope/util/date.hpp>

namespace soc2scope::rules {

enum class Severity { Info, Warning, Error }; // ordered: a higher value is more severe

std::string_view to_string(Severity s);
std::optional<Severity> severity_from_string(std::string_view s);

// The families findings are grouped by, in report order.
enum class Family {
    DeviceAuth,
    Firmware,
    Telemetry,
    Support,
    Availability,
    Boundary,
    General,
    Evidence,
    Drift,
    Waiver
};

std::string_view family_title(Family f);

struct RuleInfo {
    std::string_view id;
    Family family;
    Severity severity;
    std::string_view title;
    std::span<const std::string_view> criteria; // AICPA TSC 2017, e.g. CC6.1
    std::string_view applies_when;              // when the rule is evaluated at all
    std::string_view rationale;                 // why, in our words, from the sources
    std::string_view remediation;               // how to fix it, in general
    std::string_view source;                    // which article the rule comes from
    std::span<const std::string_view> evidence; // evidence item ids the rule requires
};

std::span<const RuleInfo> all_rules();
const RuleInfo* find_rule(std::string_view id);
std::vector<std::string_view> rule_ids();

struct WaiverRef {
    std::string reason;
    std::string approved_by;
    util::Date expires;
    diag::SourceLocation location;
};

// One gap in one declaration, as data; renderers decide how it looks.
struct Finding {
    const RuleInfo* rule = nullptr;
    Severity severity = Severity::Error;
    std::string component;           // the component id it is about, if any
    std::string subject;             // key path or component id shown to the reader
    diag::SourceLocation location;   // where to look
    std::string message;             // one sentence, in the declaration's own terms
    std::string remediation;         // specific to this finding
    std::optional<WaiverRef> waiver; // set when an active waiver covers it

    bool waived() const { return waiver.has_value(); }
};

} // namespace soc2scope::rules
