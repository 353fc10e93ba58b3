#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <soc2scope/diag/json.hpp>

#include "common.hpp"

namespace soc2scope::cli {

namespace {

std::string plural(std::size_t n, std::string_view word) {
    return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

ExitStatus run_validate(const Context& ctx) {
    if (!check_format(ctx, "validate", {"text", "json"})) {
        return ExitStatus::Invalid;
    }
    const load::LoadResult result = load_declaration(ctx);
    const auto* decl = result.declaration ? &*result.declaration : nullptr;
    std::string report;
    if (ctx.options.format == "json") {
        nlohmann::ordered_json j;
        j["tool"] = "soc2scope";
        j["version"] = SOC2SCOPE_VERSION;
        j["file"] = ctx.options.file;
        j["valid"] = decl != nullptr;
        nlohmann::ordered_json files = nlohmann::ordered_json::array();
        for (diag::FileId id = 0; id < result.sources->size(); ++id) {
            files.push_back(result.sources->name(id));
        }
        j["files"] = files;
        j["errors"] = result.diagnostics.error_count();
        j["warnings"] = result.diagnostics.warning_count();
        j["diagnostics"] = diag::to_json(result.diagnostics, *result.sources);
        report = j.dump(2) + "\n";
    } else if (decl != nullptr && !ctx.options.quiet) {
        const std::size_t warnings = result.diagnostics.warning_count();
        report = fmt::format(
            "{}: valid ({}, {}, {}{})\n", ctx.options.file, plural(decl->files.size(), "file"),
            plural(decl->components.size(), "component"), plural(decl->vendors.size(), "vendor"),
            warnings > 0 ? ", " + plural(warnings, "warning") : "");
    }
    if (decl == nullptr) {
        // An output file is written only by a successful run, so a file on disk is never
        // the result of invalid input; the JSON verdict still goes to stdout.
        if (ctx.options.output.empty()) {
            emit(ctx, report);
        }
        return ExitStatus::Invalid;
    }
    return emit(ctx, report);
}

} // namespace

Runner setup_validate(CLI::App& sub) {
    sub.footer(std::string("Exit status: 0 valid, 2 invalid (every problem is printed as "
                           "file:line:col).\nFormats: text (default), json.\n") +
               k_global_options_help);
    return run_validate;
}

} // namespace soc2scope::cli
