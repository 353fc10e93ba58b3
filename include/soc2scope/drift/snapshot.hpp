#pragma once

#include <string>
#include <vector>

#include <soc2scope/model/declaration.hpp>
#include <soc2scope/util/result.hpp>

namespace soc2scope::drift {

// The boundary as approved: what a lock records and drift compares. Only what changes the
// scope story is in it (not owners, controls or evidence), in a normalized, sorted form.
struct ComponentSnap {
    std::string id;
    std::string kind;
    std::string scope;
    std::string operated_by; // us, customer, shared or vendor:<id>
    std::vector<std::string> data;
    friend bool operator==(const ComponentSnap&, const ComponentSnap&) = default;
};

struct ResponsibilitySnap {
    std::string domain; // normalized
    std::string vendor;
    std::string customer;
    friend bool operator==(const ResponsibilitySnap&, const ResponsibilitySnap&) = default;
};

struct TriggerSnap {
    std::string id;
    bool fires = false;
    friend bool operator==(const TriggerSnap&, const TriggerSnap&) = default;
};

struct Snapshot {
    std::vector<std::string> criteria;
    std::vector<TriggerSnap> triggers;
    std::vector<ComponentSnap> components;            // sorted by id
    std::vector<ResponsibilitySnap> responsibilities; // sorted by domain
};

Snapshot snapshot_of(const model::Declaration& decl);
// "sha256:<hex>" of the snapshot's canonical JSON.
std::string digest_of(const Snapshot& s);

struct Lock {
    std::string declaration; // the root file's name, relative to the lock
    std::string approved_by;
    std::string reason;
    util::Date approved_on;
    Snapshot boundary;
};

// Deterministic bytes: same boundary and approval, same file.
std::string render_lock(const Lock& lock);
// Reads a lock, refusing one whose digest does not match its boundary (edited by hand).
Result<Lock, std::string> parse_lock(std::string_view text);

enum class ChangeKind {
    ComponentAdded,
    ComponentRemoved,
    ScopeNarrowed,
    ScopeWidened,
    OperatedByChanged,
    ComponentChanged, // kind or data
    ResponsibilityChanged,
    TriggerChanged,
    CriteriaChanged
};

struct Change {
    ChangeKind kind;
    std::string subject; // component id, domain, trigger id or "criteria"
    std::string before;
    std::string after;
};

std::vector<Change> diff(const Snapshot& before, const Snapshot& after);
std::string_view rule_id(ChangeKind kind);

} // namespace soc2scope::drift
