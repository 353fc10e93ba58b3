// libFuzzer target: arbitrary bytes as a declaration. The loader must return diagnostics or
// a declaration, never crash, hang or exhaust memory.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <soc2scope/evidence/checklist.hpp>
#include <soc2scope/load/loader.hpp>
#include <soc2scope/rules/engine.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace soc2scope;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto result = load::load_string(text, "fuzz.yaml");
    if (result.declaration) {
        rules::check_rule_references(*result.declaration, result.diagnostics);
        evidence::check_evidence_references(*result.declaration, result.diagnostics);
    }
    for (const auto& d : result.diagnostics.items()) {
        (void)diag::render_text(d, *result.sources, {});
    }
    return 0;
}
