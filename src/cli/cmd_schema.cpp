#include <soc2scope/embedded/embedded.hpp>

#include "common.hpp"

namespace soc2scope::cli {

namespace {

ExitStatus run_schema(const Context& ctx) {
    // The schema is JSON whatever the default --format says; only a contrary request fails.
    if (ctx.options.format != "text" && !check_format(ctx, "schema", {"json"})) {
        return ExitStatus::Invalid;
    }
    return emit(ctx, embedded::schema_json());
}

} // namespace

Runner setup_schema(CLI::App& sub) {
    sub.footer(
        std::string(
            "Prints schemas/soc2scope.schema.json (JSON Schema draft-07), byte for byte.\n") +
        "Point an editor at it with a first line such as\n"
        "  # yaml-language-server: $schema=soc2scope.schema.json\n" +
        std::string(k_global_options_help));
    return run_schema;
}

} // namespace soc2scope::cli
