#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace soc2scope::evidence {

// How often an item must be collected again. PerAuditPeriod items must come from the audit
// period being reported on.
enum class Cadence { Days90, Yearly, PerAuditPeriod };

// What must be true of the system for an item to be needed at all, on top of a rule or the
// minimum evidence set asking for it (a rollout-failure runbook needs firmware pushes).
enum class Condition { Always, DeviceAuth, Firmware, Telemetry, Support };

struct CatalogueItem {
    std::string_view id; // "<area>.<item>"; vendor items are "vendor.<vendor id>.soc-report"
    std::string_view title;
    Cadence cadence;
    bool optional = false;
    int min_count = 1; // "2 to 3 examples" items need at least this many
    Condition condition = Condition::Always;
};

struct Area {
    std::string_view id; // the part of an item id before the first dot
    std::string_view title;
};

std::span<const CatalogueItem> catalogue();
std::span<const Area> areas();
const Area* find_area(std::string_view id);

// The template for per-vendor items, and the vendor id inside such an item id.
inline constexpr std::string_view k_vendor_report_template = "vendor.<id>.soc-report";
std::optional<std::string_view> vendor_of(std::string_view item_id);

// A catalogue item by id, with vendor items resolved to the vendor template.
const CatalogueItem* find_item(std::string_view id);

int cadence_days(Cadence c); // 90 or 365; 0 for PerAuditPeriod
std::string_view cadence_name(Cadence c);

// The eight-item minimum evidence set from the first source.
struct MinimumSetEntry {
    int number;
    std::string_view title;
    std::span<const std::string_view> items; // kept to those whose condition holds
    Condition condition;
};
std::span<const MinimumSetEntry> minimum_set();

} // namespace soc2scope::evidence
