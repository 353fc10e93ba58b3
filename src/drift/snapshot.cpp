#include <algorithm>
#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <soc2scope/drift/snapshot.hpp>
#include <soc2scope/util/sha256.hpp>
#include <soc2scope/util/strings.hpp>

namespace soc2scope::drift {

using Json = nlohmann::ordered_json;

namespace {

constexpr int k_format_version = 1;

std::string operator_name(const model::Operator& op) {
    switch (op.kind) {
    case model::Operator::Kind::Us:
        return "us";
    case model::Operator::Kind::Customer:
        return "customer";
    case model::Operator::Kind::Shared:
        return "shared";
    case model::Operator::Kind::Vendor:
        return "vendor:" + op.vendor;
    }
    return "us";
}

Json boundary_json(const Snapshot& s) {
    Json triggers = Json::object();
    for (const auto& t : s.triggers) {
        triggers[t.id] = t.fires;
    }
    Json components = Json::array();
    for (const auto& c : s.components) {
        components.push_back({{"id", c.id},
                              {"kind", c.kind},
                              {"scope", c.scope},
                              {"operated_by", c.operated_by},
                              {"data", c.data}});
    }
    Json responsibilities = Json::array();
    for (const auto& r : s.responsibilities) {
        responsibilities.push_back(
            {{"domain", r.domain}, {"vendor", r.vendor}, {"customer", r.customer}});
    }
    return {{"criteria", s.criteria},
            {"triggers", triggers},
            {"components", components},
            {"responsibilities", responsibilities}};
}

int scope_rank(std::string_view scope) {
    return scope == "in" ? 2 : scope == "shared" ? 1 : 0;
}

} // namespace

Snapshot snapshot_of(const model::Declaration& d) {
    Snapshot s;
    for (const auto& c : d.audit.criteria) {
        s.criteria.emplace_back(model::to_string(c.value));
    }
    std::sort(s.criteria.begin(), s.criteria.end());
    const auto& caps = d.capabilities;
    s.triggers = {{"device_authentication", caps.device_authentication.enabled.value},
                  {"firmware_updates", caps.firmware_updates.enabled.value},
                  {"remote_configuration", caps.firmware_updates.enabled.value &&
                                               caps.firmware_updates.remote_configuration.value},
                  {"telemetry_reliance", caps.telemetry_reliance.enabled.value},
                  {"support_access", caps.support_access.enabled.value},
                  {"customer_operations_impact", caps.customer_operations_impact.value}};
    for (const auto& c : d.components) {
        ComponentSnap cs{c.id.value,
                         std::string(model::to_string(c.kind.value)),
                         std::string(model::to_string(c.scope.value)),
                         operator_name(c.effective_operator()),
                         {}};
        for (const auto& x : c.data) {
            cs.data.emplace_back(model::to_string(x.value));
        }
        std::sort(cs.data.begin(), cs.data.end());
        s.components.push_back(std::move(cs));
    }
    std::sort(s.components.begin(), s.components.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    for (const auto& r : d.responsibilities) {
        s.responsibilities.push_back({r.domain_key, r.vendor.value, r.customer.value});
    }
    std::sort(s.responsibilities.begin(), s.responsibilities.end(),
              [](const auto& a, const auto& b) { return a.domain < b.domain; });
    return s;
}

// Over the canonical form (keys sorted, no whitespace), so a lock reformatted by another JSON
// tool still verifies.
std::string digest_of(const Snapshot& s) {
    return "sha256:" + util::sha256_hex(nlohmann::json(boundary_json(s)).dump());
}

std::string render_lock(const Lock& lock) {
    Json j;
    j["format"] = "soc2scope-lock";
    j["format_version"] = k_format_version;
    j["declaration"] = lock.declaration;
    j["approval"] = {{"approved_by", lock.approved_by},
                     {"date", lock.approved_on.to_string()},
                     {"reason", lock.reason}};
    j["digest"] = digest_of(lock.boundary);
    j["boundary"] = boundary_json(lock.boundary);
    return j.dump(2) + "\n";
}

Result<Lock, std::string> parse_lock(std::string_view text) {
    using R = Result<Lock, std::string>;
    try {
        const nlohmann::json j = nlohmann::json::parse(text);
        if (j.value("format", "") != "soc2scope-lock") {
            return R::failure("not a soc2scope lock (its \"format\" is not \"soc2scope-lock\")");
        }
        if (j.value("format_version", 0) != k_format_version) {
            return R::failure(fmt::format("lock format_version {} is not supported (this soc2scope "
                                          "writes {})",
                                          j.value("format_version", 0), k_format_version));
        }
        Lock lock;
        lock.declaration = j.at("declaration").get<std::string>();
        const auto& a = j.at("approval");
        lock.approved_by = a.at("approved_by").get<std::string>();
        lock.reason = a.at("reason").get<std::string>();
        const auto date = util::parse_date(a.at("date").get<std::string>());
        if (!date) {
            return R::failure("approval.date is not a date");
        }
        lock.approved_on = *date;
        const auto& b = j.at("boundary");
        Snapshot& s = lock.boundary;
        s.criteria = b.at("criteria").get<std::vector<std::string>>();
        for (const auto& [id, fires] : b.at("triggers").items()) {
            s.triggers.push_back({id, fires.get<bool>()});
        }
        for (const auto& c : b.at("components")) {
            s.components.push_back({c.at("id").get<std::string>(), c.at("kind").get<std::string>(),
                                    c.at("scope").get<std::string>(),
                                    c.at("operated_by").get<std::string>(),
                                    c.at("data").get<std::vector<std::string>>()});
        }
        for (const auto& r : b.at("responsibilities")) {
            s.responsibilities.push_back({r.at("domain").get<std::string>(),
                                          r.at("vendor").get<std::string>(),
                                          r.at("customer").get<std::string>()});
        }
        if (digest_of(s) != j.at("digest").get<std::string>()) {
            return R::failure("its digest does not match its boundary (was it edited by hand?); "
                              "review the boundary and run `soc2scope lock` again");
        }
        return lock;
    } catch (const nlohmann::json::exception& e) {
        return R::failure(fmt::format("not a valid lock: {}", e.what()));
    }
}

std::vector<Change> diff(const Snapshot& before, const Snapshot& after) {
    std::vector<Change> out;
    if (before.criteria != after.criteria) {
        out.push_back({ChangeKind::CriteriaChanged, "criteria", util::join(before.criteria, ", "),
                       util::join(after.criteria, ", ")});
    }
    std::map<std::string, bool> old_triggers;
    for (const auto& t : before.triggers) {
        old_triggers[t.id] = t.fires;
    }
    for (const auto& t : after.triggers) {
        const bool was = old_triggers[t.id];
        if (was != t.fires) {
            out.push_back(
                {ChangeKind::TriggerChanged, t.id, was ? "on" : "off", t.fires ? "on" : "off"});
        }
    }
    std::map<std::string, const ComponentSnap*> old_components;
    for (const auto& c : before.components) {
        old_components[c.id] = &c;
    }
    for (const auto& c : after.components) {
        auto it = old_components.find(c.id);
        if (it == old_components.end()) {
            out.push_back({ChangeKind::ComponentAdded, c.id, "", c.scope});
            continue;
        }
        const ComponentSnap& o = *it->second;
        old_components.erase(it);
        if (o.scope != c.scope) {
            out.push_back({scope_rank(c.scope) < scope_rank(o.scope) ? ChangeKind::ScopeNarrowed
                                                                     : ChangeKind::ScopeWidened,
                           c.id, o.scope, c.scope});
        }
        if (o.operated_by != c.operated_by) {
            out.push_back({ChangeKind::OperatedByChanged, c.id, o.operated_by, c.operated_by});
        }
        if (o.kind != c.kind) {
            out.push_back({ChangeKind::ComponentChanged, c.id, "kind " + o.kind, "kind " + c.kind});
        }
        if (o.data != c.data) {
            out.push_back({ChangeKind::ComponentChanged, c.id,
                           "data [" + util::join(o.data, ", ") + "]",
                           "data [" + util::join(c.data, ", ") + "]"});
        }
    }
    for (const auto& [id, c] : old_components) {
        out.push_back({ChangeKind::ComponentRemoved, id, c->scope, ""});
    }
    std::map<std::string, const ResponsibilitySnap*> old_rows;
    for (const auto& r : before.responsibilities) {
        old_rows[r.domain] = &r;
    }
    for (const auto& r : after.responsibilities) {
        auto it = old_rows.find(r.domain);
        if (it == old_rows.end()) {
            out.push_back({ChangeKind::ResponsibilityChanged, r.domain, "no row", "a new row"});
            continue;
        }
        if (!(*it->second == r)) {
            const bool vendor = it->second->vendor != r.vendor;
            out.push_back({ChangeKind::ResponsibilityChanged, r.domain,
                           vendor ? it->second->vendor : it->second->customer,
                           vendor ? r.vendor : r.customer});
        }
        old_rows.erase(it);
    }
    for (const auto& [domain, r] : old_rows) {
        out.push_back({ChangeKind::ResponsibilityChanged, domain, "a row", "no row"});
    }
    return out;
}

std::string_view rule_id(ChangeKind kind) {
    switch (kind) {
    case ChangeKind::ComponentAdded:
        return "drift.component-added";
    case ChangeKind::ComponentRemoved:
        return "drift.component-removed";
    case ChangeKind::ScopeNarrowed:
        return "drift.scope-narrowed";
    case ChangeKind::ScopeWidened:
        return "drift.scope-widened";
    case ChangeKind::OperatedByChanged:
        return "drift.operated-by-changed";
    case ChangeKind::ComponentChanged:
        return "drift.component-changed";
    case ChangeKind::ResponsibilityChanged:
        return "drift.responsibility-changed";
    case ChangeKind::TriggerChanged:
        return "drift.trigger-changed";
    case ChangeKind::CriteriaChanged:
        return "drift.criteria-changed";
    }
    return "";
}

} // namespace soc2scope::drift
