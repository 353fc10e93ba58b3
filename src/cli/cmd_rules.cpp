#include <fmt/format.h>

#include <soc2scope/evidence/catalogue.hpp>
#include <soc2scope/report/render.hpp>
#include <soc2scope/rules/rule.hpp>
#include <soc2scope/util/strings.hpp>

#include "common.hpp"

namespace soc2scope::cli {

namespace {

ExitStatus run_rules(const Context& ctx) {
    if (!check_format(ctx, "rules", {"text", "json", "markdown"})) {
        return ExitStatus::Invalid;
    }
    if (ctx.options.format == "json") {
        return emit(ctx, report::render_rules_json());
    }
    if (ctx.options.format == "markdown") {
        return emit(ctx, report::render_rules_markdown());
    }
    return emit(ctx, report::render_rules_text());
}

ExitStatus run_explain(const Context& ctx, const std::string& id) {
    if (!check_format(ctx, "explain", {"text"})) {
        return ExitStatus::Invalid;
    }
    if (const rules::RuleInfo* rule = rules::find_rule(id)) {
        return emit(ctx, report::render_explain(*rule));
    }
    // Rule ids and evidence ids never share a name, so one argument serves both.
    if (std::string text = report::render_explain_evidence(id); !text.empty()) {
        return emit(ctx, text);
    }
    std::vector<std::string_view> known = rules::rule_ids();
    for (const evidence::CatalogueItem& item : evidence::catalogue()) {
        known.push_back(item.id);
    }
    const auto near = util::closest_match(id, known);
    print_error(ctx, fmt::format("unknown rule or evidence id '{}'{}; `soc2scope rules` lists "
                                 "the rules, docs/evidence.md the evidence items",
                                 util::quote_for_message(id),
                                 near ? fmt::format(" (did you mean '{}'?)", *near) : ""));
    return ExitStatus::Invalid;
}

} // namespace

Runner setup_rules(CLI::App& sub) {
    sub.footer(std::string("Formats: text (default), json, markdown (docs/rules.md).\n") +
               k_global_options_help);
    return run_rules;
}

Runner setup_explain(CLI::App& sub) {
    auto id = std::make_shared<std::string>();
    sub.add_option("ID", *id,
                   "Rule id (device-auth.revocation) or evidence id (device-auth.identity-model)")
        ->required();
    sub.footer(k_global_options_help);
    return [id](const Context& ctx) { return run_explain(ctx, *id); };
}

} // namespace soc2scope::cli
