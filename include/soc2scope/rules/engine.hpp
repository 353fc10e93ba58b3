#pragma once

#include <filesystem>

#include <soc2scope/diag/diagnostic.hpp>
#include <soc2scope/drift/inventory.hpp>
#include <soc2scope/drift/snapshot.hpp>
#include <soc2scope/model/declaration.hpp>
#include <soc2scope/report/check_report.hpp>
#include <soc2scope/util/files.hpp>

namespace soc2scope::rules {

struct CheckOptions {
    util::Date as_of;
    std::optional<Severity> fail_on = Severity::Error;
    util::FileSystem* fs = nullptr; // where evidence paths are looked up; the disk by default
    std::filesystem::path root_dir; // the declaration's folder
    // The approved boundary to report drift from, and how to name it in messages.
    std::optional<drift::Snapshot> baseline;
    std::string baseline_name;
    bool drift_only = false; // `diff`: only what changed, no other rule
    // Real infrastructure to compare the declaration's match selectors with.
    const std::vector<drift::Resource>* inventory = nullptr;
    std::string inventory_name;
};

// Whether a rule is evaluated for this declaration at all (its trigger fires, its criteria
// are selected...). A rule that applies asks for its evidence, whether or not it fires.
bool rule_applies(const RuleInfo& rule, const model::Declaration& decl);

// Runs every built-in rule, applies waivers and summarizes. `file` names the declaration in
// the report.
report::CheckReport run_check(const model::Declaration& decl, const std::string& file,
                              const CheckOptions& options);

// Input errors that need the rule registry: a waiver naming an unknown rule. Reported with
// a "did you mean" like any other declaration error, by `validate` and `check` alike.
void check_rule_references(const model::Declaration& decl, diag::Diagnostics& diags);

} // namespace soc2scope::rules
