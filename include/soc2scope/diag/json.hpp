#pragma once

#include <soc2scope/diag/diagnostic.hpp>

#include <nlohmann/json.hpp>

namespace soc2scope::diag {

// {"severity", "file", "line", "column", "path", "message", "notes": [...]} per diagnostic.
nlohmann::json to_json(const Diagnostic& d, const SourceFiles& files);
nlohmann::json to_json(const Diagnostics& ds, const SourceFiles& files);

} // namespace soc2scope::diag
