#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include <CLI/CLI.hpp>

#include <soc2scope/drift/snapshot.hpp>
#include <soc2scope/load/loader.hpp>
#include <soc2scope/report/check_report.hpp>
#include <soc2scope/rules/engine.hpp>
#include <soc2scope/util/date.hpp>

namespace soc2scope::cli {

// Subcommand help shows only the subcommand's own options; this points at the rest.
inline constexpr const char* k_global_options_help =
    "Global options (before or after the command; see soc2scope --help):\n"
    "  -f FILE, --as-of YYYY-MM-DD, --format F, -o FILE, --color auto|always|never, -q, -v";

enum class ExitStatus : int { Ok = 0, Findings = 1, Invalid = 2 };

// Options every subcommand understands; the CLI11 parse fills them, `main` finishes them.
struct GlobalOptions {
    std::string file = "soc2scope.yaml";
    std::string as_of; // YYYY-MM-DD; empty means today
    std::string format = "text";
    std::string output; // empty means stdout
    std::string color = "auto";
    bool quiet = false;
    bool verbose = false;
    std::uint64_t max_file_size = load::k_default_max_file_size;
};

// What a command runs with, once the command line is parsed and checked.
struct Context {
    GlobalOptions options;
    util::Clock clock{util::Date{}};
    bool stderr_color = false;
    bool stdout_color = false;
};

using Runner = std::function<ExitStatus(const Context&)>;

// One entry per subcommand (ninja's kTools[]): each cmd_<name>.cpp provides setup_<name>,
// which registers its options and returns the function to run when it is chosen.
struct Command {
    const char* name;
    const char* summary;
    Runner (*setup)(CLI::App& sub);
};

Runner setup_init(CLI::App& sub);
Runner setup_validate(CLI::App& sub);
Runner setup_schema(CLI::App& sub);
Runner setup_check(CLI::App& sub);
Runner setup_evidence(CLI::App& sub);
Runner setup_lock(CLI::App& sub);
Runner setup_statement(CLI::App& sub);
Runner setup_diagram(CLI::App& sub);
Runner setup_diff(CLI::App& sub);
Runner setup_rules(CLI::App& sub);
Runner setup_explain(CLI::App& sub);

// Loads the declaration named by -f, checks what needs the rule registry (waiver rule ids),
// and prints the diagnostics to stderr (warnings too, unless -q). The result carries the
// declaration only when there were no errors.
load::LoadResult load_declaration(const Context& ctx);
void print_diagnostics(const Context& ctx, const load::LoadResult& result);

// Refuses a --format the command does not have, with the ones it does.
bool check_format(const Context& ctx, std::string_view command,
                  std::span<const std::string_view> formats);
inline bool check_format(const Context& ctx, std::string_view command,
                         std::initializer_list<std::string_view> formats) {
    return check_format(ctx, command,
                        std::span<const std::string_view>(formats.begin(), formats.size()));
}

// Sends a command's report to stdout, or atomically to -o.
ExitStatus emit(const Context& ctx, std::string_view content);

void print_error(const Context& ctx, std::string_view message);

// The folder of the declaration named by -f: evidence paths may not leave it.
std::filesystem::path declaration_dir(const Context& ctx);
// Options every command that runs the rules starts from: the --as-of date, and evidence
// looked up on disk inside the declaration's folder.
rules::CheckOptions check_options(const Context& ctx);

// soc2scope.lock.json beside the declaration.
std::filesystem::path default_lock_path(const Context& ctx);

// The approved boundary in `path`: a lock (.json) or another declaration. Problems are
// printed; nothing comes back then.
std::optional<std::pair<drift::Snapshot, std::string>> load_baseline(const Context& ctx,
                                                                     const std::string& path);

// Formats of every command that reports findings, and the one place that renders them.
inline constexpr std::string_view k_report_formats[] = {"text",  "json",  "markdown",
                                                        "sarif", "junit", "github"};
ExitStatus emit_report(const Context& ctx, const report::CheckReport& r,
                       const diag::SourceFiles& sources);

} // namespace soc2scope::cli
