#include <algorithm>
#include <map>

#include <fmt/format.h>

#include <soc2scope/evidence/checklist.hpp>
#include <soc2scope/rules/engine.hpp>
#include <soc2scope/util/strings.hpp>

namespace soc2scope::evidence {

namespace fs = std::filesystem;

std::string_view to_string(Status s) {
    switch (s) {
    case Status::Provided:
        return "provided";
    case Status::Stale:
        return "stale";
    case Status::Missing:
        return "missing";
    case Status::NotFound:
        return "not-found";
    }
    return "";
}

namespace {

bool holds(Condition c, const model::Declaration& d) {
    const auto& caps = d.capabilities;
    switch (c) {
    case Condition::Always:
        return true;
    case Condition::DeviceAuth:
        return caps.device_authentication.enabled.value;
    case Condition::Firmware:
        return caps.firmware_updates.enabled.value;
    case Condition::Telemetry:
        return caps.telemetry_reliance.enabled.value;
    case Condition::Support:
        return caps.support_access.enabled.value;
    }
    return false;
}

// Items of the trigger areas are needed only where their trigger fires, whoever asks.
Condition area_condition(std::string_view item_id) {
    const std::string_view area = item_id.substr(0, item_id.find('.'));
    if (area == "device-auth") {
        return Condition::DeviceAuth;
    }
    if (area == "firmware") {
        return Condition::Firmware;
    }
    if (area == "telemetry") {
        return Condition::Telemetry;
    }
    if (area == "support") {
        return Condition::Support;
    }
    return Condition::Always;
}

std::size_t area_rank(std::string_view area) {
    const auto all = areas();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].id == area) {
            return i;
        }
    }
    return all.size();
}

std::size_t item_rank(const CatalogueItem* def) {
    return static_cast<std::size_t>(def - catalogue().data());
}

// Which items are needed, and by whom: every rule that applies asks for its evidence, and the
// minimum evidence set asks for its own, each where its condition holds.
std::map<std::string, std::vector<std::string>> required_items(const model::Declaration& d) {
    std::map<std::string, std::vector<std::string>> needed;
    auto need = [&](std::string_view id, std::string by) {
        const CatalogueItem* def = find_item(id);
        if (def == nullptr || !holds(def->condition, d) || !holds(area_condition(id), d)) {
            return;
        }
        auto& who = needed[std::string(id)];
        if (std::find(who.begin(), who.end(), by) == who.end()) {
            who.push_back(std::move(by));
        }
    };
    for (const rules::RuleInfo& rule : rules::all_rules()) {
        if (!rules::rule_applies(rule, d)) {
            continue;
        }
        for (std::string_view id : rule.evidence) {
            if (id == k_vendor_report_template) {
                for (const auto& v : d.vendors) {
                    if (v.customer_data.value) {
                        need(fmt::format("vendor.{}.soc-report", v.id.value), std::string(rule.id));
                    }
                }
            } else {
                need(id, std::string(rule.id));
            }
        }
    }
    for (const MinimumSetEntry& m : minimum_set()) {
        if (!holds(m.condition, d)) {
            continue;
        }
        for (std::string_view id : m.items) {
            need(id, fmt::format("minimum evidence set #{}", m.number));
        }
    }
    return needed;
}

struct PathCheck {
    Status status = Status::Provided; // Provided or NotFound
    bool outside_folder = false;
    std::string resolved;
    std::string reason;
    int count = 1;
};

// Resolves an entry's path: lexically first (no "..", not absolute), then through
// symlinks, and never looks at anything outside the declaration's folder.
PathCheck check_path(const model::EvidenceEntry& e, const ChecklistOptions& opt) {
    PathCheck out;
    const fs::path rel(e.path.value);
    const fs::path resolved = (fs::path(e.base_dir) / rel).lexically_normal();
    out.resolved = resolved.string();
    util::FileSystem& files = *opt.fs;
    const bool inside = !rel.is_absolute() && util::is_within(resolved, opt.root_dir) &&
                        util::is_within(files.identity(resolved), files.identity(opt.root_dir));
    if (!inside) {
        out.status = Status::NotFound;
        out.outside_folder = true;
        out.reason = "outside the declaration's folder; not followed";
        return out;
    }
    switch (files.kind(resolved)) {
    case util::FileSystem::Kind::Missing:
        out.status = Status::NotFound;
        out.reason = fmt::format("{} does not exist", out.resolved);
        break;
    case util::FileSystem::Kind::Other:
        out.status = Status::NotFound;
        out.reason = fmt::format("{} is not a file or folder", out.resolved);
        break;
    case util::FileSystem::Kind::Directory:
        out.count = static_cast<int>(files.files_under(resolved).size());
        break;
    case util::FileSystem::Kind::File:
        break;
    }
    return out;
}

void assess(ChecklistItem& item, const model::Declaration& d, const ChecklistOptions& opt,
            const std::map<const model::EvidenceEntry*, PathCheck>& paths) {
    const model::EvidenceEntry& e = *item.entry;
    item.collected = e.collected.value;
    item.owner = e.owner.value;
    item.count = 1;
    if (e.url.present()) {
        item.where = e.url.value;
        item.is_url = true;
    } else {
        item.where = e.path.value;
        const PathCheck& p = paths.at(&e);
        item.count = p.count;
        if (p.status == Status::NotFound) {
            item.status = Status::NotFound;
            item.outside_folder = p.outside_folder;
            item.reason = p.reason;
            return;
        }
    }
    if (e.count.present()) {
        item.count = e.count.value;
    }

    const auto& period = d.audit.period;
    const bool type2 = d.audit.type.value == model::AuditType::Type2;
    const util::Date collected = e.collected.value;
    const Cadence cadence = item.def->cadence;
    if (cadence == Cadence::PerAuditPeriod) {
        item.due = type2 ? period.end.value : collected.plus_days(365);
    } else {
        item.due = collected.plus_days(cadence_days(cadence));
    }
    item.status = Status::Provided;
    if (type2 && (collected < period.start.value || period.end.value < collected)) {
        item.status = Status::Stale;
        item.reason =
            fmt::format("collected {}, outside the audit period {} to {}", collected.to_string(),
                        period.start->to_string(), period.end->to_string());
    } else if ((cadence != Cadence::PerAuditPeriod || !type2) && *item.due < opt.as_of) {
        item.status = Status::Stale;
        item.reason = fmt::format("collected {}; due again {} ({})", collected.to_string(),
                                  item.due->to_string(), cadence_name(cadence));
    }
    if (item.count < item.def->min_count) {
        item.status = Status::Missing;
        item.reason = fmt::format("{} of at least {} examples", item.count, item.def->min_count);
    }
}

} // namespace

Checklist build_checklist(const model::Declaration& d, const std::string& file,
                          const ChecklistOptions& options) {
    util::DiskFileSystem disk;
    ChecklistOptions opt = options;
    if (opt.fs == nullptr) {
        opt.fs = &disk;
    }
    Checklist out;
    out.file = file;
    out.organization = d.organization.name.value;
    out.system = d.organization.system.value;
    out.as_of = opt.as_of;

    std::map<const model::EvidenceEntry*, PathCheck> paths;
    for (const auto& e : d.evidence) {
        if (e.path.present()) {
            const PathCheck& p = paths.emplace(&e, check_path(e, opt)).first->second;
            if (p.status == Status::NotFound) {
                out.path_problems.push_back({&e, p.outside_folder, p.reason});
            }
        }
    }
    auto usable = [&](const model::EvidenceEntry& e) {
        return !e.path.present() || paths.at(&e).status != Status::NotFound;
    };
    for (auto& [id, by] : required_items(d)) {
        ChecklistItem item;
        item.id = id;
        item.def = find_item(id);
        item.area = id.substr(0, id.find('.'));
        item.required_by = by;
        // The entry to judge the item by: one whose path works before one whose does not,
        // then the most recently collected.
        for (const auto& e : d.evidence) {
            if (!e.satisfies.contains(id)) {
                continue;
            }
            if (item.entry == nullptr ||
                std::tuple(usable(e), e.collected.value) >
                    std::tuple(usable(*item.entry), item.entry->collected.value)) {
                item.entry = &e;
            }
        }
        if (item.entry != nullptr) {
            assess(item, d, opt, paths);
        } else {
            item.reason = item.optional() ? "optional" : "no evidence declared";
        }
        out.items.push_back(std::move(item));
    }
    std::stable_sort(out.items.begin(), out.items.end(), [](const auto& a, const auto& b) {
        return std::tuple(area_rank(a.area), item_rank(a.def), a.id) <
               std::tuple(area_rank(b.area), item_rank(b.def), b.id);
    });

    for (ChecklistItem& item : out.items) {
        switch (item.status) {
        case Status::Provided:
            ++out.provided;
            break;
        case Status::Stale:
            ++out.stale;
            break;
        case Status::Missing:
            out.missing += item.optional() ? 0u : 1u;
            break;
        case Status::NotFound:
            ++out.not_found;
            break;
        }
        if (out.areas.empty() || out.areas.back().id != item.area) {
            const Area* area = find_area(item.area);
            out.areas.push_back(
                {item.area, std::string(area != nullptr ? area->title : item.area), 0, 0});
        }
        if (item.counted()) {
            ++out.areas.back().total;
            out.areas.back().provided += item.status == Status::Provided ? 1u : 0u;
        }
    }
    for (const MinimumSetEntry& m : minimum_set()) {
        MinimumProgress p;
        p.number = m.number;
        p.title = std::string(m.title);
        for (std::string_view id : m.items) {
            auto it = std::find_if(out.items.begin(), out.items.end(),
                                   [&](const auto& item) { return item.id == id; });
            if (holds(m.condition, d) && it != out.items.end()) {
                it->in_minimum_set = true;
                p.items.emplace_back(id);
                p.provided += it->status == Status::Provided ? 1u : 0u;
            }
        }
        p.applies = !p.items.empty();
        out.minimum.push_back(std::move(p));
    }
    return out;
}

void check_evidence_references(const model::Declaration& d, diag::Diagnostics& diags) {
    std::vector<std::string> known;
    for (const CatalogueItem& item : catalogue()) {
        if (item.id != k_vendor_report_template) {
            known.emplace_back(item.id);
        }
    }
    for (const auto& v : d.vendors) {
        known.push_back(fmt::format("vendor.{}.soc-report", v.id.value));
    }
    for (const auto& e : d.evidence) {
        for (std::size_t i = 0; i < e.satisfies.size(); ++i) {
            const auto& id = e.satisfies.items[i];
            if (std::find(known.begin(), known.end(), id.value) != known.end()) {
                continue;
            }
            const auto near = util::closest_match(id.value, known);
            const std::string path = fmt::format("{}.satisfies[{}]", e.at.path, i);
            if (auto vendor = vendor_of(id.value)) {
                diags.error(id.loc, path,
                            fmt::format("'{}' names vendor '{}', which is not declared under "
                                        "vendors{}",
                                        id.value, *vendor,
                                        near ? fmt::format(" (did you mean '{}'?)", *near) : ""));
                continue;
            }
            diags.error(id.loc, path,
                        fmt::format("unknown evidence item '{}'{}; `soc2scope evidence` lists the "
                                    "items this declaration needs",
                                    id.value,
                                    near ? fmt::format(" (did you mean '{}'?)", *near) : ""));
        }
    }
}

} // namespace soc2scope::evidence
