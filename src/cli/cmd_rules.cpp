#include <fmt/format.h>

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
    const rules::RuleInfo* rule = rules::find_rule(id);
    if (rule == nullptr) {
        const auto near = util::closest_match(id, rules::rule_ids());
        print_error(ctx, fmt::format("unknown rule '{}'{}; `soc2scope rules` lists them",
                                     util::quote_for_message(id),
                                     near ? fmt::format(" (did you mean '{}'?)", *near) : ""));
        return ExitStatus::Invalid;
    }
    return emit(ctx, report::render_explain(*rule));
}

} // namespace

Runner setup_rules(CLI::App& sub) {
    sub.footer(std::string("Formats: text (default), json, markdown (docs/rules.md).\n") +
               k_global_options_help);
    return run_rules;
}

Runner setup_explain(CLI::App& sub) {
    auto id = std::make_shared<std::string>();
    sub.add_option("RULE", *id, "Rule id, e.g. device-auth.revocation")->required();
    sub.footer(k_global_options_help);
    return [id](const Context& ctx) { return run_explain(ctx, *id); };
}

} // namespace soc2scope::cli
