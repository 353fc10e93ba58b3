#include <algorithm>

#include <fmt/format.h>

#include <soc2scope/rules/engine.hpp>
#include <soc2scope/util/files.hpp>

#include "common.hpp"

namespace soc2scope::cli {

namespace {

struct CheckCliOptions {
    std::string fail_on = "error";
    std::string baseline;
    std::string inventory;
};

ExitStatus run_check(const Context& ctx, const CheckCliOptions& opts) {
    if (!check_format(ctx, "check", k_report_formats)) {
        return ExitStatus::Invalid;
    }
    load::LoadResult loaded = load_declaration(ctx);
    if (!loaded.ok()) {
        return ExitStatus::Invalid;
    }
    rules::CheckOptions options = check_options(ctx);
    options.fail_on = rules::severity_from_string(opts.fail_on); // "never" gives nothing
    util::DiskFileSystem disk;                                   // for the inventory
    // Drift: against --baseline, else the lock beside the declaration when there is one.
    std::string baseline = opts.baseline;
    std::error_code ec;
    if (baseline.empty() && std::filesystem::exists(default_lock_path(ctx), ec)) {
        baseline = default_lock_path(ctx).string();
    }
    if (!baseline.empty()) {
        auto loaded_baseline = load_baseline(ctx, baseline);
        if (!loaded_baseline) {
            return ExitStatus::Invalid;
        }
        options.baseline = std::move(loaded_baseline->first);
        options.baseline_name = std::move(loaded_baseline->second);
    }
    std::vector<drift::Resource> resources;
    if (!opts.inventory.empty()) {
        auto text = disk.read(opts.inventory,
                              std::max<std::uint64_t>(ctx.options.max_file_size, 256ull << 20));
        if (!text) {
            print_error(ctx, fmt::format("{}: {}", opts.inventory, text.error()));
            return ExitStatus::Invalid;
        }
        auto parsed = drift::parse_inventory(*text, opts.inventory);
        if (!parsed) {
            print_error(ctx, fmt::format("{}: {}", opts.inventory, parsed.error()));
            return ExitStatus::Invalid;
        }
        resources = std::move(*parsed);
        options.inventory = &resources;
        options.inventory_name = opts.inventory;
    }
    const report::CheckReport r = rules::run_check(*loaded.declaration, ctx.options.file, options);
    // The report carries everything rendering needs; a large model need not stay alongside
    // the rendered text (this sets the peak memory of checking a large declaration).
    loaded.declaration.reset();
    return emit_report(ctx, r, *loaded.sources);
}

} // namespace

Runner setup_check(CLI::App& sub) {
    auto opts = std::make_shared<CheckCliOptions>();
    sub.add_option("--fail-on", opts->fail_on,
                   "Exit 1 when an open finding is at or above this severity")
        ->check(CLI::IsMember({"error", "warning", "info", "never"}))
        ->capture_default_str();
    sub.add_option(
           "--baseline", opts->baseline,
           "Report drift from this lock or declaration (default: soc2scope.lock.json beside "
           "the declaration, when there is one)")
        ->option_text("FILE");
    sub.add_option("--inventory", opts->inventory,
                   "Compare match selectors with real resources: terraform show -json output, or a "
                   "JSON or CSV list of resources")
        ->option_text("FILE");
    sub.footer(std::string("Exit status: 0 nothing at or above --fail-on, 1 findings at or above "
                           "it, 2 invalid input.\nFormats: text (default), json, markdown, sarif, "
                           "junit, github.\n") +
               k_global_options_help);
    return [opts](const Context& ctx) { return run_check(ctx, *opts); };
}

} // namespace soc2scope::cli
