#include <map>
#include <optional>

#include <fmt/format.h>

#include "builtin.hpp"

namespace soc2scope::rules::builtin {

using model::ComponentKind;
using model::Operator;
using model::RelationKind;
using model::Scope;

namespace {

bool is_device(const model::Component& c) {
    return c.kind.value == ComponentKind::Device || c.kind.value == ComponentKind::Gateway;
}

bool has_domain(const model::Declaration& decl, std::string_view domain) {
    for (const auto& r : decl.responsibilities) {
        if (r.domain_key == domain) {
            return true;
        }
    }
    return false;
}

// Why the service depends on devices, in the declaration's words.
std::string device_dependence(const Context& ctx) {
    std::vector<std::string_view> why;
    if (ctx.device_auth()) {
        why.push_back("devices authenticate to the cloud");
    }
    if (ctx.firmware()) {
        why.push_back("you push firmware to them");
    }
    if (ctx.telemetry()) {
        why.push_back("customers rely on their telemetry");
    }
    if (ctx.support()) {
        why.push_back("support can reach them");
    }
    std::string out;
    for (std::size_t i = 0; i < why.size(); ++i) {
        out += i == 0 ? "" : (i + 1 == why.size() ? " and " : ", ");
        out += why[i];
    }
    return out;
}

void check_underreach(const Context& ctx, Sink& sink) {
    if (!ctx.any_device_trigger()) {
        return;
    }
    const model::Component* excluded = nullptr;
    for (const auto& c : ctx.decl.components) {
        if (!is_device(c)) {
            continue;
        }
        if (c.scope.value != Scope::Out) {
            return; // devices are in or shared
        }
        excluded = excluded != nullptr ? excluded : &c;
    }
    if (has_domain(ctx.decl, "device_identity") || has_domain(ctx.decl, "physical_access")) {
        return; // a shared-responsibility statement covers them
    }
    const std::string because = device_dependence(ctx);
    if (excluded != nullptr) {
        sink.add("boundary.device-underreach", excluded, excluded->at.path + ".scope",
                 excluded->scope.loc,
                 fmt::format("`{}` is scoped `out` while {}, and no responsibilities row for "
                             "device_identity or physical_access says what customers do",
                             excluded->id.value, because));
        return;
    }
    sink.add("boundary.device-underreach", nullptr, "components",
             ctx.capability_location(ctx.decl.section_location("components")),
             fmt::format("{}, but no device or gateway is declared in or shared and no "
                         "responsibilities row for device_identity or physical_access says what "
                         "customers do",
                         because));
}

void check_component_scopes(const Context& ctx, Sink& sink) {
    bool any_out = false;
    for (const auto& c : ctx.decl.components) {
        const Scope scope = c.scope.value;
        any_out = any_out || scope == Scope::Out;
        const Operator op = c.effective_operator();
        const bool customer_place = c.kind.value == ComponentKind::CustomerNetwork ||
                                    c.kind.value == ComponentKind::CustomerSite;
        if (scope == Scope::In && customer_place && op.kind != Operator::Kind::Us) {
            sink.add(
                "boundary.overreach", &c, c.at.path + ".scope", c.scope.loc,
                fmt::format("`{}` is a customer {} the customer controls, yet it is scoped "
                            "`in`",
                            c.id.value,
                            c.kind.value == ComponentKind::CustomerNetwork ? "network" : "site"));
        } else if (scope == Scope::In && is_device(c) && op.kind == Operator::Kind::Customer) {
            sink.add("boundary.overreach", &c, c.at.path + ".scope", c.scope.loc,
                     fmt::format("`{}` is a {} the customer operates, yet it is scoped `in` as if "
                                 "you managed it",
                                 c.id.value, model::to_string(c.kind.value)));
        }
        if (scope != Scope::In && !c.rationale.present()) {
            sink.add("boundary.rationale", &c, c.at.path + ".rationale", c.scope.loc,
                     fmt::format("`{}` is scoped `{}` without a rationale", c.id.value,
                                 model::to_string(scope)));
        }
        struct Need {
            ComponentKind kind;
            bool enabled;
            const char* capability;
        };
        const Need needs[] = {
            {ComponentKind::DeviceIdentity, ctx.device_auth(), "device_authentication"},
            {ComponentKind::FirmwareUpdateService, ctx.firmware(), "firmware_updates"},
            {ComponentKind::RemoteCommand, ctx.remote_config(),
             "firmware_updates.remote_configuration"},
            {ComponentKind::TelemetryIngestion, ctx.telemetry(), "telemetry_reliance"},
        };
        for (const Need& n : needs) {
            if (c.kind.value == n.kind && !n.enabled) {
                sink.add("boundary.kind-capability-mismatch", &c, c.at.path + ".kind", c.kind.loc,
                         fmt::format("`{}` is of kind `{}`, but capabilities.{} is not enabled",
                                     c.id.value, model::to_string(n.kind), n.capability));
            }
        }
    }
    if (!any_out) {
        sink.add("boundary.out-of-scope-explicit", nullptr, "components",
                 ctx.capability_location(ctx.decl.section_location("components")),
                 "nothing is declared out of scope: the boundary does not say what customers "
                 "control");
    }
}

// Scope follows responsibility through relations: whatever authenticates, deploys, defines
// or administers something in the boundary is itself in it. The closure is transitive, so a
// vault that administers the CI that deploys an in-scope service is in scope too.
void check_relations(const Context& ctx, Sink& sink) {
    const auto& comps = ctx.decl.components;
    struct Reason {
        const model::Component* target;
        RelationKind kind;
    };
    std::map<std::string_view, std::optional<Reason>> pulled; // id -> why it is in the boundary
    for (const auto& c : comps) {
        if (c.scope.value != Scope::Out) {
            pulled.emplace(c.id.value, std::nullopt);
        }
    }
    auto acts = [](RelationKind k) { return k != RelationKind::SendsDataTo; };
    bool changed = true;
    while (changed) {
        changed = false;
        for (const auto& c : comps) {
            if (pulled.contains(c.id.value) ||
                c.effective_operator().kind == Operator::Kind::Customer) {
                continue;
            }
            for (const auto& r : c.relations) {
                if (!acts(r.kind) || !pulled.contains(r.target.value)) {
                    continue;
                }
                pulled.emplace(c.id.value, Reason{ctx.decl.find_component(r.target.value), r.kind});
                changed = true;
                break;
            }
        }
    }
    for (const auto& c : comps) {
        auto it = pulled.find(c.id.value);
        if (it == pulled.end() || !it->second) {
            continue;
        }
        const Reason& why = *it->second;
        std::string chain = fmt::format("`{}` {} `{}`", c.id.value, model::to_string(why.kind),
                                        why.target->id.value);
        const model::Component* step = why.target;
        for (int guard = 0; guard < 64; ++guard) {
            const auto& next = pulled.at(step->id.value);
            if (!next) {
                break;
            }
            chain += fmt::format(", which {} `{}`", model::to_string(next->kind),
                                 next->target->id.value);
            step = next->target;
        }
        chain += fmt::format(" (scoped `{}`)", model::to_string(step->scope.value));
        std::string_view rule = "boundary.relation-in-scope";
        if (c.kind.value == ComponentKind::IdentityProvider &&
            why.kind == RelationKind::Authenticates) {
            rule = "access.idp-in-scope";
        } else if ((c.kind.value == ComponentKind::CiCd && why.kind == RelationKind::Deploys) ||
                   (c.kind.value == ComponentKind::Iac && why.kind == RelationKind::Defines)) {
            rule = "change.pipeline-in-scope";
        }
        sink.add(rule, &c, c.at.path + ".scope", c.scope.loc,
                 fmt::format("{}, but `{}` is scoped `out`", chain, c.id.value));
    }
}

void check_responsibilities(const Context& ctx, Sink& sink) {
    struct Domain {
        const char* key;
        bool applies;
        const char* because;
    };
    const Domain domains[] = {
        {"device_identity", ctx.device_auth(), "devices authenticate to the cloud"},
        {"network_exposure", ctx.any_device_trigger(),
         "devices reach the cloud over customer networks"},
        {"firmware_updates", ctx.firmware(), "you push firmware to devices"},
        {"telemetry_integrity", ctx.telemetry(), "customers rely on device telemetry"},
        {"physical_access", ctx.any_device_trigger(), "devices sit on customer premises"},
    };
    const diag::SourceLocation table = ctx.decl.section_location("responsibilities");
    for (const Domain& d : domains) {
        if (!d.applies || has_domain(ctx.decl, d.key)) {
            continue;
        }
        sink.add(
            "responsibility.coverage", nullptr, "responsibilities",
            table.known() ? table : ctx.capability_location({}),
            fmt::format("no responsibilities row for `{}`, though {}: say what you do and what "
                        "customers do",
                        d.key, d.because));
    }
    for (const auto& r : ctx.decl.responsibilities) {
        const bool vendor = r.vendor.present();
        const bool customer = r.customer.present();
        if (vendor && customer) {
            continue;
        }
        sink.add("responsibility.both-sides", nullptr, r.at.path, r.at.loc,
                 fmt::format("the `{}` row says nothing about what {} do", r.domain.value,
                             !vendor && !customer ? "you or customers"
                             : !vendor            ? "you"
                                                  : "customers"));
    }
}

} // namespace

void check_boundary(const Context& ctx, Sink& sink) {
    check_underreach(ctx, sink);
    check_component_scopes(ctx, sink);
    check_relations(ctx, sink);
    check_responsibilities(ctx, sink);
}

} // namespace soc2scope::rules::builtin
