#include "common.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include <soc2scope/evidence/checklist.hpp>
#include <soc2scope/report/render.hpp>
#include <soc2scope/rules/engine.hpp>
#include <soc2scope/util/files.hpp>
#include <soc2scope/util/strings.hpp>

namespace soc2scope::cli {

void print_error(const Context& ctx, std::string_view message) {
    if (ctx.stderr_color) {
        std::cerr << "\x1b[1msoc2scope:\x1b[0m \x1b[1;31merror:\x1b[0m " << message << '\n';
    } else {
        std::cerr << "soc2scope: error: " << message << '\n';
    }
}

std::filesystem::path declaration_dir(const Context& ctx) {
    const std::filesystem::path dir = std::filesystem::path(ctx.options.file).parent_path();
    return dir.empty() ? std::filesystem::path(".") : dir;
}

rules::CheckOptions check_options(const Context& ctx) {
    rules::CheckOptions options;
    options.as_of = ctx.clock.today();
    options.root_dir = declaration_dir(ctx); // fs left null: the checklist reads the disk
    return options;
}

std::filesystem::path default_lock_path(const Context& ctx) {
    return std::filesystem::path(ctx.options.file).parent_path() / "soc2scope.lock.json";
}

std::optional<std::pair<drift::Snapshot, std::string>> load_baseline(const Context& ctx,
                                                                     const std::string& path) {
    if (path.ends_with(".json")) {
        util::DiskFileSystem disk;
        auto text = disk.read(path, ctx.options.max_file_size);
        if (!text) {
            print_error(ctx, fmt::format("{}: {}", path, text.error()));
            return std::nullopt;
        }
        auto lock = drift::parse_lock(*text);
        if (!lock) {
            print_error(ctx, fmt::format("{}: {}", path, lock.error()));
            return std::nullopt;
        }
        return std::pair{lock->boundary,
                         fmt::format("{}, approved by {} on {}", path, lock->approved_by,
                                     lock->approved_on.to_string())};
    }
    Context old = ctx;
    old.options.file = path;
    load::LoadResult loaded = load_declaration(old);
    if (!loaded.ok()) {
        return std::nullopt;
    }
    return std::pair{drift::snapshot_of(*loaded.declaration), path};
}

ExitStatus emit_report(const Context& ctx, const report::CheckReport& r,
                       const diag::SourceFiles& sources) {
    std::string out;
    const std::string& f = ctx.options.format;
    if (f == "json") {
        out = report::render_check_json(r, sources);
    } else if (f == "markdown") {
        out = report::render_check_markdown(r, sources);
    } else if (f == "sarif") {
        out = report::render_check_sarif(r, sources);
    } else if (f == "junit") {
        out = report::render_check_junit(r, sources);
    } else if (f == "github") {
        out = report::render_check_github(r, sources);
    } else {
        out = report::render_check_text(r, sources, ctx.stdout_color);
    }
    const ExitStatus written = emit(ctx, out);
    if (written != ExitStatus::Ok) {
        return written;
    }
    return r.failed ? ExitStatus::Findings : ExitStatus::Ok;
}

load::LoadResult load_declaration(const Context& ctx) {
    util::DiskFileSystem disk;
    load::LoadOptions options;
    options.max_file_size = ctx.options.max_file_size;
    load::LoadResult result = load::load_file(ctx.options.file, disk, options);
    if (result.declaration) {
        rules::check_rule_references(*result.declaration, result.diagnostics);
        evidence::check_evidence_references(*result.declaration, result.diagnostics);
        if (result.diagnostics.has_errors()) {
            result.declaration.reset();
        }
    }
    print_diagnostics(ctx, result);
    if (ctx.options.format == "github" &&
        (ctx.options.output.empty() || ctx.options.output == "-")) {
        std::cout << report::render_diagnostics_github(result.diagnostics, *result.sources);
        std::cout.flush();
    }
    std::error_code ec;
    if (!result.ok() && !std::filesystem::exists(ctx.options.file, ec)) {
        // Most often a first run in the wrong folder, or before there is a declaration.
        std::cerr << fmt::format("hint: no declaration at {}; run 'soc2scope init' to write a "
                                 "starter one there, or name yours with -f FILE\n",
                                 ctx.options.file);
    }
    return result;
}

void print_diagnostics(const Context& ctx, const load::LoadResult& result) {
    diag::RenderOptions render;
    render.color = ctx.stderr_color;
    std::string out;
    for (const auto& d : result.diagnostics.items()) {
        if (ctx.options.quiet && d.severity != diag::Severity::Error) {
            continue;
        }
        out += diag::render_text(d, *result.sources, render);
    }
    const std::size_t errors = result.diagnostics.error_count();
    if (errors > 0) {
        out += fmt::format("{} error{} in {}\n", errors, errors == 1 ? "" : "s", ctx.options.file);
    }
    std::cerr << out;
}

bool check_format(const Context& ctx, std::string_view command,
                  std::span<const std::string_view> formats) {
    for (std::string_view f : formats) {
        if (ctx.options.format == f) {
            return true;
        }
    }
    std::vector<std::string_view> names(formats.begin(), formats.end());
    print_error(ctx, fmt::format("'{}' has no --format {}; use one of: {}", command,
                                 util::quote_for_message(ctx.options.format),
                                 util::join(std::span<const std::string_view>(names), ", ")));
    return false;
}

ExitStatus emit(const Context& ctx, std::string_view content) {
    if (ctx.options.output.empty() || ctx.options.output == "-") {
        std::cout << content;
        std::cout.flush();
        return std::cout ? ExitStatus::Ok : ExitStatus::Invalid;
    }
    auto written = util::write_file_atomically(ctx.options.output, content);
    if (!written) {
        print_error(ctx, written.error());
        return ExitStatus::Invalid;
    }
    return ExitStatus::Ok;
}

} // namespace soc2scope::cli
