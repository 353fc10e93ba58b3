#include <fmt/format.h>

#include <soc2scope/report/render.hpp>
#include <soc2scope/rules/engine.hpp>
#include <soc2scope/util/files.hpp>

#include "common.hpp"

namespace soc2scope::cli {

namespace {

struct CheckCliOptions {
    std::string fail_on = "error";
};

ExitStatus run_check(const Context& ctx, const CheckCliOptions& opts) {
    if (!check_format(ctx, "check", {"text", "json", "markdown"})) {
        return ExitStatus::Invalid;
    }
    const load::LoadResult loaded = load_declaration(ctx);
    if (!loaded.ok()) {
        return ExitStatus::Invalid;
    }
    rules::CheckOptions options;
    options.as_of = ctx.clock.today();
    options.fail_on = rules::severity_from_string(opts.fail_on); // "never" gives nothing
    util::DiskFileSystem disk;
    options.fs = &disk;
    options.root_dir = declaration_dir(ctx);
    const report::CheckReport r = rules::run_check(*loaded.declaration, ctx.options.file, options);

    std::string out;
    if (ctx.options.format == "json") {
        out = report::render_check_json(r, *loaded.sources);
    } else if (ctx.options.format == "markdown") {
        out = report::render_check_markdown(r, *loaded.sources);
    } else {
        out = report::render_check_text(r, *loaded.sources, ctx.stdout_color);
    }
    const ExitStatus written = emit(ctx, out);
    if (written != ExitStatus::Ok) {
        return written;
    }
    return r.failed ? ExitStatus::Findings : ExitStatus::Ok;
}

} // namespace

Runner setup_check(CLI::App& sub) {
    auto opts = std::make_shared<CheckCliOptions>();
    sub.add_option("--fail-on", opts->fail_on,
                   "Exit 1 when an open finding is at or above this severity")
        ->check(CLI::IsMember({"error", "warning", "info", "never"}))
        ->capture_default_str();
    sub.footer(std::string("Exit status: 0 nothing at or above --fail-on, 1 findings at or above "
                           "it, 2 invalid input.\nFormats: text (default), json, markdown.\n") +
               k_global_options_help);
    return [opts](const Context& ctx) { return run_check(ctx, *opts); };
}

} // namespace soc2scope::cli
