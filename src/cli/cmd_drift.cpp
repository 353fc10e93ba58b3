#include <iostream>

#include <fmt/format.h>

#include <soc2scope/drift/snapshot.hpp>
#include <soc2scope/load/git_files.hpp>
#include <soc2scope/rules/engine.hpp>
#include <soc2scope/util/files.hpp>

#include "common.hpp"

namespace soc2scope::cli {

namespace {

struct LockOptions {
    std::string approved_by;
    std::string reason;
};

ExitStatus run_lock(const Context& ctx, const LockOptions& opts) {
    const load::LoadResult loaded = load_declaration(ctx);
    if (!loaded.ok()) {
        return ExitStatus::Invalid;
    }
    drift::Lock lock;
    lock.declaration = std::filesystem::path(ctx.options.file).filename().string();
    lock.approved_by = opts.approved_by;
    lock.reason = opts.reason;
    lock.approved_on = ctx.clock.today();
    lock.boundary = drift::snapshot_of(*loaded.declaration);
    const std::filesystem::path path = ctx.options.output.empty()
                                           ? default_lock_path(ctx)
                                           : std::filesystem::path(ctx.options.output);
    if (auto w = util::write_file_atomically(path, drift::render_lock(lock)); !w) {
        print_error(ctx, w.error());
        return ExitStatus::Invalid;
    }
    if (!ctx.options.quiet) {
        std::cerr << fmt::format("wrote {}: {} components, {} approved by {} on {}\n",
                                 path.string(), lock.boundary.components.size(),
                                 drift::digest_of(lock.boundary), lock.approved_by,
                                 lock.approved_on.to_string());
    }
    return ExitStatus::Ok;
}

struct DiffOptions {
    std::vector<std::string> files;
    std::string against;
    std::string fail_on = "error";
};

ExitStatus run_diff(const Context& ctx, const DiffOptions& opts) {
    if (!check_format(ctx, "diff", k_report_formats)) {
        return ExitStatus::Invalid;
    }
    if (!opts.against.empty() && !opts.files.empty()) {
        print_error(ctx, "give either --against REV or files to compare, not both");
        return ExitStatus::Invalid;
    }
    if (opts.against.empty() && opts.files.empty()) {
        print_error(ctx,
                    "nothing to compare: `soc2scope diff OLD NEW`, `soc2scope diff OLD` (against "
                    "-f) or `soc2scope diff --against REV`");
        return ExitStatus::Invalid;
    }
    Context new_ctx = ctx;
    if (opts.files.size() == 2) {
        new_ctx.options.file = opts.files[1];
    }
    drift::Snapshot before;
    std::string baseline_name;
    if (!opts.against.empty()) {
        auto git = load::GitFileSystem::open(opts.against);
        if (!git) {
            print_error(ctx, git.error());
            return ExitStatus::Invalid;
        }
        load::LoadOptions lo;
        lo.max_file_size = ctx.options.max_file_size;
        load::LoadResult old = load::load_file(ctx.options.file, *git, lo);
        print_diagnostics(ctx, old);
        if (!old.ok()) {
            print_error(ctx, fmt::format("the declaration at {} does not load", opts.against));
            return ExitStatus::Invalid;
        }
        before = drift::snapshot_of(*old.declaration);
        baseline_name = fmt::format("{} at {}", ctx.options.file, opts.against);
    } else {
        auto loaded = load_baseline(ctx, opts.files[0]);
        if (!loaded) {
            return ExitStatus::Invalid;
        }
        before = loaded->first;
        baseline_name = loaded->second;
    }
    const load::LoadResult now = load_declaration(new_ctx);
    if (!now.ok()) {
        return ExitStatus::Invalid;
    }
    rules::CheckOptions options = check_options(new_ctx);
    options.fail_on = rules::severity_from_string(opts.fail_on);
    options.baseline = before;
    options.baseline_name = baseline_name;
    options.drift_only = true;
    const auto r = rules::run_check(*now.declaration, new_ctx.options.file, options);
    return emit_report(new_ctx, r, *now.sources);
}

} // namespace

Runner setup_lock(CLI::App& sub) {
    auto opts = std::make_shared<LockOptions>();
    sub.add_option("--approved-by", opts->approved_by, "Who approved this boundary")->required();
    sub.add_option("--reason", opts->reason, "Why it changed (the change log of the boundary)")
        ->required();
    sub.footer(
        std::string("Writes soc2scope.lock.json beside the declaration (or -o FILE): the approved\n"
                    "boundary, its digest and the approval. Commit it; `check` then reports every\n"
                    "difference from it as drift.\n") +
        k_global_options_help);
    return [opts](const Context& ctx) { return run_lock(ctx, *opts); };
}

Runner setup_diff(CLI::App& sub) {
    auto opts = std::make_shared<DiffOptions>();
    sub.add_option("FILES", opts->files, "OLD [NEW]: declarations or a lock (NEW defaults to -f)")
        ->expected(0, 2);
    sub.add_option("--against", opts->against,
                   "Compare -f with the same declaration at a git revision")
        ->option_text("REV");
    sub.add_option("--fail-on", opts->fail_on, "Exit 1 when a change is at or above this severity")
        ->check(CLI::IsMember({"error", "warning", "info", "never"}))
        ->capture_default_str();
    sub.footer(
        std::string(
            "Formats: text (default), json, markdown (a pull-request comment), sarif, junit, "
            "github.\n") +
        k_global_options_help);
    return [opts](const Context& ctx) { return run_diff(ctx, *opts); };
}

} // namespace soc2scope::cli
