#include <soc2scope/rules/engine.hpp>
#include <soc2scope/statement/statement.hpp>

#include "common.hpp"

namespace soc2scope::cli {

namespace {

struct StatementOptions {
    bool internal = false;
};

ExitStatus run_statement(const Context& ctx, const StatementOptions& opts) {
    // The statement is a document: Markdown unless HTML is asked for.
    if (ctx.options.format != "text" && !check_format(ctx, "statement", {"markdown", "html"})) {
        return ExitStatus::Invalid;
    }
    const load::LoadResult loaded = load_declaration(ctx);
    if (!loaded.ok()) {
        return ExitStatus::Invalid;
    }
    const auto r = rules::run_check(*loaded.declaration, ctx.options.file, check_options(ctx));
    const auto s = statement::build_statement(*loaded.declaration, r, opts.internal);
    return emit(ctx, ctx.options.format == "html" ? statement::render_statement_html(s)
                                                  : statement::render_statement_markdown(s));
}

ExitStatus run_diagram(const Context& ctx) {
    if (ctx.options.format != "text" && !check_format(ctx, "diagram", {"mermaid", "dot", "svg"})) {
        return ExitStatus::Invalid;
    }
    const load::LoadResult loaded = load_declaration(ctx);
    if (!loaded.ok()) {
        return ExitStatus::Invalid;
    }
    const auto d = statement::diagram_of(*loaded.declaration);
    if (ctx.options.format == "dot") {
        return emit(ctx, statement::render_dot(d));
    }
    if (ctx.options.format == "svg") {
        return emit(ctx, statement::render_svg(d));
    }
    return emit(ctx, statement::render_mermaid(d));
}

} // namespace

Runner setup_statement(CLI::App& sub) {
    auto opts = std::make_shared<StatementOptions>();
    sub.add_flag("--internal", opts->internal,
                 "Include owners, open gaps and waivers (not for buyers)");
    sub.footer(std::string("Formats: markdown (default), html (self-contained: inline CSS and SVG, "
                           "prints to PDF).\n") +
               k_global_options_help);
    return [opts](const Context& ctx) { return run_statement(ctx, *opts); };
}

Runner setup_diagram(CLI::App& sub) {
    sub.footer(std::string("Formats: mermaid (default), dot (Graphviz), svg.\n") +
               k_global_options_help);
    return run_diagram;
}

} // namespace soc2scope::cli
