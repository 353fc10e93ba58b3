#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <soc2scope/diag/source.hpp>
#include <soc2scope/model/enums.hpp>
#include <soc2scope/util/date.hpp>

namespace soc2scope::model {

using diag::SourceLocation;

// A value with the place it was written. An absent optional key has no location, so a rule
// about a missing key points at the enclosing item instead.
template <typename T>
struct Located {
    T value{};
    SourceLocation loc;

    bool present() const { return loc.known(); }
    const T& operator*() const { return value; }
    const T* operator->() const { return &value; }
};

template <typename T>
struct LocatedList {
    std::vector<Located<T>> items;
    SourceLocation loc;

    bool present() const { return loc.known(); }
    bool empty() const { return items.empty(); }
    std::size_t size() const { return items.size(); }
    auto begin() const { return items.begin(); }
    auto end() const { return items.end(); }
    bool contains(const T& v) const {
        for (const auto& item : items) {
            if (item.value == v) {
                return true;
            }
        }
        return false;
    }
};

// Every item of a list section knows where it stands and its key path inside its own file
// ("components[3]"), so a finding can name both.
struct Anchor {
    SourceLocation loc;
    std::string path;
};

struct Organization {
    Located<std::string> name;
    Located<std::string> system;
    Located<std::string> description;
    SourceLocation loc;
};

struct Period {
    Located<util::Date> start;
    Located<util::Date> end;
    SourceLocation loc;
};

struct Audit {
    Located<AuditType> type;
    Period period;
    LocatedList<Criterion> criteria;
    SourceLocation loc;

    bool has(Criterion c) const { return criteria.contains(c); }
};

struct DeviceAuthentication {
    Located<bool> enabled;
    Located<CredentialType> credential;
    SourceLocation loc;
};

struct FirmwareUpdates {
    Located<bool> enabled;
    Located<bool> remote_configuration;
    SourceLocation loc;
};

struct TelemetryReliance {
    Located<bool> enabled;
    LocatedList<TelemetryUse> used_for;
    SourceLocation loc;
};

struct SupportAccess {
    Located<bool> enabled;
    LocatedList<SupportAction> actions;
    SourceLocation loc;
};

struct Capabilities {
    DeviceAuthentication device_authentication;
    FirmwareUpdates firmware_updates;
    TelemetryReliance telemetry_reliance;
    SupportAccess support_access;
    Located<bool> customer_operations_impact;
    SourceLocation loc;
};

// Who runs a component: the service organization itself, its customers, both, or a vendor.
struct Operator {
    enum class Kind { Us, Customer, Shared, Vendor };
    Kind kind = Kind::Us;
    std::string vendor; // the vendor id when kind == Vendor

    friend bool operator==(const Operator&, const Operator&) = default;
};

struct Relation {
    RelationKind kind;
    Located<std::string> target; // a component id
};

struct EnvironmentFacts {
    Located<bool> production;
    Located<bool> real_customer_data;
    SourceLocation loc;
};

// Which infrastructure resources a component claims, for inventory drift: a resource type
// and name glob and tags that must all match.
struct MatchSelector {
    Located<std::string> type; // glob on the resource type, e.g. aws_s3_bucket
    Located<std::string> name; // glob on the resource name (the address's last label)
    std::vector<std::pair<std::string, std::string>> tags; // value may be a glob
    SourceLocation loc;
};

struct Component {
    Anchor at;
    Located<std::string> id;
    Located<std::string> name; // defaults to the id when absent
    Located<ComponentKind> kind;
    Located<Scope> scope;
    Located<Operator> operated_by;
    Located<std::string> owner;
    LocatedList<DataClass> data;
    LocatedList<std::string> controls;
    std::vector<Relation> relations;
    SourceLocation relations_loc;
    Located<std::string> rationale;
    Located<std::string> description;
    EnvironmentFacts environment;
    Located<std::string> vendor; // a vendor id
    std::vector<MatchSelector> match;
    SourceLocation match_loc;

    bool has_control(std::string_view token) const;
    bool holds(DataClass d) const { return data.contains(d); }
    // operated_by if given; else the vendor it names; else the customer for customer
    // networks and sites; else us.
    Operator effective_operator() const;
};

struct SocReport {
    Located<util::Date> period_end;
    Located<util::Date> reviewed;
    Located<bool> bridge_letter;
    SourceLocation loc;

    bool present() const { return loc.known(); }
};

struct Vendor {
    Anchor at;
    Located<std::string> id;
    Located<std::string> name;
    Located<std::string> description;
    Located<bool> customer_data;
    Located<VendorMethod> method;
    SocReport soc2_report;
    LocatedList<std::string> csocs;
};

struct Responsibility {
    Anchor at;
    Located<std::string> domain;
    std::string domain_key; // normalized: "Device identity" -> "device_identity"
    Located<std::string> vendor;
    Located<std::string> customer;
};

struct Process {
    Located<bool> documented;
    Located<std::string> owner;
    Located<std::string> description;
    LocatedList<std::string> runbooks;
    LocatedList<std::string> tools;
    SourceLocation loc;
};

struct PeopleGroup {
    Anchor at;
    Located<std::string> group;
    Located<std::string> description;
    LocatedList<std::string> access_to; // component ids
    Located<bool> training;
    Located<bool> offboarding;
};

struct EvidenceEntry {
    Anchor at;
    LocatedList<std::string> satisfies; // evidence item ids
    Located<std::string> path;          // relative to the file that declares it
    Located<std::string> url;
    Located<util::Date> collected;
    Located<std::string> owner;
    Located<std::string> note;
    Located<int> count;   // how many examples it holds, for "2 to 3 examples" items
    std::string base_dir; // directory of the declaring file, for resolving `path`
};

struct Waiver {
    Anchor at;
    Located<std::string> rule;
    Located<std::string> component;
    Located<std::string> reason;
    Located<std::string> approved_by;
    Located<util::Date> expires;
};

struct Declaration {
    Located<int> version;
    Organization organization;
    Audit audit;
    Capabilities capabilities;
    std::vector<Component> components;
    std::vector<Vendor> vendors;
    std::vector<Responsibility> responsibilities;
    std::map<ProcessKind, Process> processes;
    std::vector<PeopleGroup> people;
    std::vector<EvidenceEntry> evidence;
    std::vector<Waiver> waivers;
    std::vector<std::string> files; // every file loaded, root first, as the user named them
    // Where each top-level section is first declared ("components" -> its key), so a finding
    // about a whole section can point at it.
    std::map<std::string, SourceLocation, std::less<>> sections;

    SourceLocation section_location(std::string_view name) const;

    const Component* find_component(std::string_view id) const;
    const Vendor* find_vendor(std::string_view id) const;
    const Process* find_process(ProcessKind kind) const;

    // Called once by the loader after every file is merged.
    void build_indexes();

private:
    std::unordered_map<std::string, std::size_t> m_component_index;
    std::unordered_map<std::string, std::size_t> m_vendor_index;
};

std::string normalize_domain(std::string_view domain);

} // namespace soc2scope::model
