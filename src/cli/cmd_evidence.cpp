#include <iostream>

#include <fmt/format.h>

#include <soc2scope/evidence/bundle.hpp>
#include <soc2scope/evidence/checklist.hpp>
#include <soc2scope/report/evidence_render.hpp>

#include "common.hpp"

namespace soc2scope::cli {

namespace {

struct EvidenceOptions {
    bool hash = false;
    std::string pack;
    bool allow_outside = false;
};

ExitStatus run_evidence(const Context& ctx, const EvidenceOptions& opts) {
    if (!check_format(ctx, "evidence", {"text", "markdown", "csv", "json", "html"})) {
        return ExitStatus::Invalid;
    }
    const load::LoadResult loaded = load_declaration(ctx);
    if (!loaded.ok()) {
        return ExitStatus::Invalid;
    }
    const model::Declaration& decl = *loaded.declaration;
    util::DiskFileSystem disk;
    evidence::ChecklistOptions copt;
    copt.as_of = ctx.clock.today();
    copt.fs = &disk;
    copt.root_dir = declaration_dir(ctx);
    const evidence::Checklist list = evidence::build_checklist(decl, ctx.options.file, copt);

    if (opts.hash || !opts.pack.empty()) {
        auto files = evidence::collect_files(decl, copt.root_dir, disk, opts.allow_outside);
        if (!files) {
            print_error(ctx, files.error());
            return ExitStatus::Invalid;
        }
        for (const std::string& s : files->skipped) {
            if (!ctx.options.quiet) {
                std::cerr << "soc2scope: warning: not in the manifest: " << s << '\n';
            }
        }
        if (!opts.pack.empty()) {
            evidence::PackContents pack;
            auto manifest = evidence::make_manifest(files->files, "files/");
            if (!manifest) {
                print_error(ctx, manifest.error());
                return ExitStatus::Invalid;
            }
            pack.files = files->files;
            pack.manifest = *manifest;
            pack.checklist_markdown = report::render_evidence_markdown(list);
            pack.checklist_html = report::render_evidence_html(list);
            pack.as_of = copt.as_of;
            if (auto written = evidence::write_pack(opts.pack, pack); !written) {
                print_error(ctx, written.error());
                return ExitStatus::Invalid;
            }
            if (!ctx.options.quiet) {
                std::cerr << fmt::format("wrote {}: {} evidence file{}, the manifest and the "
                                         "checklist\n",
                                         opts.pack, files->files.size(),
                                         files->files.size() == 1 ? "" : "s");
            }
            if (!opts.hash) {
                return ExitStatus::Ok;
            }
        }
        auto manifest = evidence::make_manifest(files->files);
        if (!manifest) {
            print_error(ctx, manifest.error());
            return ExitStatus::Invalid;
        }
        return emit(ctx, *manifest);
    }

    const std::string& f = ctx.options.format;
    if (f == "markdown") {
        return emit(ctx, report::render_evidence_markdown(list));
    }
    if (f == "csv") {
        return emit(ctx, report::render_evidence_csv(list));
    }
    if (f == "json") {
        return emit(ctx, report::render_evidence_json(list));
    }
    if (f == "html") {
        return emit(ctx, report::render_evidence_html(list));
    }
    return emit(ctx, report::render_evidence_text(list, ctx.stdout_color));
}

} // namespace

Runner setup_evidence(CLI::App& sub) {
    auto opts = std::make_shared<EvidenceOptions>();
    sub.add_flag("--hash", opts->hash,
                 "Print a SHA-256 manifest of every evidence file (sha256sum's format) instead");
    sub.add_option("--pack", opts->pack,
                   "Write FILE.tar.gz for the auditor: evidence files, manifest, checklist")
        ->option_text("FILE");
    sub.add_flag("--allow-outside", opts->allow_outside,
                 "Let --hash and --pack include evidence outside the declaration's folder");
    sub.footer(std::string("Formats: text (default), markdown (a task list), csv, json, html.\n"
                           "Manifest names are relative to the declaration's folder, so\n"
                           "`cd <folder> && sha256sum -c` verifies them.\n") +
               k_global_options_help);
    return [opts](const Context& ctx) { return run_evidence(ctx, *opts); };
}

} // namespace soc2scope::cli
