#pragma once

#include <nlohmann/json.hpp>

#include <soc2scope/diag/diagnostic.hpp>

namespace soc2scope::diag {

// {"severity", "file", "line", "column", "path", "message", "notes": [...]} per diagnostic.
nlohmann::ordered_json to_json(const Diagnostic& d, const SourceFiles& files);
nlohmann::ordered_json to_json(const Diagnostics& ds, const SourceFiles& files);

} // namespace soc2scope::diag
