#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include <soc2scope/embedded/embedded.hpp>
#include <soc2scope/util/files.hpp>

#include "common.hpp"

namespace soc2scope::cli {

namespace {

struct InitOptions {
    std::string profile = "hardware-saas";
    bool force = false;
};

ExitStatus run_init(const Context& ctx, const InitOptions& opts) {
    namespace fs = std::filesystem;
    const auto text = embedded::starter_template(opts.profile);
    if (!text) {
        print_error(ctx, fmt::format("unknown profile '{}'", opts.profile));
        return ExitStatus::Invalid;
    }
    const fs::path target = ctx.options.file;
    // The starter's first line points editors at a schema beside it, so write that too.
    const fs::path schema = target.parent_path() / "soc2scope.schema.json";
    std::error_code ec;
    if (fs::exists(target, ec) && !opts.force) {
        print_error(
            ctx, fmt::format("{} already exists; pass --force to overwrite it", target.string()));
        return ExitStatus::Invalid;
    }
    if (auto w = util::write_file_atomically(target, *text); !w) {
        print_error(ctx, w.error());
        return ExitStatus::Invalid;
    }
    const bool write_schema = opts.force || !fs::exists(schema, ec);
    if (write_schema) {
        if (auto w = util::write_file_atomically(schema, embedded::schema_json()); !w) {
            print_error(ctx, w.error());
            return ExitStatus::Invalid;
        }
    }
    if (!ctx.options.quiet) {
        std::cerr << fmt::format("wrote {} (profile {}){}\n", target.string(), opts.profile,
                                 write_schema ? fmt::format(" and {}", schema.string()) : "");
        std::cerr << fmt::format("next: edit it, then run `soc2scope -f {} validate`\n",
                                 target.string());
    }
    return ExitStatus::Ok;
}

} // namespace

Runner setup_init(CLI::App& sub) {
    auto opts = std::make_shared<InitOptions>();
    sub.add_option("--profile", opts->profile, "Kind of company the starter describes")
        ->check(CLI::IsMember({"hardware-saas", "saas"}))
        ->capture_default_str();
    sub.add_flag("--force", opts->force, "Overwrite an existing declaration");
    sub.footer(std::string("Writes the declaration named by -f (default ./soc2scope.yaml) and, "
                           "beside it,\nsoc2scope.schema.json for editor completion.\n") +
               k_global_options_help);
    return [opts](const Context& ctx) { return run_init(ctx, *opts); };
}

} // namespace soc2scope::cli
