#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <soc2scope/diag/diagnostic.hpp>
#include <soc2scope/evidence/catalogue.hpp>
#include <soc2scope/model/declaration.hpp>
#include <soc2scope/util/files.hpp>

namespace soc2scope::evidence {

enum class Status { Provided, Stale, Missing, NotFound };
std::string_view to_string(Status s);

struct ChecklistItem {
    std::string id; // vendor items carry the vendor id: vendor.aws.soc-report
    const CatalogueItem* def = nullptr;
    std::string area;
    Status status = Status::Missing;
    std::vector<std::string> required_by; // rule ids and "minimum evidence set #N"
    bool in_minimum_set = false;

    // From the declaration entry that satisfies it (the most recently collected one).
    const model::EvidenceEntry* entry = nullptr;
    std::optional<util::Date> collected;
    std::optional<util::Date> due;
    std::string owner;
    std::string where; // the path or URL as written
    bool is_url = false;
    bool outside_folder = false; // the path escapes the declaration's folder: not followed
    int count = 0;
    std::string reason; // why it is stale, missing or not found

    bool optional() const { return def->optional; }
    // Whether it counts towards progress: everything but an optional item nobody provided.
    bool counted() const { return !(optional() && status == Status::Missing); }
};

struct AreaProgress {
    std::string id;
    std::string title;
    std::size_t provided = 0;
    std::size_t total = 0;
};

struct MinimumProgress {
    int number = 0;
    std::string title;
    bool applies = false;
    std::vector<std::string> items; // those that apply
    std::size_t provided = 0;
};

// An evidence entry whose path cannot be used, whichever items it satisfies.
struct PathProblem {
    const model::EvidenceEntry* entry = nullptr;
    bool outside_folder = false;
    std::string reason;
};

struct Checklist {
    std::string file;
    std::string organization;
    std::string system;
    util::Date as_of;
    std::vector<ChecklistItem> items; // by area, then catalogue order
    std::vector<AreaProgress> areas;
    std::vector<MinimumProgress> minimum;
    std::vector<PathProblem> path_problems; // in declaration order
    std::size_t provided = 0, stale = 0, missing = 0, not_found = 0;
};

struct ChecklistOptions {
    util::Date as_of;
    util::FileSystem* fs = nullptr; // where evidence paths are looked up
    std::filesystem::path root_dir; // the declaration's folder; paths may not leave it
};

Checklist build_checklist(const model::Declaration& decl, const std::string& file,
                          const ChecklistOptions& options);

// Input errors: evidence entries naming an unknown item (with a suggestion) or a vendor
// that is not declared.
void check_evidence_references(const model::Declaration& decl, diag::Diagnostics& diags);

} // namespace soc2scope::evidence
