#include <cstdlib>
#include <iostream>
#include <set>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <soc2scope/util/date.hpp>
#include <soc2scope/util/strings.hpp>

#include "common.hpp"

namespace soc2scope::cli {
namespace {

constexpr Command k_commands[] = {
    {"init", "Write a commented starter soc2scope.yaml", setup_init},
    {"validate", "Check that the declaration loads: syntax, keys, types, references",
     setup_validate},
    {"check", "Check the declared scope against the built-in rules: the gap report", setup_check},
    {"evidence", "The evidence checklist: what each rule needs, its status and owner",
     setup_evidence},
    {"statement", "The buyer-facing boundary statement (Markdown or HTML)", setup_statement},
    {"diagram", "The boundary as a graph: Mermaid, Graphviz DOT or SVG", setup_diagram},
    {"lock", "Approve the current boundary: write soc2scope.lock.json", setup_lock},
    {"diff", "Show how the boundary changed: between files, or against a git revision", setup_diff},
    {"rules", "List the built-in rules", setup_rules},
    {"explain", "Explain a rule (why, what it checks, how to fix it) or an evidence item",
     setup_explain},
    {"schema", "Print the JSON Schema of the declaration (for editors and CI)", setup_schema},
};

// NO_COLOR (no-color.org): any non-empty value turns colour off unless --color=always.
bool use_color(const std::string& mode, int fd) {
    if (mode == "always") {
        return true;
    }
    if (mode == "never") {
        return false;
    }
    const char* no_color = std::getenv("NO_COLOR");
    if (no_color != nullptr && no_color[0] != '\0') {
        return false;
    }
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::string_view(term) == "dumb") {
        return false;
    }
    return ::isatty(fd) == 1;
}

// Accepts "16MiB", "200M", "1g", "1048576".
std::optional<std::uint64_t> parse_size(std::string text) {
    std::uint64_t value = 0;
    std::size_t i = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        if (value > (std::uint64_t{1} << 40)) {
            return std::nullopt;
        }
        value = value * 10 + static_cast<std::uint64_t>(text[i] - '0');
    }
    if (i == 0) {
        return std::nullopt;
    }
    std::string unit = text.substr(i);
    for (char& c : unit) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (unit.empty() || unit == "b") {
        return value;
    }
    if (unit == "k" || unit == "kib" || unit == "kb") {
        return value << 10;
    }
    if (unit == "m" || unit == "mib" || unit == "mb") {
        return value << 20;
    }
    if (unit == "g" || unit == "gib" || unit == "gb") {
        return value << 30;
    }
    return std::nullopt;
}

// CLI11 reports a mistyped command as a missing one; name it and suggest the nearest.
std::optional<std::string> unknown_command(int argc, char** argv) {
    static const std::set<std::string_view> k_valued = {
        "-f", "--file", "--as-of", "--format", "-o", "--output", "--color", "--max-file-size"};
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (k_valued.contains(arg)) {
            ++i;
            continue;
        }
        if (arg.empty() || arg.front() == '-') {
            continue;
        }
        std::vector<std::string_view> names;
        for (const Command& c : k_commands) {
            names.emplace_back(c.name);
        }
        const auto near = util::closest_match(arg, names);
        return fmt::format("soc2scope: error: unknown command '{}'{}; commands: {}\n",
                           util::quote_for_message(arg),
                           near ? fmt::format(" (did you mean '{}'?)", *near) : "",
                           util::join(std::span<const std::string_view>(names), ", "));
    }
    return std::nullopt;
}

int run(int argc, char** argv) {
    CLI::App app{"soc2scope: SOC 2 scoping for hardware-enabled SaaS, checked like code",
                 "soc2scope"};
    app.set_version_flag("--version", fmt::format("soc2scope {}", SOC2SCOPE_VERSION));
    app.require_subcommand(1);
    app.fallthrough(); // global options may follow the subcommand: `soc2scope check -f x.yaml`

    GlobalOptions g;
    std::string max_size_text;
    app.add_option("-f,--file", g.file, "Declaration to read")
        ->option_text("FILE (default: ./soc2scope.yaml)");
    app.add_option("--as-of", g.as_of, "Date every date-dependent result is computed for")
        ->option_text("YYYY-MM-DD (default: today)");
    app.add_option("--format", g.format, "Output format (each command lists its own)")
        ->capture_default_str();
    app.add_option("-o,--output", g.output,
                   "Write the report to FILE (atomically) instead of stdout")
        ->option_text("FILE");
    app.add_option("--color", g.color, "Colour on a terminal")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->capture_default_str();
    app.add_option("--max-file-size", max_size_text,
                   "Largest declaration file accepted, e.g. 64MiB")
        ->option_text("SIZE (default: 16MiB)");
    auto* quiet = app.add_flag("-q,--quiet", g.quiet, "Print errors only");
    app.add_flag("-v,--verbose", g.verbose, "Log what is loaded and why")->excludes(quiet);

    Runner chosen;
    for (const Command& c : k_commands) {
        CLI::App* sub = app.add_subcommand(c.name, c.summary);
        Runner runner = c.setup(*sub);
        sub->callback([&chosen, runner] { chosen = runner; });
    }

    app.failure_message([](const CLI::App*, const CLI::Error& e) {
        return fmt::format("soc2scope: error: {}\nRun 'soc2scope --help' for usage.\n", e.what());
    });

    Context ctx;
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() != 0 && app.get_subcommands().empty()) {
            if (auto unknown = unknown_command(argc, argv)) {
                std::cerr << *unknown;
                return static_cast<int>(ExitStatus::Invalid);
            }
        }
        const int code = app.exit(e);
        return code == 0 ? 0 : static_cast<int>(ExitStatus::Invalid);
    }

    ctx.options = g;
    ctx.stderr_color = use_color(g.color, STDERR_FILENO);
    ctx.stdout_color = g.output.empty() && use_color(g.color, STDOUT_FILENO);

    auto logger = spdlog::stderr_color_mt("soc2scope");
    logger->set_pattern("soc2scope: %l: %v");
    logger->set_level(g.verbose ? spdlog::level::debug : spdlog::level::warn);
    spdlog::set_default_logger(logger);

    if (!max_size_text.empty()) {
        auto size = parse_size(max_size_text);
        if (!size || *size == 0) {
            print_error(ctx, fmt::format("--max-file-size: cannot read '{}' as a size such as "
                                         "64MiB",
                                         util::quote_for_message(max_size_text)));
            return static_cast<int>(ExitStatus::Invalid);
        }
        ctx.options.max_file_size = *size;
    }
    if (g.as_of.empty()) {
        ctx.clock = util::Clock::system();
    } else if (auto d = util::parse_date(g.as_of)) {
        ctx.clock = util::Clock(*d);
    } else {
        print_error(ctx, fmt::format("--as-of: expected a date written YYYY-MM-DD, got '{}'",
                                     util::quote_for_message(g.as_of)));
        return static_cast<int>(ExitStatus::Invalid);
    }
    return static_cast<int>(chosen(ctx));
}

} // namespace
} // namespace soc2scope::cli

int main(int argc, char** argv) {
    try {
        return soc2scope::cli::run(argc, argv);
    } catch (const std::exception& e) {
        std::cerr << "soc2scope: error: " << e.what() << '\n';
        return static_cast<int>(soc2scope::cli::ExitStatus::Invalid);
    }
}
